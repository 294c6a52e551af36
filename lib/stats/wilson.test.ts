import { describe, it, expect } from "vitest";
import { wilsonInterval, normalQuantile, zFor, compareToBenchmark } from "./wilson";

describe("normal quantile", () => {
  it.each([[0.975, 1.959964], [0.5, 0], [0.95, 1.644854], [0.995, 2.575829], [0.025, -1.959964]])("Φ⁻¹(%s) = %s (standard tables)", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 5);
  });
  it("z for 95 % is 1.96", () => expect(zFor(0.95)).toBeCloseTo(1.959964, 5));
});

describe("Wilson interval", () => {
  // Newcombe (1998), Statistics in Medicine 17:857–872, table I: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605; 0/20 → 0–0.1611; 1/29 → 0.0061–0.1718.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i/%i → [%s, %s]", (x, n, low, high) => {
    const w = wilsonInterval(x, n);
    expect(w.low).toBeCloseTo(low, 4);
    expect(w.high).toBeCloseTo(high, 4);
    expect(w.rate).toBeCloseTo(x / n, 10);
  });
  it("has no rate without trials", () => expect(wilsonInterval(0, 0)).toEqual({ rate: null, low: 0, high: 1 }));
});

describe("benchmark verdict", () => {
  it.each([
    [263, 10_000, 0.0263, "around"],
    [400, 10_000, 0.0263, "above"],
    [150, 10_000, 0.0263, "below"],
    [1, 50, 0.0263, "insufficient"],
    [3, 120, 0.0263, "around"],
  ])("%i/%i vs %s → %s", (x, n, b, verdict) => expect(compareToBenchmark(x, n, b)).toBe(verdict));
});
