import type { WalkDefinition } from "./walk";
import { prepareColumns, type WalkColumns } from "./walk-columns";
import { chainPass, chainPrep, type PassResult } from "./walk-chains";
import { anyPass } from "./walk-any";

/**
 * The walk's results for one person, in reusable typed arrays (no allocation per person): `count`
 * results, each a group (or, per start, the entry's index) with its first entry that starts anything,
 * its level, the optional steps some chain contains (bit j-1 for step j) and the fastest ms to each step
 * at fastest[r * 32 + j - 1] (Infinity: no chain contains step j).
 */
export type WalkOutput = {
  count: number;
  group: Int32Array;
  index: Int32Array;
  level: Int32Array;
  optionalMask: Int32Array;
  fastest: Float64Array;
};

/** A reusable output (grown as needed). */
export function walkOutput(capacity = 16): WalkOutput {
  return {
    count: 0,
    group: new Int32Array(capacity),
    index: new Int32Array(capacity),
    level: new Int32Array(capacity),
    optionalMask: new Int32Array(capacity),
    fastest: new Float64Array(capacity * 32),
  };
}

function grow(o: WalkOutput): void {
  const n = o.group.length * 2;
  const g = walkOutput(n);
  g.group.set(o.group);
  g.index.set(o.index);
  g.level.set(o.level);
  g.optionalMask.set(o.optionalMask);
  g.fastest.set(o.fastest);
  Object.assign(o, { group: g.group, index: g.index, level: g.level, optionalMask: g.optionalMask, fastest: g.fastest });
}

const slotOf = new Map<number, number>();
let merging = false;

/** Adds one pass's result to its group's (max level, OR of optional steps, min fastest). */
function emit(o: WalkOutput, group: number, r: PassResult, k: number): void {
  // most people's starts share one group: try the last one before the Map
  let slot = !merging ? undefined : o.count > 0 && o.group[o.count - 1] === group ? o.count - 1 : slotOf.get(group);
  if (slot === undefined) {
    if (o.count === o.group.length) grow(o);
    slot = o.count++;
    if (merging) slotOf.set(group, slot);
    o.group[slot] = group;
    o.index[slot] = r.index;
    o.level[slot] = r.level;
    o.optionalMask[slot] = r.optionalMask;
    for (let j = 0; j < k; j++) o.fastest[slot * 32 + j] = r.fastest[j];
    return;
  }
  if (r.index < o.index[slot]) o.index[slot] = r.index;
  if (r.level > o.level[slot]) o.level[slot] = r.level;
  o.optionalMask[slot] |= r.optionalMask;
  const base = slot * 32;
  for (let j = 0; j < k; j++) if (r.fastest[j] < o.fastest[base + j]) o.fastest[base + j] = r.fastest[j];
}

let listBuf = new Int32Array(64);
let spans = new Int32Array(64);
let gFrom = new Int32Array(64);
let gLast = new Float64Array(64);
let gId = new Int32Array(64);
const groupSlot = new Map<number, number>();
let trackCount = new Int32Array(64);
const pass: PassResult = { index: -1, level: 0, optionalMask: 0, fastest: new Float64Array(32) };

/**
 * The walk of one person whose events are in `c` (walkColumns; sorted by time, then receipt), into `o`
 * (reset first). Groups are `c.group` of the entries, or each start alone when `perStart`. `c.track`
 * is read only when the definition holds fields (0: a held value missing; equal ids: equal values).
 */
