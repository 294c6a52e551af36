import { normalCdf, zFor, normalQuantile } from "./normal";

export type SampleSizeInput = {
  /** the control's conversion rate, as a fraction in (0, 1) */
  baselineRate: number;
  /** smallest relative change worth detecting: 0.1 means the variant converts at baselineRate × 1.1 */
  relativeUplift: number;
  /** two-sided significance level; default 0.05 */
  alpha?: number;
  /** chance of detecting the uplift if it is real; default 0.8 */
  power?: number;
  /** variants compared with the control; alpha is split over them (Bonferroni), as experimentVerdict does */
  comparisons?: number;
};

// The normal-approximation formula of R's power.prop.test (strict = FALSE), solved for n:
// n = (z₁₋α/₂·√(2·p̄·q̄) + z_power·√(p₁q₁ + p₂q₂))² / (p₁ − p₂)², with p̄ the mean of the two rates.
// Evan Miller's calculator uses the baseline's variance instead of p̄·q̄ under the null; for small
// uplifts the two agree within a few percent, and R's is the one statistics texts (Fleiss) give.
function rawSampleSize(p1: number, p2: number, alpha: number, power: number): number {
  const pBar = (p1 + p2) / 2;
  const a = zFor(1 - alpha) * Math.sqrt(2 * pBar * (1 - pBar));
  const b = normalQuantile(power) * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (a + b) ** 2 / (p1 - p2) ** 2;
}

function targetRate(baselineRate: number, relativeUplift: number): number | null {
  if (!(baselineRate > 0 && baselineRate < 1) || !Number.isFinite(relativeUplift) || relativeUplift === 0) return null;
  const p2 = baselineRate * (1 + relativeUplift);
  // A few ulps above 1 (0.9 × (1 + 1/9)) is still "100 %".
  if (p2 < 0 || p2 > 1 + 1e-12) return null;
  return Math.min(1, p2);
}

/**
 * Visitors needed in each arm (control and every variant) to detect relativeUplift over baselineRate
 * with a two-sided test, rounded up; null when the inputs describe no test (baseline outside (0, 1),
 * no uplift, or a target rate outside [0, 1]).
 */
export function sampleSizePerVariant(input: SampleSizeInput): number | null {
  const { baselineRate, relativeUplift, alpha = 0.05, power = 0.8, comparisons = 1 } = input;
  const p2 = targetRate(baselineRate, relativeUplift);
  if (p2 === null) return null;
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1) || !(comparisons >= 1)) {
    throw new RangeError("sampleSizePerVariant: alpha and power must be in (0, 1) and comparisons at least 1");
  }
  // The floating-point solution for an exact integer (e.g. 1568.0000000002) must not cost a visitor.
  return Math.ceil(rawSampleSize(baselineRate, p2, alpha / comparisons, power) - 1e-9);
}

/**
 * Power of the two-sided test with perVariant visitors in each arm, by the same formula as
 * sampleSizePerVariant (R's power.prop.test); null when the inputs describe no test.
 */
export function achievedPower(input: {
  baselineRate: number;
  relativeUplift: number;
  perVariant: number;
  alpha?: number;
  comparisons?: number;
}): number | null {
  const { baselineRate, relativeUplift, perVariant, alpha = 0.05, comparisons = 1 } = input;
  const p2 = targetRate(baselineRate, relativeUplift);
  if (p2 === null || !(perVariant > 0)) return null;
  const p1 = baselineRate;
  const pBar = (p1 + p2) / 2;
  const numerator = Math.sqrt(perVariant) * Math.abs(p1 - p2) - zFor(1 - alpha / comparisons) * Math.sqrt(2 * pBar * (1 - pBar));
  return normalCdf(numerator / Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)));
}

/**
 * Whole days until every arm has perVariant visitors, when dailyVisitors enter the experiment per day
 * split evenly over `variants` arms (count the control: an A/B test has 2); null without traffic.
 */
export function testDurationDays(input: { perVariant: number; variants: number; dailyVisitors: number }): number | null {
  const { perVariant, variants, dailyVisitors } = input;
  if (!(dailyVisitors > 0) || !(variants >= 1) || !(perVariant >= 0)) return null;
  return Math.ceil((perVariant * variants) / dailyVisitors);
}
