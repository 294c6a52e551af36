import { twoSidedPValue, zFor } from "./normal";
import { wilsonInterval } from "./wilson";
import { rate } from "./rates";

export type Bounds = { low: number; high: number };

/** Control (A) against a variant (B). Every field that needs visitors in both arms is null without them. */
export type TwoProportionResult = {
  rateA: number | null;
  rateB: number | null;
  /** pB − pA, in rate points (0.005 = half a percentage point) */
  difference: number | null;
  /** Newcombe's hybrid score interval for pB − pA (Newcombe 1998, method 10) */
  differenceInterval: Bounds | null;
  /** pB / pA − 1 (0.25 = B converts 25 % better); null when A has no conversions */
  uplift: number | null;
  /** Katz log interval for the risk ratio, minus 1; null when either arm has no conversions */
  upliftInterval: Bounds | null;
  /** pooled two-proportion z statistic, positive when B is higher */
  z: number | null;
  /** two-sided p-value of z; equals R's prop.test(correct = FALSE) */
  pValue: number | null;
  /** pValue < alpha */
  significant: boolean;
  /** the alpha the test and its intervals (at 1 − alpha) were computed for */
  alpha: number;
};

function checkCounts(conversions: number, visitors: number, arm: string): void {
  if (!Number.isInteger(conversions) || !Number.isInteger(visitors) || conversions < 0 || conversions > visitors) {
    throw new RangeError(
      `twoProportionTest: arm ${arm} needs whole counts with 0 ≤ conversions ≤ visitors, got ${conversions}/${visitors}`,
    );
  }
}

/**
 * Newcombe's hybrid score interval for p1 − p2 (Newcombe 1998, Stat Med 17:873, method 10): it
 * combines the two Wilson intervals, so it stays inside [−1, 1] and behaves at 0 % and 100 %, where
 * the Wald interval collapses to a point. Both n1 and n2 must be positive.
 */
export function newcombeDifferenceInterval(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): Bounds {
  const w1 = wilsonInterval(x1, n1, confidence);
  const w2 = wilsonInterval(x2, n2, confidence);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  return {
    low: Math.max(-1, d - Math.hypot(p1 - w1.low, w2.high - p2)),
    high: Math.min(1, d + Math.hypot(w1.high - p1, p2 - w2.low)),
  };
}

/**
 * Interval for the relative uplift pB/pA − 1 by the delta method on the log risk ratio (Katz et al.
 * 1978): log(RR) ± z·√(1/xB − 1/nB + 1/xA − 1/nA). A ratio is what marketers quote ("+12 %"), and
 * on the log scale the interval is asymmetric the way a ratio's uncertainty is. Undefined when either
 * arm has zero conversions, so null then rather than an invented continuity correction.
 */
export function relativeUpliftInterval(xA: number, nA: number, xB: number, nB: number, confidence = 0.95): Bounds | null {
  if (xA <= 0 || xB <= 0 || nA <= 0 || nB <= 0) return null;
  const logRatio = Math.log(xB / nB / (xA / nA));
  const se = Math.sqrt(1 / xB - 1 / nB + 1 / xA - 1 / nA);
  const half = zFor(confidence) * se;
  return { low: Math.exp(logRatio - half) - 1, high: Math.exp(logRatio + half) - 1 };
}

/**
 * Two-sided two-proportion z-test of control A against variant B with the pooled standard error
 * (the test behind R's prop.test without continuity correction), plus the absolute difference with
 * Newcombe's interval and the relative uplift with the Katz log interval, both at 1 − alpha.
 * When both arms are at 0 % (or both at 100 %) nothing differs: z = 0 and pValue = 1.
 */
export function twoProportionTest(convA: number, nA: number, convB: number, nB: number, alpha = 0.05): TwoProportionResult {
  checkCounts(convA, nA, "A");
  checkCounts(convB, nB, "B");
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`twoProportionTest: alpha must be in (0, 1), got ${alpha}`);
  const rateA = rate(convA, nA);
  const rateB = rate(convB, nB);
  if (rateA === null || rateB === null) {
    return {
      rateA,
      rateB,
      difference: null,
      differenceInterval: null,
      uplift: null,
      upliftInterval: null,
      z: null,
      pValue: null,
      significant: false,
      alpha,
    };
  }
  const confidence = 1 - alpha;
  const difference = rateB - rateA;
  const pooled = (convA + convB) / (nA + nB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const z = se === 0 ? 0 : difference / se;
  const pValue = twoSidedPValue(z);
  return {
    rateA,
    rateB,
    difference,
    differenceInterval: newcombeDifferenceInterval(convB, nB, convA, nA, confidence),
    uplift: rateA > 0 ? rateB / rateA - 1 : null,
    upliftInterval: relativeUpliftInterval(convA, nA, convB, nB, confidence),
    z,
    pValue,
    significant: pValue < alpha,
    alpha,
  };
}
