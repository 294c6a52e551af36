import type { WalkColumns } from "./walk-columns";
import type { PassResult } from "./walk-chains";
import type { WalkOutput } from "./walk-run";

/**
 * Any order (DESIGN.md, "Funnel definitions", Any order): an attempt starts at each entry that matches
 * some step; its events are the entry and the track's later events at most `window` after it; its size
 * is a maximum matching between steps and those events (one event fills at most one step), found
 * exactly by augmenting paths (Kuhn) as the events are added in order, so the time at which the size
 * first reaches r is the attempt's fastest time to "r steps done". An event whose exact set of steps
 * already came popcount(set) times is skipped (such copies are interchangeable: one more cannot enlarge
 * a matching), and an attempt stops as soon as its size is k or the number of steps that any event of
 * its window matches.
 *
 * Cost per attempt: O(E × k) to scan its window plus O(k²) per augmentation, at most k of them that
 * succeed; a person with A attempts and E events per window costs O(A × E × k) at worst (a bot whose
 * windows hold a step no matching can use, e.g. two steps that only the same single event matches).
 */
const owner = new Int32Array(32);
/** the distinct step sets seen in the current attempt and how often (few: a linear scan beats a Map) */
const copyMask = new Int32Array(64);
const copyCount = new Int32Array(64);
let copyN = 0;
const bitCount = new Int32Array(32);
let visited = 0;
let stepsOf: Int32Array = new Int32Array(0);

function augment(e: number): boolean {
  let free = stepsOf[e] & ~visited;
  while (free) {
    const bit = free & -free;
    free ^= bit;
    visited |= bit;
    const j = 31 - Math.clz32(bit);
    if (owner[j] < 0 || augment(owner[j])) {
      owner[j] = e;
      return true;
    }
  }
  return false;
}

function popcount(m: number): number {
  let n = 0;
  for (let x = m; x; x &= x - 1) n++;
  return n;
}

/** Every attempt of one track (list[from … end-1]), each reported through `emit` (its group, or its index per start) with its result in `out`. */
export function anyPass(
  c: WalkColumns,
  k: number,
  windowMs: number,
  list: Int32Array,
  from: number,
  end: number,
  out: PassResult,
  o: WalkOutput,
  emit: (o: WalkOutput, group: number, out: PassResult, k: number) => void,
  perStart: boolean,
): void {
  stepsOf = c.steps;
  bitCount.fill(0);
  let hi = from;
  for (let q = from; q < end; q++) {
    const i = list[q];
    const ti = c.t[i];
    while (hi < end && c.t[list[hi]] - ti <= windowMs) {
      for (let m = c.steps[list[hi]]; m; m &= m - 1) bitCount[31 - Math.clz32(m & -m)]++;
      hi++;
    }
    if (c.entry[i] && c.steps[i] !== 0) {
      let reachable = 0;
      for (let j = 0; j < k; j++) if (bitCount[j] > 0) reachable++;
      owner.fill(-1, 0, k);
      copyN = 0;
      out.index = i;
      out.optionalMask = 0;
      out.fastest.fill(Infinity, 0, k);
      let size = 0;
      for (let r = q; r < hi && size < reachable; r++) {
        const e = list[r];
        const m = c.steps[e];
        if (m === 0) continue;
        // (past 64 distinct sets, new ones are not tracked: only this shortcut is lost, not exactness)
        let at = 0;
        while (at < copyN && copyMask[at] !== m) at++;
        if (at === copyN && copyN < 64) {
          copyMask[copyN] = m;
          copyCount[copyN++] = 0;
        }
        if (at < copyN) {
          if (copyCount[at] >= popcount(m)) continue;
          copyCount[at]++;
        }
        visited = 0;
        if (augment(e)) {
          out.fastest[size] = c.t[e] - ti;
          size++;
        }
      }
      out.level = size;
      emit(o, perStart ? i : c.group[i], out, k);
    }
    for (let m = c.steps[i]; m; m &= m - 1) bitCount[31 - Math.clz32(m & -m)]--;
  }
}
