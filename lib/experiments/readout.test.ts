import { describe, it, expect } from "vitest";
import { experimentReadout } from "./readout";
import { sampleSizePerVariant, wilsonInterval } from "../stats";

describe("experimentReadout", () => {
  // statsmodels' proportions_ztest example: 5/83 against 12/99 gives p = 0.15918129181156992.
  it("compares the variant with the control by the pooled two-proportion z-test and gives rates with Wilson intervals", () => {
    const r = experimentReadout({
      variants: ["a", "b"],
      control: "a",
      counts: [
        { variant: "b", visitors: 99, converted: 12 },
        { variant: "a", visitors: 83, converted: 5 },
      ],
      minimumUplift: 0.1,
    });
    expect(r.variants.map((v) => v.variant)).toEqual(["a", "b"]);
    const [a, b] = r.variants;
    expect(a).toMatchObject({ isControl: true, uplift: null, pValue: null, significant: false });
    expect(b.pValue).toBeCloseTo(0.15918129181156992, 12);
    expect(b.significant).toBe(false);
    expect(b.uplift).toBeCloseTo(12 / 99 / (5 / 83) - 1, 12);
    expect(b.upliftInterval!.low).toBeLessThan(0);
    expect(b.upliftInterval!.high).toBeGreaterThan(b.uplift!);
    const { low, high } = wilsonInterval(5, 83);
    expect(a.rateInterval).toEqual({ low, high });
    expect(r.comparisons).toBe(1);
    expect(r.baselineSource).toBe("control");
    expect(r.plannedPerVariant).toBe(sampleSizePerVariant({ baselineRate: 5 / 83, relativeUplift: 0.1 }));
    expect(r.verdict.code).toBe("collecting");
  });

  // R's pairwise.prop.test data (statsmodels test_proportion.py): 73/86 against 90/93 p = 0.00534, against 75/82 p = 0.188.
  it("splits alpha over the variants (Bonferroni) and names the winner once the plan is reached", () => {
    const r = experimentReadout({
      variants: ["ctl", "b", "c"],
      control: "ctl",
      counts: [
        { variant: "ctl", visitors: 86, converted: 73 },
        { variant: "b", visitors: 93, converted: 90 },
        { variant: "c", visitors: 82, converted: 75 },
      ],
      minimumUplift: 0.35,
      preExperimentRate: 0.7,
    });
    expect(r.comparisons).toBe(2);
    expect(r.alphaPerComparison).toBe(0.025);
    expect(r.baselineSource).toBe("pre_experiment");
    expect(r.plannedPerVariant).toBe(sampleSizePerVariant({ baselineRate: 0.7, relativeUplift: 0.35, comparisons: 2 }));
    expect(r.plannedPerVariant).toBeLessThanOrEqual(82);
    const [, b, c] = r.variants;
    expect(b.pValue).toBeCloseTo(0.00533824886503131, 12);
    expect(b.significant).toBe(true);
    expect(c.pValue).toBeCloseTo(0.1880573726722516, 12);
    expect(c.significant).toBe(false);
    expect(r.progress).toBe(1);
    expect(r.verdict).toMatchObject({ code: "winner", variantId: "b" });
  });

  it("stays collecting below the planned sample however significant the numbers look, and reports progress", () => {
    const r = experimentReadout({
      variants: ["control", "new"],
      control: "control",
      counts: [
        { variant: "control", visitors: 500, converted: 10 },
        { variant: "new", visitors: 400, converted: 40 },
      ],
      minimumUplift: 0.1,
    });
    expect(r.variants[1].significant).toBe(true);
    expect(r.verdict.code).toBe("collecting");
    expect(r.progress).toBeCloseTo(400 / r.plannedPerVariant!, 12);
  });

  it("has no plan and no comparison while the control has no visitors or conversions", () => {
    const r = experimentReadout({
      variants: ["a", "b"],
      control: "a",
      counts: [{ variant: "b", visitors: 10, converted: 1 }],
      minimumUplift: 0.1,
    });
    expect(r.variants[0]).toMatchObject({ visitors: 0, rate: null });
    expect(r.variants[1].pValue).toBeNull();
    expect(r).toMatchObject({ plannedPerVariant: null, baselineRate: null, baselineSource: null, progress: 0 });
    expect(r.verdict.code).toBe("collecting");
  });

  it("refuses a control that is not a variant", () => {
    expect(() => experimentReadout({ variants: ["a", "b"], control: "x", counts: [], minimumUplift: 0.1 })).toThrow(RangeError);
  });
});
