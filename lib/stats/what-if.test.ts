import { describe, it, expect } from "vitest";
import { proposedTarget, whatIf, whatIfWhole } from "./what-if";

describe("what if the rate changed", () => {
  it("turns 2 % → 2.5 % at the same traffic into 25 % more conversions (the article's example)", () => {
    const r = whatIf({ visitors: 10_000, currentRate: 0.02, targetRate: 0.025 });
    expect(r.conversionsNow).toBeCloseTo(200, 9);
    expect(r.conversionsAt).toBeCloseTo(250, 9);
    expect(r.extraConversions).toBeCloseTo(50, 9);
    expect(r.relativeIncrease).toBeCloseTo(0.25, 12);
    expect(r).not.toHaveProperty("revenueNow");
    expect(r).not.toHaveProperty("revenueAt");
  });

  it.each([
    // visitors, now, target, value, conversions now, at, revenue now, at, relative
    [10_000, 0.02, 0.025, 40, 200, 250, 8_000, 10_000, 0.25],
    [4_000, 0.05, 0.04, 10, 200, 160, 2_000, 1_600, -0.2],
    [1_000, 0.03, 0.03, 0, 30, 30, 0, 0, 0],
  ])("%i visitors, %s → %s at %s each", (visitors, currentRate, targetRate, valuePerConversion, now, at, revNow, revAt, relative) => {
    const r = whatIf({ visitors, currentRate, targetRate, valuePerConversion });
    expect(r.conversionsNow).toBeCloseTo(now, 9);
    expect(r.conversionsAt).toBeCloseTo(at, 9);
    expect(r.revenueNow).toBeCloseTo(revNow, 6);
    expect(r.revenueAt).toBeCloseTo(revAt, 6);
    expect(r.relativeIncrease).toBeCloseTo(relative, 12);
  });

  it("has no relative increase from a rate of zero", () => {
    const r = whatIf({ visitors: 1_000, currentRate: 0, targetRate: 0.01 });
    expect(r.relativeIncrease).toBeNull();
    expect(r.extraConversions).toBeCloseTo(10, 9);
  });

  it("has no relative increase without visitors", () => {
    expect(whatIf({ visitors: 0, currentRate: 0.02, targetRate: 0.025 }).relativeIncrease).toBeNull();
  });
});

describe("what the what-if line proposes and says", () => {
  it.each([
    [0.02, 0.025],
    [0.0306, 0.038],
    [0.5, 0.625],
    [0.8, 0.9],
    [0.9, 0.95],
    [0.999, 0.9995],
  ])("from %s it proposes %s, never 100 % or more", (current, target) => {
    expect(proposedTarget(current)).toBeCloseTo(target, 9);
    expect(proposedTarget(current)!).toBeLessThan(1);
    expect(proposedTarget(current)!).toBeGreaterThan(current);
  });

  it("proposes nothing when every visitor converts", () => {
    expect(proposedTarget(1)).toBeNull();
  });

  it("counts whole visitors: 49.4 more is 49 more, and revenue follows the whole counts", () => {
    const r = whatIfWhole({ visitors: 6_495, currentRate: 198 / 6_495, targetRate: 0.038, valuePerConversion: 10 });
    expect(r.conversionsNow).toBe(198);
    expect(r.conversionsAt).toBe(247);
    expect(r.extraConversions).toBe(49);
    expect(r.revenueNow).toBe(1_980);
    expect(r.revenueAt).toBe(2_470);
  });
});
