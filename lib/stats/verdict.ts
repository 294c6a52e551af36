import { twoProportionTest, type TwoProportionResult } from "./two-proportion";

export type ExperimentArm = { id: string; conversions: number; visitors: number };

export type VariantComparison = { variantId: string; test: TwoProportionResult };

export type ExperimentVerdict =
  /** some arm has not reached the planned sample; progress is the smallest arm's share of it (0–1) */
  | { code: "collecting"; variantId: null; progress: number }
  /** variantId beats the control significantly (the best such variant when several do) */
  | { code: "winner"; variantId: string; comparisons: VariantComparison[] }
  /** no variant wins and variantId does significantly worse than the control (the worst such one) */
  | { code: "loser"; variantId: string; comparisons: VariantComparison[] }
  /** the planned sample is in and no variant differs significantly from the control */
  | { code: "no_difference"; variantId: null; comparisons: VariantComparison[] };

export type ExperimentVerdictInput = {
  control: ExperimentArm;
  variants: readonly ExperimentArm[];
  /** visitors each arm needs before any verdict, from sampleSizePerVariant */
  plannedPerVariant: number;
  /** family-wide significance level, split over the variants (Bonferroni); default 0.05 */
  alpha?: number;
};

/**
 * The verdict of an A/B(/n) test. Until every arm has plannedPerVariant visitors it is "collecting",
 * whatever the numbers say: stopping when a difference first looks significant ("peeking") finds
 * winners that are not there. After that each variant is compared with the control by
 * twoProportionTest at alpha / (number of variants), so adding variants does not add false winners.
 */
export function experimentVerdict(input: ExperimentVerdictInput): ExperimentVerdict {
  const { control, variants, plannedPerVariant, alpha = 0.05 } = input;
  if (variants.length === 0) throw new RangeError("experimentVerdict: an experiment needs at least one variant");
  if (!(plannedPerVariant > 0)) throw new RangeError(`experimentVerdict: plannedPerVariant must be positive, got ${plannedPerVariant}`);

  const smallestArm = Math.min(control.visitors, ...variants.map((v) => v.visitors));
  if (smallestArm < plannedPerVariant) {
    return { code: "collecting", variantId: null, progress: Math.max(0, smallestArm / plannedPerVariant) };
  }

  const perComparisonAlpha = alpha / variants.length;
  const comparisons = variants.map((v) => ({
    variantId: v.id,
    test: twoProportionTest(control.conversions, control.visitors, v.conversions, v.visitors, perComparisonAlpha),
  }));
  const bySignedDifference = (sign: 1 | -1) =>
    comparisons
      .filter((c) => c.test.significant && sign * (c.test.difference ?? 0) > 0)
      .sort((a, b) => sign * ((b.test.difference ?? 0) - (a.test.difference ?? 0)));

  const [best] = bySignedDifference(1);
  if (best) return { code: "winner", variantId: best.variantId, comparisons };
  const [worst] = bySignedDifference(-1);
  if (worst) return { code: "loser", variantId: worst.variantId, comparisons };
  return { code: "no_difference", variantId: null, comparisons };
}
