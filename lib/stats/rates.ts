// Small null-safe helpers the conversion pages share. A null means "not defined" (nothing to divide
// by, nothing to compare with) and is shown as a dash, never as 0 % or NaN %.

/** numerator / denominator as a fraction (0.25 = 25 %), or null when the denominator is 0, negative or not a number. */
export function rate(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return numerator / denominator;
}

/**
 * Relative change from previous to current as a fraction (+0.25 = 25 % more), or null when either is
 * missing or previous is 0 (a change from nothing has no percentage; 0 → 0 is null too, not 0 %).
 */
export function percentChange(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current == null || previous == null || !Number.isFinite(current) || !Number.isFinite(previous) || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

/** Median of the finite numbers in the list (others are ignored), or null when there are none; the input is not reordered. */
export function median(numbers: readonly number[]): number | null {
  const sorted = numbers.filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
