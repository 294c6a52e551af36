import { describe, it, expect } from "vitest";
import { twoProportionTest, newcombeDifferenceInterval, relativeUpliftInterval } from "./two-proportion";

describe("two-proportion z-test (pooled standard error)", () => {
  // statsmodels proportions_ztest docstring and its test_default_values (GH 2969): counts 5/83 and
  // 12/99 give z = −1.4078304151258787 for p1 − p2, p = 0.15918129181156992. Here A = 5/83, B = 12/99,
  // and z is for pB − pA, so the sign flips.
  it("matches statsmodels' documented example", () => {
    const r = twoProportionTest(5, 83, 12, 99);
    expect(r.z).toBeCloseTo(1.4078304151258787, 12);
    expect(r.pValue).toBeCloseTo(0.15918129181156992, 12);
    expect(r.significant).toBe(false);
  });

  // R: pairwise.prop.test(smokers2, patients, correct = FALSE, p.adjust.method = "none") with
  // smokers2 = c(73, 90, 114, 75), patients = c(86, 93, 136, 82) (a variant of R's ?prop.test data),
  // as recorded in statsmodels' stats/tests/test_proportion.py (res_ppt_pvals_raw).
  it.each([
    [73, 86, 90, 93, 0.00533824886503131],
    [73, 86, 114, 136, 0.8327574849753566],
    [73, 86, 75, 82, 0.1880573726722516],
    [90, 93, 114, 136, 0.002026764254350234],
    [90, 93, 75, 82, 0.1309487516334318],
    [114, 136, 75, 82, 0.1076118730631731],
  ])("%i/%i against %i/%i: p = %s, as R's prop.test", (xA, nA, xB, nB, p) => {
    const r = twoProportionTest(xA, nA, xB, nB);
    expect(r.pValue).toBeCloseTo(p, 12);
    expect(r.significant).toBe(p < 0.05);
  });

  it("is symmetric: swapping the arms flips z and keeps p", () => {
    const ab = twoProportionTest(200, 10_000, 260, 10_000);
    const ba = twoProportionTest(260, 10_000, 200, 10_000);
    expect(ba.z).toBeCloseTo(-(ab.z as number), 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue as number, 12);
  });

  it("reports the difference, the relative uplift and their intervals the same way round", () => {
    const r = twoProportionTest(48, 80, 56, 70);
    expect(r.difference).toBeCloseTo(0.2, 12);
    // Newcombe (1998) example (a), 56/70 − 48/80: 0.0524 to 0.3339.
    expect(r.differenceInterval?.low).toBeCloseTo(0.0524, 4);
    expect(r.differenceInterval?.high).toBeCloseTo(0.3339, 4);
    expect(r.uplift).toBeCloseTo(0.8 / 0.6 - 1, 12);
    expect(r.upliftInterval!.low).toBeLessThan(r.uplift!);
    expect(r.upliftInterval!.high).toBeGreaterThan(r.uplift!);
  });

  it("finds nothing when both arms are at 0 %", () => {
    const r = twoProportionTest(0, 10, 0, 20);
    expect(r).toMatchObject({ z: 0, pValue: 1, significant: false, difference: 0, uplift: null, upliftInterval: null });
    // Newcombe (1998) example (e), 0/10 − 0/20: −0.1611 to 0.2775; here B − A, so mirrored.
    expect(r.differenceInterval?.low).toBeCloseTo(-0.2775, 4);
    expect(r.differenceInterval?.high).toBeCloseTo(0.1611, 4);
  });

  it("has no uplift over a control without conversions", () => {
    const r = twoProportionTest(0, 500, 12, 500);
    expect(r.uplift).toBeNull();
    expect(r.upliftInterval).toBeNull();
    expect(r.pValue).toBeLessThan(0.001);
  });

  it("has no statistics while an arm has no visitors", () => {
    expect(twoProportionTest(0, 0, 3, 40)).toEqual({
      rateA: null,
      rateB: 0.075,
      difference: null,
      differenceInterval: null,
      uplift: null,
      upliftInterval: null,
      z: null,
      pValue: null,
      significant: false,
      alpha: 0.05,
    });
  });

  it("uses alpha for significance and for the intervals", () => {
    // z ≈ 2.16, p ≈ 0.031: significant at 0.05, not at 0.025 (two variants, Bonferroni).
    const at05 = twoProportionTest(200, 10_000, 245, 10_000);
    const at025 = twoProportionTest(200, 10_000, 245, 10_000, 0.025);
    expect(at05.significant).toBe(true);
    expect(at025.significant).toBe(false);
    expect(at025.differenceInterval!.low).toBeLessThan(at05.differenceInterval!.low);
  });

  it.each([
    [5, 4, 1, 10],
    [-1, 10, 1, 10],
    [1.5, 10, 1, 10],
  ])("refuses impossible counts %s/%s", (xA, nA, xB, nB) => {
    expect(() => twoProportionTest(xA, nA, xB, nB)).toThrow(RangeError);
  });
});

describe("Newcombe's hybrid score interval for a difference", () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions",
  // Stat Med 17:873–890, table II, method 10. Cases (a) and (b) are also the propint package's tests.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])("%i/%i − %i/%i → [%s, %s]", (x1, n1, x2, n2, low, high) => {
    const ci = newcombeDifferenceInterval(x1, n1, x2, n2);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });
});

describe("relative uplift interval (Katz log method)", () => {
  // scipy.stats.contingency.relative_risk docstrings (Katz et al. 1978, method C): 27/122 against 44/487
  // (Sahai & Khurshid 1996, example 3.1) gives RR 2.4495156482861398, 95 % CI 1.5836990926700116 to
  // 3.7886786315466354; 10/75 against 12/225 gives RR 2.5, CI 1.1261564003469628 to 5.549850800541033.
  // The uplift is RR − 1.
  it.each([
    [44, 487, 27, 122, 1.4495156482861398, 0.5836990926700116, 2.7886786315466354],
    [12, 225, 10, 75, 1.5, 0.1261564003469628, 4.549850800541033],
  ])("control %i/%i, variant %i/%i → uplift %s in [%s, %s]", (xA, nA, xB, nB, uplift, low, high) => {
    const ci = relativeUpliftInterval(xA, nA, xB, nB)!;
    expect(ci.low).toBeCloseTo(low, 12);
    expect(ci.high).toBeCloseTo(high, 12);
    expect(twoProportionTest(xA, nA, xB, nB).uplift).toBeCloseTo(uplift, 12);
  });

  it("is undefined when either arm has no conversions", () => {
    expect(relativeUpliftInterval(0, 100, 5, 100)).toBeNull();
    expect(relativeUpliftInterval(5, 100, 0, 100)).toBeNull();
  });
});
