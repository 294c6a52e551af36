import { describe, it, expect } from "vitest";
import { planTest, durationBand } from "./planner";

describe("planTest", () => {
  // R: power.prop.test(p1 = 0.10, p2 = 0.12, power = 0.8)  ## => n = 3840.847 per group
  //    power.prop.test(p1 = 0.50, p2 = 0.75, power = 0.8)  ## => n = 57.67 (the ?power.prop.test pair at 80 % power)
  it.each([
    [0.1, 0.2, 3841],
    [0.5, 0.5, 58],
  ])("baseline %s, uplift %s → %i visitors per variant (R's power.prop.test, rounded up)", (baselineRate, relativeUplift, perVariant) => {
    expect(planTest({ dailyVisitors: 1000, baselineRate, relativeUplift, variants: 2 })?.perVariant).toBe(perVariant);
  });

  it("turns the sample into days at the current traffic: a big site in days, a small one in weeks or more", () => {
    // 30,000 visitors a month ≈ 1,000 a day: 2 × 3,841 visitors take 8 days.
    const big = planTest({ dailyVisitors: 1000, baselineRate: 0.1, relativeUplift: 0.2, variants: 2 })!;
    expect(big).toEqual({ perVariant: 3841, total: 7682, days: 8 });
    expect(durationBand(big.days!)).toBe("days");
    // The same test at 100 visitors a day takes ten times as long.
    const small = planTest({ dailyVisitors: 100, baselineRate: 0.1, relativeUplift: 0.2, variants: 2 })!;
    expect(small.days).toBe(77);
    expect(durationBand(small.days!)).toBe("months");
    expect(durationBand(30)).toBe("weeks");
    expect(durationBand(200)).toBe("too_long");
  });

  it("splits alpha over the variants compared with the control, so an A/B/C test needs more per arm", () => {
    const ab = planTest({ dailyVisitors: 500, baselineRate: 0.03, relativeUplift: 0.2, variants: 2 })!;
    const abc = planTest({ dailyVisitors: 500, baselineRate: 0.03, relativeUplift: 0.2, variants: 3 })!;
    expect(abc.perVariant).toBeGreaterThan(ab.perVariant);
    expect(abc.total).toBe(abc.perVariant * 3);
  });

  it("has no plan without a baseline or an uplift, and no days without traffic", () => {
    expect(planTest({ dailyVisitors: 100, baselineRate: 0, relativeUplift: 0.1, variants: 2 })).toBeNull();
    expect(planTest({ dailyVisitors: 100, baselineRate: 0.05, relativeUplift: 0, variants: 2 })).toBeNull();
    expect(planTest({ dailyVisitors: 100, baselineRate: 0.05, relativeUplift: 0.1, variants: 1 })).toBeNull();
    expect(planTest({ dailyVisitors: 0, baselineRate: 0.05, relativeUplift: 0.1, variants: 2 })?.days).toBeNull();
  });
});
