/**
 * The per-person walk of a funnel definition (DESIGN.md, "Funnel semantics" and "Funnel definitions"):
 * pure, no I/O. The engine feeds it one person's events, already matched against the steps (name, path,
 * where, conditions evaluated in SQL or JS), and gets back, per chain start (or per group of starts),
 * the level reached, the optional steps some chain contains and the fastest time to each step.
 */
import { TIME_TO_CONVERT_BINS, type FunnelOrder, type TimeToConvert } from "./types";
import { fillColumns, type WalkColumns } from "./walk-columns";
import { chainPass, chainPrep, type PassResult } from "./walk-chains";
import { anyPass } from "./walk-any";

/** One event of a person, as the walk sees it. */
export type WalkEvent = {
  /** ms since epoch */
  t: number;
  /** bitmask of the steps this event matches: bit j-1 for step j (at most 30 steps) */
  steps: number;
  /** bitmask of the exclusions this event matches: bit i for exclusion i (at most 5) */
  excl: number;
  /** in [from, to) and passes the segment filters: may start a chain (ordered/strict) or an attempt (any) */
  entry: boolean;
  /** counts as an event for "strict" (page views and track calls); false for identify/alias/group calls */
  real: boolean;
  /** the held fields' values on this event, in the definition's hold order (null: missing) */
  hold?: readonly (string | null)[];
  /** walkGroups: the group of this entry (a breakdown value, a facts day+segment, a trend period); default 0 */
  group?: number;
};

/** What the walk needs of a definition (normalizeDefinition in validate.ts gives the rest). */
export type WalkDefinition = {
  /** number of steps k, 2–30 */
  k: number;
  /** the conversion window, ms, inclusive */
  windowMs: number;
  order: FunnelOrder;
  /** bit j-1 set: step j is optional (never the first or the last) */
  optionalMask: number;
  /** index j-1: step j's `within` in ms (inclusive), or Infinity; index 0 is ignored */
  withinMs: readonly number[];
  /** exclusion i (bit i of WalkEvent.excl) applies strictly between the chain's events of steps a and b (1-based) */
  exclusions: readonly (readonly [number, number])[];
  /** number of held fields (0–3): WalkEvent.hold has this many values */
  hold: number;
};

/** The result of one chain start (walkPerson) or one group of starts (walkGroups). */
export type WalkStart = {
  /** walkPerson: the index of the entry event; walkGroups: the index of the group's first entry that starts anything */
  index: number;
  /** walkGroups: the group */
  group: number;
  /** the highest step number any chain (attempt, for any order) from this start reaches (≥ 1) */
  level: number;
  /** bit j-1: optional step j is contained in some chain from this start */
  optionalMask: number;
  /**
   * index j-1: the fastest ms from the entry to step j over the chains from this start that contain step j,
   * or null when none does (always 0 for step 1). For any order: the fastest ms until the attempt's events
   * can fill j different steps.
   */
  fastest: (number | null)[];
};

/**
 * One result per chain start that starts anything (an entry event that matches step 1 with the held
 * values present; for any order, an entry that matches some step), in the order of the entries. The
 * person's level is the max over starts, the fastest time to step j the min, and an optional step is
 * reached when some start's mask has it. Events must be sorted by (time, receipt order).
 * Cost: one pass per start over the events in its window (see walkGroups for many starts).
 */
export function walkPerson(events: readonly WalkEvent[], def: WalkDefinition): WalkStart[] {
  return run(events, def, true);
}

/**
 * Like walkPerson, but one result per group of starts (WalkEvent.group of the entry): level = max,
 * fastest = min, optionalMask = OR over the group's starts, `index` its first entry that starts anything.
 * Ordered and strict: one pass per group (and held-value track) over the events from its first start to
 * its last start + window, so a bot with 50,000 events in one group costs one pass, not 50,000.
 * @public (the engine's entry point; knip: not yet imported)
 */
export function walkGroups(events: readonly WalkEvent[], def: WalkDefinition): WalkStart[] {
  return run(events, def, false);
}

let listBuf = new Int32Array(64);
const out: PassResult = { index: -1, level: 0, optionalMask: 0, fastest: new Float64Array(32) };

