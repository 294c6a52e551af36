import { describe, it, expect } from "vitest";
import { sampleSizePerVariant, achievedPower, testDurationDays } from "./sample-size";

describe("sample size per variant", () => {
  // R's own documented results, from the examples of ?power.prop.test (stats package):
  //   power.prop.test(p1 = .50, p2 = .75, power = .90)                     ## =>  n = 76.7
  //   power.prop.test(p1 = .5, p2 = 0.501, sig.level = .001, power = 0.90) ## =>  n = 10451937
  //   power.prop.test(p1 = .90, p2 = 1.0, power = 0.8)                     ## ->  n = 73.37
  // Rounded up to whole visitors.
  it.each([
    [0.5, 0.5, 0.05, 0.9, 77],
    [0.5, 0.002, 0.001, 0.9, 10_451_937],
    [0.9, 1 / 9, 0.05, 0.8, 74],
  ])("baseline %s, uplift %s, alpha %s, power %s → %i", (baselineRate, relativeUplift, alpha, power, n) => {
    expect(sampleSizePerVariant({ baselineRate, relativeUplift, alpha, power })).toBe(n);
  });

  it("defaults to alpha 0.05 two-sided and 80 % power", () => {
    expect(sampleSizePerVariant({ baselineRate: 0.5, relativeUplift: 0.5 })).toBe(
      sampleSizePerVariant({ baselineRate: 0.5, relativeUplift: 0.5, alpha: 0.05, power: 0.8 }),
    );
  });

  it("needs more visitors for smaller effects and rarer conversions, as a planner expects", () => {
    const at = (baselineRate: number, relativeUplift: number) => sampleSizePerVariant({ baselineRate, relativeUplift })!;
    expect(at(0.02, 0.1)).toBeGreaterThan(at(0.02, 0.2));
    expect(at(0.02, 0.1)).toBeGreaterThan(at(0.1, 0.1));
    // Halving the effect roughly quadruples the sample.
    expect(at(0.1, 0.05) / at(0.1, 0.1)).toBeGreaterThan(3.8);
    expect(at(0.1, 0.05) / at(0.1, 0.1)).toBeLessThan(4.2);
  });

  it("splits alpha over the variants the verdict will compare", () => {
    const twoVariants = sampleSizePerVariant({ baselineRate: 0.03, relativeUplift: 0.2, comparisons: 2 });
    expect(twoVariants).toBe(sampleSizePerVariant({ baselineRate: 0.03, relativeUplift: 0.2, alpha: 0.025 }));
    expect(twoVariants!).toBeGreaterThan(sampleSizePerVariant({ baselineRate: 0.03, relativeUplift: 0.2 })!);
  });

  it.each([
    [0, 0.1],
    [1, 0.1],
    [0.05, 0],
    [0.6, 1],
    [0.05, -1.5],
  ])("describes no test for baseline %s and uplift %s", (baselineRate, relativeUplift) => {
    expect(sampleSizePerVariant({ baselineRate, relativeUplift })).toBeNull();
  });
});

describe("achieved power", () => {
  // ?power.prop.test: power.prop.test(n = 50, p1 = .50, p2 = .75) ## => power = 0.740
  it("matches R's documented example", () => {
    expect(achievedPower({ baselineRate: 0.5, relativeUplift: 0.5, perVariant: 50 })).toBeCloseTo(0.74, 3);
  });

  it("reaches the requested power at the planned sample size", () => {
    const perVariant = sampleSizePerVariant({ baselineRate: 0.04, relativeUplift: 0.15, power: 0.9 })!;
    expect(achievedPower({ baselineRate: 0.04, relativeUplift: 0.15, perVariant })).toBeGreaterThanOrEqual(0.9);
    expect(achievedPower({ baselineRate: 0.04, relativeUplift: 0.15, perVariant: perVariant - 1 })).toBeLessThan(0.9);
  });
});

describe("test duration", () => {
  it.each([
    [1_094, 2, 150, 15],
    [1_000, 2, 2_000, 1],
    [1_000, 3, 100, 30],
    [0, 2, 100, 0],
    [1_000, 2, 0, null],
  ])("%i per variant × %i arms at %i a day → %s days", (perVariant, variants, dailyVisitors, days) => {
    expect(testDurationDays({ perVariant, variants, dailyVisitors })).toBe(days);
  });
});
