export type WhatIfInput = {
  /** visitors in the period, kept the same in both scenarios */
  visitors: number;
  /** conversion rate now, as a fraction (0.02 = 2 %) */
  currentRate: number;
  /** the rate to imagine, as a fraction */
  targetRate: number;
  /** optional value of one conversion, in the project's currency */
  valuePerConversion?: number;
};

export type WhatIf = {
  conversionsNow: number;
  conversionsAt: number;
  extraConversions: number;
  /** conversionsAt / conversionsNow − 1; null when there are no conversions now to compare with */
  relativeIncrease: number | null;
  /** present only when valuePerConversion was given */
  revenueNow?: number;
  revenueAt?: number;
};

/**
 * "What if the rate were X" at the same traffic: expected conversions (and revenue) now and at the
 * target rate. Counts are expectations, not rounded, so the page decides how to show them.
 * From 2 % to 2.5 % is 25 % more conversions: a small-looking rate change is a large business one.
 */
export function whatIf(input: WhatIfInput): WhatIf {
  const { visitors, currentRate, targetRate, valuePerConversion } = input;
  const conversionsNow = visitors * currentRate;
  const conversionsAt = visitors * targetRate;
  const result: WhatIf = {
    conversionsNow,
    conversionsAt,
    extraConversions: conversionsAt - conversionsNow,
    relativeIncrease: currentRate > 0 && visitors > 0 ? targetRate / currentRate - 1 : null,
  };
  if (valuePerConversion !== undefined) {
    result.revenueNow = conversionsNow * valuePerConversion;
    result.revenueAt = conversionsAt * valuePerConversion;
  }
  return result;
}