function run(events: readonly WalkEvent[], def: WalkDefinition, perStart: boolean): WalkStart[] {
  const c = fillColumns(events, def, perStart);
  const n = c.n;
  if (listBuf.length < n) listBuf = new Int32Array(Math.max(n, listBuf.length * 2));
  // the events of each held-value track, in order, one after the other in listBuf
  const spans = trackSpans(c, listBuf);
  const results = new Map<number, WalkStart>();
  const emit = (group: number, r: PassResult) => merge(results, group, r, def.k);
  for (let s = 0; s < spans.length; s += 2) {
    const list = listBuf.subarray(spans[s], spans[s] + spans[s + 1]);
    const len = spans[s + 1];
    if (def.order === "any") {
      anyPass(c, def.k, def.windowMs, list, len, out, emit);
      continue;
    }
    const prep = chainPrep(def);
    // per group of this track: its first start's position and its last start's time
    const groups = new Map<number, [number, number]>();
    for (let q = 0; q < len; q++) {
      const i = list[q];
      if (!c.entry[i] || !(c.steps[i] & 1) || (prep.strict && !c.real[i])) continue;
      const g = groups.get(c.group[i]);
      if (g) g[1] = c.t[i];
      else groups.set(c.group[i], [q, c.t[i]]);
    }
    for (const [g, [from, lastT]] of groups) {
      chainPass(c, prep, g, list, from, len, lastT, out);
      if (out.level > 0) emit(g, out);
    }
  }
  return [...results.values()].sort((x, y) => x.index - y.index);
}

/** [start, length] pairs of each track's events in `buf` (counting sort by track; track 0, a missing held value, left out). */
function trackSpans(c: WalkColumns, buf: Int32Array): number[] {
  const n = c.n;
  let tracks = 0;
  for (let i = 0; i < n; i++) if (c.track[i] > tracks) tracks = c.track[i];
  if (tracks <= 1) {
    let len = 0;
    for (let i = 0; i < n; i++) if (c.track[i] === 1) buf[len++] = i;
    return [0, len];
  }
  const count = new Int32Array(tracks + 2);
  for (let i = 0; i < n; i++) count[c.track[i] + 1]++;
  for (let h = 1; h <= tracks + 1; h++) count[h] += count[h - 1];
  const spans: number[] = [];
  for (let h = 1; h <= tracks; h++) spans.push(count[h] - count[1], count[h + 1] - count[h]);
  const at = count.slice();
  for (let i = 0; i < n; i++) if (c.track[i] > 0) buf[at[c.track[i]]++ - count[1]] = i;
  return spans;
}

function merge(results: Map<number, WalkStart>, group: number, r: PassResult, k: number): void {
  let w = results.get(group);
  if (!w) {
    w = { index: r.index, group, level: 0, optionalMask: 0, fastest: new Array<number | null>(k).fill(null) };
    results.set(group, w);
  }
  if (r.index < w.index) w.index = r.index;
  if (r.level > w.level) w.level = r.level;
  w.optionalMask |= r.optionalMask;
  for (let j = 0; j < k; j++) {
    const f = r.fastest[j];
    const had = w.fastest[j];
    if (f !== Infinity && (had === null || f < had)) w.fastest[j] = f;
  }
}

/** timeToConvert(a, b) of one person (1-based required steps, a < b): fastest_b − fastest_a, each the min over all starts, or null when no start reaches b. */
export function timeToConvertOf(starts: readonly WalkStart[], a: number, b: number): number | null {
  let fa = Infinity;
  let fb = Infinity;
  for (const s of starts) {
    const x = s.fastest[a - 1];
    const y = s.fastest[b - 1];
    if (x !== null && x !== undefined && x < fa) fa = x;
    if (y !== null && y !== undefined && y < fb) fb = y;
  }
  return fb === Infinity || fa === Infinity ? null : fb - fa;
}

/** The q-quantile of sorted values by linear interpolation between closest ranks (PostgreSQL's percentile_cont). */
export function percentileCont(sorted: readonly number[], q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The `timeToConvert` block of an answer from each converting person's time (ms): the fixed bins
 * (TIME_TO_CONVERT_BINS, [from, to) in seconds, a time of exactly 60 s in the second bin) and the
 * percentiles in seconds, by linear interpolation between closest ranks (PostgreSQL's percentile_cont
 * over the ms values, divided by 1000, as the engine's medians).
 */
export function timeToConvertDistribution(msPerPerson: readonly number[], fromStep: number, toStep: number): TimeToConvert {
  const sorted = Float64Array.from(msPerPerson).sort();
  const bins = TIME_TO_CONVERT_BINS.map(([fromSeconds, toSeconds]) => ({ fromSeconds, toSeconds, visitors: 0 }));
  for (const ms of sorted) {
    let i = bins.length - 1;
    while (i > 0 && ms < bins[i].fromSeconds * 1000) i--;
    bins[i].visitors++;
  }
  const values = Array.from(sorted);
  const p = (q: number) => {
    const v = percentileCont(values, q);
    return v === null ? null : v / 1000;
  };
  return { fromStep, toStep, visitors: values.length, bins, percentiles: { p25: p(0.25), p50: p(0.5), p75: p(0.75), p90: p(0.9) } };
}
