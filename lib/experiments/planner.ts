import { sampleSizePerVariant, testDurationDays } from "../stats";

export type TestPlanInput = {
  /** visitors a day who would enter the test (the project's recent average) */
  dailyVisitors: number;
  /** the goal's current conversion rate, a fraction in (0, 1) */
  baselineRate: number;
  /** smallest relative change worth detecting: 0.1 = a 10 % better conversion rate */
  relativeUplift: number;
  /** arms including the control: an A/B test has 2 */
  variants: number;
};

export type TestPlan = {
  /** visitors each arm needs (95 % confidence two-sided, 80 % power, alpha split over the variants) */
  perVariant: number;
  /** perVariant × arms */
  total: number;
  /** whole days at dailyVisitors; null without traffic */
  days: number | null;
};

/**
 * How many visitors and days a test needs to detect relativeUplift over baselineRate, by R's
 * power.prop.test formula (lib/stats/sample-size.ts) with Bonferroni over the variants that are compared
 * with the control; null when the inputs describe no test (no baseline, no uplift, fewer than 2 arms).
 */
export function planTest(input: TestPlanInput): TestPlan | null {
  const { dailyVisitors, baselineRate, relativeUplift, variants } = input;
  if (!Number.isInteger(variants) || variants < 2) return null;
  const perVariant = sampleSizePerVariant({ baselineRate, relativeUplift, alpha: 0.05, power: 0.8, comparisons: variants - 1 });
  if (perVariant === null) return null;
  return { perVariant, total: perVariant * variants, days: testDurationDays({ perVariant, variants, dailyVisitors }) };
}

/** How long a planned test takes in words a planner can act on: days, weeks, or longer than a quarter. */
export type DurationBand = "days" | "weeks" | "months" | "too_long";

/** The article's point in a band: big sites finish in days, small ones need weeks (or should test bigger changes). */
export function durationBand(days: number): DurationBand {
  if (days <= 14) return "days";
  if (days <= 56) return "weeks";
  if (days <= 91) return "months";
  return "too_long";
}
