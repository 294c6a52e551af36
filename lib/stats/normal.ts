// The standard normal distribution, without dependencies. Both directions are accurate to about
// 1e-15 relative in the tails that p-values and sample sizes use, so a tiny p-value stays a tiny
// number instead of collapsing to 0 through 1 − Φ(z).

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Standard normal density φ(x). */
function density(x: number): number {
  return Math.exp(-0.5 * x * x - LN_SQRT_2PI);
}

/**
 * Upper tail Q(x) = 1 − Φ(x) for x ≥ 0. Below 3: Marsaglia's series (J. Stat. Softw. 11(4), 2004),
 * Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/15 + …), which needs no tabled coefficients. From 3 on, where
 * ½ − series would cancel, Laplace's continued fraction Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))),
 * evaluated from the back.
 */
function upperTail(x: number): number {
  if (x < 3) {
    let sum = x;
    let term = x;
    const x2 = x * x;
    for (let i = 3; ; i += 2) {
      term *= x2 / i;
      const next = sum + term;
      if (next === sum) break;
      sum = next;
    }
    return 0.5 - sum * density(x);
  }
  let fraction = x;
  for (let k = 120; k >= 1; k--) fraction = x + k / fraction;
  return density(x) / fraction;
}

/** Standard normal CDF Φ(z); exact to about 1e-15 relative in both tails (Φ(−10) ≈ 7.62e−24). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return z < 0 ? upperTail(-z) : 1 - upperTail(z);
}

/** Two-sided tail probability P(|Z| ≥ |z|), computed without the 1 − Φ cancellation. */
export function twoSidedPValue(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return Math.min(1, 2 * upperTail(Math.abs(z)));
}

// Acklam's rational approximation (relative error < 1.15e-9), for p ≤ 0.5 only.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function acklamLowerHalf(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  );
}

/**
 * Inverse standard normal CDF Φ⁻¹(p) for p in (0, 1): Acklam's approximation refined by one Halley
 * step against normalCdf, as Acklam recommends, which brings it to full double precision.
 * Works on the lower half and mirrors, because 1 − p is exact for p ≥ ½ while p − 1 loses digits.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  if (p > 0.5) return -normalQuantile(1 - p);
  const x = acklamLowerHalf(p);
  const e = upperTail(-x) - p;
  const u = e * Math.exp(0.5 * x * x + LN_SQRT_2PI);
  return x - u / (1 + (x * u) / 2);
}

/** z for a two-sided confidence level: 0.95 → 1.959964. */
export function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`zFor: confidence must be in (0, 1), got ${confidence}`);
  return normalQuantile(1 - (1 - confidence) / 2);
}
