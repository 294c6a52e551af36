import { zFor } from "./normal";

/** A rate with its confidence bounds; `rate` is null when there were no trials (the bounds are then [0, 1]). */
export type Interval = { rate: number | null; low: number; high: number };

/**
 * Wilson score interval for successes/trials (Wilson 1927). Unlike the textbook p ± z·SE it stays
 * inside [0, 1] and keeps its coverage at 0 % or 100 % and with small counts, which funnels have.
 * With no trials the rate is null and the interval is all of [0, 1]: nothing is known yet.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval {
  if (trials <= 0) return { rate: null, low: 0, high: 1 };
  const z = zFor(confidence);
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  // At 0 % and 100 % the bound is exactly 0 or 1; rounding would otherwise leave 0.9999999999999999.
  return { rate: p, low: p === 0 ? 0 : Math.max(0, centre - half), high: p === 1 ? 1 : Math.min(1, centre + half) };
}

/**
 * Below this many visitors a rate is shown but flagged as too small a sample to judge. Even at 100,
 * a 3 % rate's 95 % interval runs from 1.0 % to 8.5 %; below it the interval spans nearly every
 * benchmark, so a verdict would be noise. (The funnel pages quote this number in their notice.)
 */
export const MIN_VISITORS_FOR_RATE = 100;

/** True when there is a rate but it rests on fewer than MIN_VISITORS_FOR_RATE trials (0 trials has no rate at all, so is not "small"). */
export function isSmallSample(trials: number): boolean {
  return trials > 0 && trials < MIN_VISITORS_FOR_RATE;
}

export type BenchmarkVerdict = "below" | "around" | "above" | "insufficient";

/**
 * Compares a rate with a benchmark only as far as its 95 % Wilson interval allows: "above" only when
 * even the interval's low end beats the benchmark, "below" only when its high end falls short, and
 * "insufficient" under MIN_VISITORS_FOR_RATE trials.
 */
export function compareToBenchmark(input: { successes: number; trials: number; benchmarkRate: number }): BenchmarkVerdict {
  const { successes, trials, benchmarkRate } = input;
  if (trials < MIN_VISITORS_FOR_RATE) return "insufficient";
  const { low, high } = wilsonInterval(successes, trials);
  if (low > benchmarkRate) return "above";
  if (high < benchmarkRate) return "below";
  return "around";
}
