import type { WalkColumns } from "./walk-columns";
import type { WalkDefinition } from "./walk";

/**
 * Chains of an ordered or strict funnel (DESIGN.md, "Funnel definitions", Chains), for one group of
 * starts of one held-value track, in one forward pass over the track's events.
 *
 * A *label* at step j stands for chains that end at step j: (e, ts, d_0 … d_{nx-1}) = the chain's last
 * event, its entry's time and, per open exclusion x (a ≤ j < b), the index of the first event matching x
 * after the chain's step-a event (the chain may reach step b only with its step-b event before that).
 * Event i extends a label at step j to step j' (j < j', only optional steps between) when
 * t_i − ts ≤ window, t_i − t_e ≤ within(j'), strict: no real event lies between e and i (i real), and i is before
 * the deadline of each exclusion closing at j'. A label dominates another when it is at least as good in
 * every coordinate (later e, later ts, later deadlines), so only the non-dominated ones are kept: every
 * chain that some dropped label could continue, a kept one continues too, with an entry at least as late
 * (so the fastest times are kept). Without `within`, exclusions and strict the lists hold one label each.
 */
export type ChainPrep = {
  k: number;
  windowMs: number;
  strict: boolean;
  optionalMask: number;
  /** index j: within of step j+1 in ms (Infinity when none) */
  within: Float64Array;
  /** index j: the largest `within` of the steps a chain at step j+1 can go to next (Infinity if one has none) */
  staleAfter: Float64Array;
  /** index j': the steps (0-based) whose labels step j'+1 may continue */
  preds: number[][];
  /** index j: bitmask of the exclusions whose step a is j+1 (opened there) */
  opens: Int32Array;
  /** index j: bitmask of the exclusions whose step b is j+1 (checked there) */
  closes: Int32Array;
  /** index j: bitmask of the exclusions still open at a chain that ends at step j+1 */
  open: Int32Array;
  nx: number;
  /** label stride: e, ts, then one deadline per exclusion */
  stride: number;
  /** compare e in dominance (needed by within and strict only) */
  useE: boolean;
};

const prepared = new WeakMap<WalkDefinition, ChainPrep>();

/** The definition's tables for chainPass (cached per definition object). */
export function chainPrep(def: WalkDefinition): ChainPrep {
  const cached = prepared.get(def);
  if (cached) return cached;
  const k = def.k;
  const optional = (j: number) => (def.optionalMask & (1 << j)) !== 0;
  const within = new Float64Array(k);
  for (let j = 0; j < k; j++) within[j] = j === 0 ? Infinity : (def.withinMs[j] ?? Infinity);
  const preds: number[][] = [];
  for (let j2 = 0; j2 < k; j2++) {
    const p: number[] = [];
    for (let j = j2 - 1; j >= 0; j--) {
      p.push(j);
      if (!optional(j)) break;
    }
    preds.push(p);
  }
  const staleAfter = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let most = j === k - 1 ? -Infinity : 0;
    for (let j2 = j + 1; j2 < k; j2++) {
      most = Math.max(most, within[j2]);
      if (!optional(j2)) break;
    }
    staleAfter[j] = most;
  }
  const nx = def.exclusions.length;
  const opens = new Int32Array(k);
  const closes = new Int32Array(k);
  const open = new Int32Array(k);
  def.exclusions.forEach(([a, b], x) => {
    opens[a - 1] |= 1 << x;
    closes[b - 1] |= 1 << x;
    for (let j = a - 1; j < b - 1; j++) open[j] |= 1 << x;
  });
  const strict = def.order === "strict";
  const prep: ChainPrep = {
    k,
    windowMs: def.windowMs,
    strict,
    optionalMask: def.optionalMask,
    within,
    staleAfter,
    preds,
    opens,
    closes,
    open,
    nx,
    stride: 2 + nx,
    useE: strict || within.some((w) => w !== Infinity),
  };
  prepared.set(def, prep);
  return prep;
}

/** What a pass found for its group: level 0 when it started nothing; fastest[j] Infinity when no chain contains step j+1. */
export type PassResult = { index: number; level: number; optionalMask: number; fastest: Float64Array };

const NONE = 2147483647;
/** Labels per step in flat typed arrays (stride `p.stride`), grown when a list outgrows them; labN[j] labels at step j. */
const lab: Float64Array[] = Array.from({ length: 32 }, () => new Float64Array(64));
const labN = new Int32Array(32);
const cand = new Float64Array(8);

