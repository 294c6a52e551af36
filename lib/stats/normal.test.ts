import { describe, it, expect } from "vitest";
import { normalCdf, normalQuantile, twoSidedPValue, zFor } from "./normal";

// Relative closeness: tail values span hundreds of orders of magnitude, so a fixed number of decimals says nothing.
function expectRelativelyClose(actual: number, expected: number, tolerance: number) {
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale).toBeLessThan(tolerance);
}

describe("normalQuantile (inverse standard normal CDF)", () => {
  // R: qnorm(p), printed with digits = 15 (the familiar ones are in any standard normal table:
  // 1.6449, 1.9600, 2.5758, 3.0902); each also checked against a 50-digit mpmath root of Φ(x) = p.
  it.each([
    [0.5, 0],
    [0.8, 0.841621233572914],
    [0.9, 1.2815515655446],
    [0.95, 1.64485362695147],
    [0.975, 1.95996398454005],
    [0.995, 2.5758293035489],
    [0.999, 3.09023230616781],
    [0.025, -1.95996398454005],
    [0.001, -3.09023230616781],
    [1e-10, -6.36134090240406],
    [1e-20, -9.26234008979841],
  ])("Φ⁻¹(%s) = %s", (p, z) => {
    if (z === 0) expect(normalQuantile(p)).toBe(0);
    else expectRelativelyClose(normalQuantile(p), z, 1e-12);
  });

  it("is accurate to well past 1e-9 across (0, 1): Φ(Φ⁻¹(p)) returns p", () => {
    for (const p of [1e-300, 1e-50, 1e-6, 0.02424, 0.02426, 0.1, 0.3, 0.49, 0.51, 0.7, 0.97574, 0.97576, 0.999999]) {
      expectRelativelyClose(normalCdf(normalQuantile(p)), p, 1e-12);
    }
  });

  it.each([0, 1, -0.1, 1.5, NaN])("refuses p = %s", (p) => {
    expect(() => normalQuantile(p)).toThrow(RangeError);
  });

  it("gives the z of a two-sided confidence level (95 % → 1.96, 99 % → 2.576)", () => {
    expectRelativelyClose(zFor(0.95), 1.95996398454005, 1e-12);
    expectRelativelyClose(zFor(0.99), 2.5758293035489, 1e-12);
  });
});

describe("normalCdf", () => {
  // R: pnorm(z), digits = 15; to the digits they print, the same as Abramowitz & Stegun (1964) table 26.1.
  it.each([
    [0, 0.5],
    [1, 0.841344746068543],
    [1.96, 0.97500210485178],
    [-1.96, 0.0249978951482204],
    [-1, 0.158655253931457],
    [-3, 0.00134989803163009],
    [-5, 2.86651571879194e-7],
    [-10, 7.61985302416052e-24],
    [-20, 2.75362411860623e-89],
  ])("Φ(%s) = %s", (z, p) => {
    expectRelativelyClose(normalCdf(z), p, 1e-13);
  });

  // Either side of |z| = 3, where the series hands over to the continued fraction (50-digit mpmath).
  it.each([
    [-2.9999, 0.00135034128295492],
    [-3.0001, 0.00134945491326072],
  ])("is continuous across the method switch: Φ(%s) = %s", (z, p) => {
    expectRelativelyClose(normalCdf(z), p, 1e-12);
  });

  it("reaches 0 and 1 only where doubles run out", () => {
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-37)).toBeGreaterThan(0);
  });
});

describe("twoSidedPValue", () => {
  // 2·pnorm(−|z|) in R: 1.96 → 0.0499957902964409; 5 → 5.73303143758388e-07 (still a number, not 0).
  it.each([
    [0, 1],
    [1.96, 0.0499957902964409],
    [-1.96, 0.0499957902964409],
    [5, 5.73303143758388e-7],
  ])("p(|Z| ≥ |%s|) = %s", (z, p) => {
    expectRelativelyClose(twoSidedPValue(z), p, 1e-13);
  });
});
