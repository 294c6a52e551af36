import { describe, it, expect } from "vitest";
import { stepRates } from "./rates";

describe("step rates", () => {
  it("computes conversion from start and previous, drop-off and intervals", () => {
    const r = stepRates([{ visitors: 1000 }, { visitors: 400 }, { visitors: 100 }]);
    expect(r.map((s) => s.conversionFromStart)).toEqual([1, 0.4, 0.1]);
    expect(r.map((s) => s.conversionFromPrevious)).toEqual([1, 0.4, 0.25]);
    expect(r[2].dropOff).toBeCloseTo(0.75, 10);
    expect(r.map((s) => s.dropped)).toEqual([0, 600, 300]);
    expect(r[2].intervalFromStart.low).toBeLessThan(0.1);
    expect(r[2].intervalFromStart.high).toBeGreaterThan(0.1);
  });
  it("has no rates for an empty funnel", () => {
    const r = stepRates([{ visitors: 0 }, { visitors: 0 }]);
    expect(r[1]).toMatchObject({ conversionFromStart: null, conversionFromPrevious: null, dropOff: null });
  });
  it("measures the step after an optional one, and the optional one, from the nearest required step before", () => {
    const r = stepRates([{ visitors: 1000 }, { visitors: 100, optional: true }, { visitors: 400 }]);
    expect(r.map((s) => s.conversionFromPrevious)).toEqual([1, 0.1, 0.4]);
    expect(r.map((s) => s.dropped)).toEqual([0, 900, 600]);
    expect(r[1].optional).toBe(true);
    expect(r[2].optional).toBeUndefined();
  });
});
