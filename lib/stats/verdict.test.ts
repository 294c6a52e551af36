import { describe, it, expect } from "vitest";
import { experimentVerdict, type ExperimentArm } from "./verdict";

const arm = (id: string, conversions: number, visitors = 10_000): ExperimentArm => ({ id, conversions, visitors });
const control = arm("control", 200); // 2.0 %

describe("experiment verdict", () => {
  it("keeps collecting until every arm has the planned sample, however clear the numbers look", () => {
    const v = experimentVerdict({ control: arm("control", 10, 500), variants: [arm("b", 900, 10_000)], plannedPerVariant: 1_000 });
    expect(v).toEqual({ code: "collecting", variantId: null, progress: 0.5 });
  });

  it("counts the control's sample too", () => {
    const v = experimentVerdict({ control: arm("control", 200, 800), variants: [arm("b", 300, 5_000)], plannedPerVariant: 1_000 });
    expect(v.code).toBe("collecting");
  });

  // Each case: 10 000 visitors per arm, planned 10 000; control converts 200 (2.0 %).
  it.each([
    ["a clear improvement wins", [arm("b", 260)], "winner", "b"], // 2.6 %: z ≈ 2.83, p ≈ 0.005
    ["a clear drop loses", [arm("b", 150)], "loser", "b"], // 1.5 %: z ≈ −2.70
    ["a small change is no difference", [arm("b", 210)], "no_difference", null], // 2.1 %: p ≈ 0.62
    ["the best of two winners wins", [arm("b", 260), arm("c", 300)], "winner", "c"],
    ["a winner outranks a loser", [arm("b", 150), arm("c", 300)], "winner", "c"],
    ["the worst of two losers is named", [arm("b", 150), arm("c", 120)], "loser", "c"],
    // 2.45 %: p ≈ 0.031 would win alone, but not at 0.05 / 2 with a second variant (Bonferroni).
    ["one variant at p ≈ 0.03 wins alone", [arm("b", 245)], "winner", "b"],
    ["the same result among two variants does not", [arm("b", 245), arm("c", 200)], "no_difference", null],
  ] as const)("%s", (_name, variants, code, variantId) => {
    const v = experimentVerdict({ control, variants, plannedPerVariant: 10_000 });
    expect(v.code).toBe(code);
    expect(v.variantId).toBe(variantId);
    if (v.code !== "collecting") expect(v.comparisons.map((c) => c.variantId)).toEqual(variants.map((a) => a.id));
  });

  it("compares each variant at the split alpha and says so", () => {
    const v = experimentVerdict({ control, variants: [arm("b", 245), arm("c", 200)], plannedPerVariant: 10_000 });
    if (v.code === "collecting") throw new Error("expected a verdict");
    expect(v.comparisons[0].test.alpha).toBe(0.025);
    expect(v.comparisons[0].test.pValue).toBeGreaterThan(0.025);
    expect(v.comparisons[0].test.pValue).toBeLessThan(0.05);
  });

  it("refuses an experiment without variants or without a plan", () => {
    expect(() => experimentVerdict({ control, variants: [], plannedPerVariant: 100 })).toThrow(RangeError);
    expect(() => experimentVerdict({ control, variants: [arm("b", 1)], plannedPerVariant: 0 })).toThrow(RangeError);
  });
});
