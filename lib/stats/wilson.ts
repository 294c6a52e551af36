/** z for a two-sided confidence level (0.95 → 1.959964), by Acklam's inverse-normal approximation. */
export function zFor(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

/** Inverse of the standard normal CDF (Acklam, relative error < 1.15e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0 || p >= 1) throw new RangeError("p must be in (0, 1)");
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

export type Interval = { rate: number | null; low: number; high: number };

/** Wilson score interval for successes/trials (Wilson 1927); with no trials the rate is null and the interval [0, 1]. */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval {
  if (trials <= 0) return { rate: null, low: 0, high: 1 };
  const z = zFor(confidence);
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Below this many visitors a rate is shown but flagged as too small a sample to judge. */
export const MIN_VISITORS_FOR_RATE = 100;

export type BenchmarkVerdict = "below" | "around" | "above" | "insufficient";

/** Compares a rate with a benchmark only as far as its 95 % interval allows. */
export function compareToBenchmark(successes: number, trials: number, benchmark: number): BenchmarkVerdict {
  if (trials < MIN_VISITORS_FOR_RATE) return "insufficient";
  const { low, high } = wilsonInterval(successes, trials);
  if (low > benchmark) return "above";
  if (high < benchmark) return "below";
  return "around";
}
