import { MIN_VISITORS_FOR_RATE } from "../stats/wilson";
import { zFor } from "../stats/normal";

/** A rate's counts over a window. */
export type Counts = { visitors: number; converted: number };

/**
 * "Falls below": fires when the window's rate is under the threshold, and the window has at least
 * MIN_VISITORS_FOR_RATE visitors (a handful of visitors say nothing about a rate, and would make
 * the alert flap).
 */
export function fallsBelow(c: Counts, threshold: number): boolean {
  return c.visitors >= MIN_VISITORS_FOR_RATE && c.converted / c.visitors < threshold;
}

/**
 * "Drops more than its interval allows": the previous 4 weeks give a baseline rate p0; with n
 * visitors this week, chance alone keeps the week's rate above p0 − z·√(p0(1 − p0)/n) 97.5 % of the
 * time (a one-sided 95 % interval's lower end has z = 1.96). Fires below that, with at least
 * MIN_VISITORS_FOR_RATE visitors in both windows. Returns the bound to show why.
 */
export function dropsBelowInterval(current: Counts, baseline: Counts): { fires: boolean; baseline: number; low: number } | null {
  if (current.visitors < MIN_VISITORS_FOR_RATE || baseline.visitors < MIN_VISITORS_FOR_RATE) return null;
  const p0 = baseline.converted / baseline.visitors;
  const low = Math.max(0, p0 - zFor(0.95) * Math.sqrt((p0 * (1 - p0)) / current.visitors));
  return { fires: current.converted / current.visitors < low, baseline: p0, low };
}
