import { wilsonInterval, twoProportionTest, sampleSizePerVariant, experimentVerdict, type Bounds, type ExperimentVerdict } from "../stats";

/** Visitors assigned to a variant and how many of them converted after their assignment. */
export type VariantCounts = { variant: string; visitors: number; converted: number };

export type ReadoutInput = {
  variants: readonly string[];
  control: string;
  counts: readonly VariantCounts[];
  /** smallest relative uplift the test should detect (0.1 = 10 %) */
  minimumUplift: number;
  /** the goal's rate before the experiment started; used for the plan when known, so the plan does not drift as results come in */
  preExperimentRate?: number | null;
};

export type VariantReadout = {
  variant: string;
  isControl: boolean;
  visitors: number;
  converted: number;
  rate: number | null;
  /** 95 % Wilson interval of the rate */
  rateInterval: Bounds;
  /** rate / control rate − 1; null for the control and when the control has no conversions */
  uplift: number | null;
  /** Katz interval of the uplift at the per-comparison confidence (1 − 0.05 / comparisons) */
  upliftInterval: Bounds | null;
  pValue: number | null;
  significant: boolean;
};

export type Readout = {
  variants: VariantReadout[];
  /** variants compared with the control; alpha 0.05 is split over them (Bonferroni) */
  comparisons: number;
  alphaPerComparison: number;
  /** the rate the plan rests on and where it came from; null when neither is known yet */
  baselineRate: number | null;
  baselineSource: "pre_experiment" | "control" | null;
  /** visitors every arm needs before a verdict; null without a baseline rate */
  plannedPerVariant: number | null;
  /** the smallest arm's share of the plan, 0–1 */
  progress: number;
  verdict: ExperimentVerdict;
};

export const ALPHA = 0.05;
export const POWER = 0.8;

/**
 * An experiment's readout from its per-variant counts: each rate with its 95 % Wilson interval, each
 * variant against the control by the two-sided pooled two-proportion z-test at 0.05 / (variants − 1)
 * with the Katz uplift interval at that level, the planned sample from the baseline and the minimum
 * uplift (80 % power), and experimentVerdict, which stays "collecting" until every arm reaches the plan.
 */
export function experimentReadout(input: ReadoutInput): Readout {
  const { variants, control, minimumUplift } = input;
  if (!variants.includes(control)) throw new RangeError(`experimentReadout: control "${control}" is not one of the variants`);
  const byVariant = new Map(input.counts.map((c) => [c.variant, c]));
  const counts = variants.map((v) => byVariant.get(v) ?? { variant: v, visitors: 0, converted: 0 });
  const controlCounts = counts.find((c) => c.variant === control)!;
  const others = counts.filter((c) => c.variant !== control);
  const comparisons = Math.max(1, others.length);
  const alphaPerComparison = ALPHA / comparisons;

  const rows: VariantReadout[] = counts.map((c) => {
    const interval = wilsonInterval(c.converted, c.visitors);
    const base = {
      variant: c.variant,
      visitors: c.visitors,
      converted: c.converted,
      rate: interval.rate,
      rateInterval: { low: interval.low, high: interval.high },
    };
    if (c.variant === control) return { ...base, isControl: true, uplift: null, upliftInterval: null, pValue: null, significant: false };
    const test = twoProportionTest(controlCounts.converted, controlCounts.visitors, c.converted, c.visitors, alphaPerComparison);
    return {
      ...base,
      isControl: false,
      uplift: test.uplift,
      upliftInterval: test.upliftInterval,
      pValue: test.pValue,
      significant: test.significant,
    };
  });

  const controlRate = controlCounts.visitors > 0 && controlCounts.converted > 0 ? controlCounts.converted / controlCounts.visitors : null;
  const pre =
    input.preExperimentRate != null && input.preExperimentRate > 0 && input.preExperimentRate < 1 ? input.preExperimentRate : null;
  const baselineRate = pre ?? controlRate;
  const baselineSource = pre !== null ? "pre_experiment" : controlRate !== null ? "control" : null;
  const plannedPerVariant =
    baselineRate === null
      ? null
      : sampleSizePerVariant({ baselineRate, relativeUplift: minimumUplift, alpha: ALPHA, power: POWER, comparisons });

  const smallest = Math.min(...counts.map((c) => c.visitors));
  const verdict: ExperimentVerdict =
    plannedPerVariant === null || others.length === 0
      ? { code: "collecting", variantId: null, progress: 0 }
      : experimentVerdict({
          control: { id: control, conversions: controlCounts.converted, visitors: controlCounts.visitors },
          variants: others.map((o) => ({ id: o.variant, conversions: o.converted, visitors: o.visitors })),
          plannedPerVariant,
          alpha: ALPHA,
        });
  const progress = plannedPerVariant === null ? 0 : Math.min(1, smallest / plannedPerVariant);
  return { variants: rows, comparisons, alphaPerComparison, baselineRate, baselineSource, plannedPerVariant, progress, verdict };
}
