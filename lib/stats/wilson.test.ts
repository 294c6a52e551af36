import { describe, it, expect } from "vitest";
import { wilsonInterval, compareToBenchmark, isSmallSample, MIN_VISITORS_FOR_RATE } from "./wilson";

describe("Wilson interval", () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857–872,
  // table I, method 3 (score interval without continuity correction).
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

  it("has no rate without trials, and the interval is everything", () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: null, low: 0, high: 1 });
  });

  it("stays inside [0, 1] at 100 %", () => {
    const w = wilsonInterval(20, 20);
    expect(w.high).toBe(1);
    // Newcombe (1998) table I by symmetry with 0/20: the low end is 1 − 0.1611.
    expect(w.low).toBeCloseTo(1 - 0.1611, 4);
  });

  it("widens with the confidence level", () => {
    const w95 = wilsonInterval(81, 263);
    const w99 = wilsonInterval(81, 263, 0.99);
    expect(w99.low).toBeLessThan(w95.low);
    expect(w99.high).toBeGreaterThan(w95.high);
  });
});

describe("small samples", () => {
  it.each([
    [0, false],
    [1, true],
    [MIN_VISITORS_FOR_RATE - 1, true],
    [MIN_VISITORS_FOR_RATE, false],
    [10_000, false],
  ])("%i trials → small: %s", (trials, small) => expect(isSmallSample(trials)).toBe(small));
});

describe("benchmark verdict", () => {
  // 2.63 % is the kind of sector benchmark the templates quote; the verdict follows the interval, not the point estimate.
  it.each([
    [263, 10_000, 0.0263, "around"],
    [400, 10_000, 0.0263, "above"],
    [150, 10_000, 0.0263, "below"],
    [290, 10_000, 0.0263, "around"], // 2.90 % looks higher, but the interval (2.59–3.25 %) still holds 2.63 %
    [1, 50, 0.0263, "insufficient"],
    [0, 0, 0.0263, "insufficient"],
    [3, 120, 0.0263, "around"],
    [60, 120, 0.0263, "above"],
  ] as const)("%i/%i vs %s → %s", (successes, trials, benchmarkRate, verdict) =>
    expect(compareToBenchmark({ successes, trials, benchmarkRate })).toBe(verdict),
  );
});
