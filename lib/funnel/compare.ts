import { newcombeDifferenceInterval, type Bounds } from "../stats/two-proportion";
import type { FunnelSeries } from "./types";

/** A rate of this period against the previous one: the difference in rate points (0.012 = 1.2 pp) and its 95 % Newcombe interval. */
export type RateChange = { current: number | null; previous: number | null; difference: number | null; interval: Bounds | null };

/** The change of `x` of `n` now against `px` of `pn` before; null parts where either period has nobody to divide by. */
export function rateChange(x: number, n: number, px: number, pn: number): RateChange {
  const current = n > 0 ? x / n : null;
  const previous = pn > 0 ? px / pn : null;
  if (current === null || previous === null) return { current, previous, difference: null, interval: null };
  return { current, previous, difference: current - previous, interval: newcombeDifferenceInterval(x, n, px, pn) };
}

/** Whether a change is clear: its 95 % interval lies wholly above or below zero (only then is it shown as a gain or a loss). */
export function isClearChange(change: RateChange): boolean {
  return change.difference !== null && change.interval !== null && (change.interval.low > 0 || change.interval.high < 0);
}

/**
 * Each step's conversion from the start against the previous period's (step 1 is always 100 % and
 * has no change), and the overall conversion's: what "compare with previous period" draws.
 */
export function compareSeries(current: FunnelSeries, previous: FunnelSeries): { steps: (RateChange | null)[]; overall: RateChange } {
  const n = current.steps[0]?.visitors ?? 0;
  const pn = previous.steps[0]?.visitors ?? 0;
  const last = current.steps.length - 1;
  return {
    steps: current.steps.map((s, i) => (i === 0 ? null : rateChange(s.visitors, n, previous.steps[i]?.visitors ?? 0, pn))),
    overall: rateChange(current.steps[last]?.visitors ?? 0, n, previous.steps[last]?.visitors ?? 0, pn),
  };
}
