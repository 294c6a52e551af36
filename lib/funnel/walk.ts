/**
 * The per-person walk of a funnel definition (DESIGN.md, "Funnel semantics" and "Funnel definitions"):
 * pure, no I/O. The engine feeds it one person's events, already matched against the steps (name, path,
 * where, conditions evaluated in SQL or JS), and gets back, per chain start (or per group of starts),
 * the level reached, the optional steps some chain contains and the fastest time to each step.
 */
import { TIME_TO_CONVERT_BINS, type FunnelOrder, type TimeToConvert } from "./types";
import { fillColumns } from "./walk-columns";
import { walkColumnsInto, walkOutput } from "./walk-run";

export { walkColumns } from "./walk-columns";
export { walkColumnsInto, walkOutput } from "./walk-run";

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
 * For speed, fill walkColumns(n) and call walkColumnsInto with a reused walkOutput() instead.
 */
export function walkGroups(events: readonly WalkEvent[], def: WalkDefinition): WalkStart[] {
  return run(events, def, false);
}

const output = walkOutput();

function run(events: readonly WalkEvent[], def: WalkDefinition, perStart: boolean): WalkStart[] {
  walkColumnsInto(fillColumns(events, def), def, output, perStart);
  const starts: WalkStart[] = [];
  for (let r = 0; r < output.count; r++) {
    const fastest: (number | null)[] = [];
    for (let j = 0; j < def.k; j++) {
      const f = output.fastest[r * 32 + j];
      fastest.push(f === Infinity ? null : f);
    }
    starts.push({
      index: output.index[r],
      group: perStart ? 0 : output.group[r],
      level: output.level[r],
      optionalMask: output.optionalMask[r],
      fastest,
    });
  }
  if (perStart) for (const s of starts) s.group = events[s.index].group ?? 0;
  return starts.sort((x, y) => x.index - y.index);
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
