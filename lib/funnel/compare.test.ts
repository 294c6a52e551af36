import { describe, it, expect } from "vitest";
import { compareSeries, rateChange, isClearChange } from "./compare";
import { stepRates } from "./rates";
import { wilsonInterval } from "../stats/wilson";

const series = (counts: number[]) => ({
  steps: stepRates(counts.map((visitors) => ({ visitors }))),
  overall: {
    rate: counts[0] ? counts[counts.length - 1] / counts[0] : null,
    interval: wilsonInterval(counts[counts.length - 1], counts[0]),
  },
});

describe("change against the previous period", () => {
  it("is the difference in rate points with Newcombe's interval (Newcombe 1998, table II, case a)", () => {
    const c = rateChange(56, 70, 48, 80);
    expect(c.difference).toBeCloseTo(0.2, 12);
    expect(c.interval!.low).toBeCloseTo(0.0524, 4);
    expect(c.interval!.high).toBeCloseTo(0.3339, 4);
  });
  it("has no change when either period had nobody", () => {
    expect(rateChange(0, 0, 3, 10)).toEqual({ current: null, previous: 0.3, difference: null, interval: null });
    expect(rateChange(3, 10, 0, 0).difference).toBeNull();
  });
  it("compares each step's conversion from the start, step 1 has none, and the overall is the last step's", () => {
    const r = compareSeries(series([100, 50, 20]), series([200, 80, 50]));
    expect(r.steps[0]).toBeNull();
    expect(r.steps[1]!.difference).toBeCloseTo(0.5 - 0.4, 12);
    expect(r.steps[2]!.difference).toBeCloseTo(0.2 - 0.25, 12);
    expect(r.overall.difference).toBeCloseTo(-0.05, 12);
    expect(r.overall.interval!.low).toBeLessThan(-0.05);
    expect(r.overall.interval!.high).toBeGreaterThan(-0.05);
  });
});

describe("isClearChange", () => {
  it("calls a change clear only when its 95 % interval excludes zero", () => {
    // 3.4 % → 4.4 % on 1,000 visitors each: the interval straddles zero; on 20,000 each it does not.
    expect(isClearChange(rateChange(44, 1000, 34, 1000))).toBe(false);
    expect(isClearChange(rateChange(880, 20000, 680, 20000))).toBe(true);
    expect(isClearChange(rateChange(680, 20000, 880, 20000))).toBe(true);
    expect(isClearChange(rateChange(5, 10, 0, 0))).toBe(false);
  });
});