export function walkColumnsInto(c: WalkColumns, def: WalkDefinition, o: WalkOutput, perStart = false): void {
  prepareColumns(c, def);
  o.count = 0;
  const n = c.n;
  if (n === 0) return;
  if (listBuf.length < n) listBuf = new Int32Array(Math.max(n, listBuf.length * 2));
  const tracks = trackSpans(c, def.hold > 0);
  merging = def.order === "any" ? !perStart : tracks > 1;
  if (merging) slotOf.clear();
  const k = def.k;
  const prep = def.order === "any" ? null : chainPrep(def);
  for (let s = 0; s < tracks; s++) {
    // this track's events are listBuf[start … end-1] (no subarray: no allocation per person)
    const start = spans[2 * s];
    const end = start + spans[2 * s + 1];
    const list = listBuf;
    if (!prep) {
      anyPass(c, k, def.windowMs, list, start, end, pass, o, emitAttempt, perStart);
      continue;
    }
    // per group of this track: its first start's position and its last start's time
    let groups = 0;
    let single = true;
    for (let q = start; q < end; q++) {
      const i = list[q];
      if (!c.entry[i] || !(c.steps[i] & 1)) continue;
      const g = perStart ? i : c.group[i];
      let slot = perStart ? -1 : groups > 0 && gId[groups - 1] === g ? groups - 1 : -1;
      if (slot < 0 && !perStart && groups > 0) {
        if (single) {
          groupSlot.clear();
          for (let x = 0; x < groups; x++) groupSlot.set(gId[x], x);
          single = false;
        }
        slot = groupSlot.get(g) ?? -1;
      }
      if (slot >= 0) {
        gLast[slot] = c.t[i];
        continue;
      }
      if (groups === gId.length) growGroups();
      gId[groups] = g;
      gFrom[groups] = q;
      gLast[groups] = c.t[i];
      if (!single) groupSlot.set(g, groups);
      groups++;
    }
    for (let x = 0; x < groups; x++) {
      // a pass for group g only takes g's entries as starts; per start, only that one (its index)
      chainPass(c, prep, gId[x], list, gFrom[x], end, gLast[x], pass, perStart);
      if (pass.level > 0) emit(o, gId[x], pass, k);
    }
  }
}

function emitAttempt(o: WalkOutput, group: number, r: PassResult, k: number): void {
  emit(o, group, r, k);
}

function growGroups(): void {
  const n = gId.length * 2;
  const id = new Int32Array(n);
  const from = new Int32Array(n);
  const last = new Float64Array(n);
  id.set(gId);
  from.set(gFrom);
  last.set(gLast);
  gId = id;
  gFrom = from;
  gLast = last;
}

/** Fills listBuf with each track's events in order (counting sort; track 0, a missing held value, left out) and `spans` with [start, length] pairs; returns the number of tracks. */
function trackSpans(c: WalkColumns, hold: boolean): number {
  const n = c.n;
  if (!hold) {
    for (let i = 0; i < n; i++) listBuf[i] = i;
    spans[0] = 0;
    spans[1] = n;
    return 1;
  }
  let tracks = 0;
  for (let i = 0; i < n; i++) if (c.track[i] > tracks) tracks = c.track[i];
  if (tracks <= 1) {
    // one held value (or none present): that track's events, no sort
    let len = 0;
    for (let i = 0; i < n; i++) if (c.track[i] === 1) listBuf[len++] = i;
    spans[0] = 0;
    spans[1] = len;
    return tracks;
  }
  if (spans.length < 2 * tracks + 2) spans = new Int32Array(2 * tracks + 2);
  if (trackCount.length < tracks + 2) trackCount = new Int32Array(2 * tracks + 2);
  const count = trackCount;
  count.fill(0, 0, tracks + 2);
  for (let i = 0; i < n; i++) count[c.track[i] + 1]++;
  for (let h = 1; h <= tracks + 1; h++) count[h] += count[h - 1];
  for (let h = 1; h <= tracks; h++) {
    spans[2 * (h - 1)] = count[h] - count[1];
    spans[2 * (h - 1) + 1] = count[h + 1] - count[h];
  }
  const base = count[1];
  for (let i = 0; i < n; i++) {
    const h = c.track[i];
    if (h > 0) listBuf[count[h]++ - base] = i;
  }
  return tracks;
}
