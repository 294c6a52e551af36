import { describe, it, expect } from "vitest";
import { percentileCont, timeToConvertDistribution, timeToConvertOf, type WalkStart } from "./walk";

const start = (fastest: (number | null)[]): WalkStart => ({
  index: 0,
  group: 0,
  level: fastest.filter((f) => f !== null).length,
  optionalMask: 0,
  fastest,
});

describe("time to convert", () => {
  it("is the fastest time to b minus the fastest time to a, each over all starts", () => {
    // start 1 reaches step 2 fast but step 3 slowly; start 2 reaches step 3 fast but step 2 slowly
    const starts = [start([0, 1000, 90_000]), start([0, 30_000, 40_000])];
    expect(timeToConvertOf(starts, 1, 3)).toBe(40_000);
    expect(timeToConvertOf(starts, 2, 3)).toBe(39_000);
    expect(timeToConvertOf([start([0, 1000, null])], 1, 3)).toBeNull();
  });

  it("bins [from, to) in seconds, all eleven, and interpolates percentiles like percentile_cont", () => {
    const d = timeToConvertDistribution([59_999, 60_000, 300_000, 31 * 86400_000], 1, 3);
    expect(d.visitors).toBe(4);
    expect(d.bins).toHaveLength(11);
    expect(d.bins.map((b) => b.visitors)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(d.bins[10]).toEqual({ fromSeconds: 30 * 86400, toSeconds: null, visitors: 1 });
    // sorted 59.999, 60, 300, 2678400 s: p50 at rank 1.5 → (60 + 300) / 2
    expect(d.percentiles.p50).toBe(180);
    expect(d.percentiles.p25).toBeCloseTo(59.99975, 6);
    expect(timeToConvertDistribution([], 1, 2).percentiles).toEqual({ p25: null, p50: null, p75: null, p90: null });
  });

  it("interpolates exactly as PostgreSQL's percentile_cont (values computed by PostgreSQL 15)", () => {
    // select percentile_cont(q) within group (order by v) from unnest(array[5,1,9,2,2,100,37,4]) v
    const sorted = [5, 1, 9, 2, 2, 100, 37, 4].sort((a, b) => a - b);
    expect([0.25, 0.5, 0.75, 0.9].map((q) => percentileCont(sorted, q))).toEqual([2, 4.5, 16, 55.89999999999999]);
    expect(percentileCont([7], 0.9)).toBe(7);
  });

  it("puts a time on a bin's lower edge in that bin (1 h is in [1 h, 4 h)), and 30 days and more in the open last bin", () => {
    const d = timeToConvertDistribution([3600_000, 3599_999, 30 * 86400_000, 400 * 86400_000], 2, 4);
    expect(d.bins[3]).toEqual({ fromSeconds: 900, toSeconds: 3600, visitors: 1 });
    expect(d.bins[4]).toEqual({ fromSeconds: 3600, toSeconds: 14400, visitors: 1 });
    expect(d.bins[10].visitors).toBe(2);
    expect(d).toMatchObject({ fromStep: 2, toStep: 4, visitors: 4 });
  });
});
