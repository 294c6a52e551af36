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

/**
 * The target rate the what-if line proposes first, as a fraction: a quarter higher (the article's
 * 2 % → 2.5 %), rounded to a tenth of a percentage point, but never 100 % or more: above 80 % it
 * proposes half-way to 100 %. Null when every visitor already converts (nothing higher to imagine).
 */
export function proposedTarget(currentRate: number): number | null {
  if (!(currentRate < 1)) return null;
  const quarterUp = currentRate * 1.25;
  const target = quarterUp < 1 ? quarterUp : currentRate + (1 - currentRate) / 2;
  const rounded = Math.round(target * 1000) / 1000;
  return rounded > currentRate && rounded < 1 ? rounded : Math.min(1, target);
}

/**
 * The what-if in whole visitors, as a page says it: a visitor converts or does not, so "49.4 more"
 * is meaningless. Today's count is the real one (visitors × rate), the target's the nearest whole
 * number; revenue follows the whole counts.
 */
export function whatIfWhole(input: WhatIfInput): WhatIf {
  const r = whatIf(input);
  const conversionsNow = Math.round(r.conversionsNow);
  const conversionsAt = Math.round(r.conversionsAt);
  const whole: WhatIf = { ...r, conversionsNow, conversionsAt, extraConversions: conversionsAt - conversionsNow };
  if (input.valuePerConversion !== undefined) {
    whole.revenueNow = conversionsNow * input.valuePerConversion;
    whole.revenueAt = conversionsAt * input.valuePerConversion;
  }
  return whole;
}