/**
 * One group's chains over the track's events list[from … end-1] (indices into c, in order). Starts are
 * the entries of group g that match step 1 (per start: the entry at index g alone); the pass stops once
 * no chain from them can grow (t > lastStartT + window).
 */
export function chainPass(
  c: WalkColumns,
  p: ChainPrep,
  g: number,
  list: Int32Array,
  from: number,
  end: number,
  lastStartT: number,
  out: PassResult,
  perStart: boolean,
): void {
  const { k, windowMs, strict, stride, nx } = p;
  out.index = -1;
  out.level = 0;
  out.optionalMask = 0;
  out.fastest.fill(Infinity, 0, k);
  labN.fill(0, 0, k);
  for (let q = from; q < end; q++) {
    const i = list[q];
    const ti = c.t[i];
    if (ti - lastStartT > windowMs) break;
    // strict: an identify/alias/group call is not an event, so it can only start a chain (nothing precedes c1)
    const m = strict && !c.real[i] ? c.steps[i] & 1 : c.steps[i];
    if (m === 0) continue;
    for (let j2 = k - 1; j2 >= 0; j2--) {
      if (!(m & (1 << j2))) continue;
      if (j2 === 0) {
        if (!c.entry[i] || (perStart ? i !== g : c.group[i] !== g)) continue;
        cand[0] = i;
        cand[1] = ti;
        for (let x = 0; x < nx; x++) cand[2 + x] = p.opens[0] & (1 << x) ? c.nextExcl[i * nx + x] : NONE;
        insert(0, p);
        if (out.index < 0) out.index = i;
        if (out.level < 1) out.level = 1;
        out.fastest[0] = 0;
        continue;
      }
      const preds = p.preds[j2];
      for (let pi = 0; pi < preds.length; pi++) {
        const j = preds[pi];
        const L = lab[j];
        const end = labN[j] * stride;
        let w = 0;
        for (let r = 0; r < end; r += stride) {
          const e = L[r];
          const ts = L[r + 1];
          // dead for every later event too: out of the window, too long ago for any next step's within, or not adjacent (strict)
          if (ti - ts > windowMs || ti - c.t[e] > p.staleAfter[j] || (strict && c.prevReal[i] > e)) continue;
          if (w !== r) for (let s = 0; s < stride; s++) L[w + s] = L[r + s];
          w += stride;
          if (ti - c.t[e] > p.within[j2]) continue;
          let blocked = false;
          const closes = p.closes[j2];
          for (let x = 0; x < nx && !blocked; x++) if (closes & (1 << x) && i > L[r + 2 + x]) blocked = true;
          if (blocked) continue;
          cand[0] = i;
          cand[1] = ts;
          const opens = p.opens[j2];
          const open = p.open[j2];
          for (let x = 0; x < nx; x++) cand[2 + x] = opens & (1 << x) ? c.nextExcl[i * nx + x] : open & (1 << x) ? L[r + 2 + x] : NONE;
          if (out.level < j2 + 1) out.level = j2 + 1;
          if (ti - ts < out.fastest[j2]) out.fastest[j2] = ti - ts;
          if (p.optionalMask & (1 << j2)) out.optionalMask |= 1 << j2;
          insert(j2, p);
        }
        labN[j] = w / stride;
      }
    }
  }
}

/** Adds `cand` to step j's labels unless one there dominates it; drops the labels it dominates. */
function insert(j: number, p: ChainPrep): void {
  const { stride, useE } = p;
  let L = lab[j];
  const end = labN[j] * stride;
  for (let r = 0; r < end; r += stride) {
    let dominated = !useE || L[r] >= cand[0];
    for (let s = 1; s < stride && dominated; s++) if (L[r + s] < cand[s]) dominated = false;
    if (dominated) return;
  }
  let w = 0;
  for (let r = 0; r < end; r += stride) {
    let dominates = !useE || cand[0] >= L[r];
    for (let s = 1; s < stride && dominates; s++) if (cand[s] < L[r + s]) dominates = false;
    if (dominates) continue;
    if (w !== r) for (let s = 0; s < stride; s++) L[w + s] = L[r + s];
    w += stride;
  }
  if (w + stride > L.length) {
    const grown = new Float64Array(L.length * 2);
    grown.set(L.subarray(0, w));
    lab[j] = L = grown;
  }
  for (let s = 0; s < stride; s++) L[w + s] = cand[s];
  labN[j] = w / stride + 1;
}
