import { describe, it, expect } from "vitest";
import { fillTrend, nextPeriod, periodStart, defaultTrendUnit } from "./periods";
import { presetRange, zonedMidnight } from "./ranges";

const TZ = "Europe/Amsterdam";
const day = (d: string, tz = TZ) => zonedMidnight(...(d.split("-").map(Number) as [number, number, number]), tz);

describe("periodStart and nextPeriod", () => {
  it.each([
    ["2026-12-03", "day", "2026-12-03", "2026-12-04"],
    ["2026-12-03", "week", "2026-11-30", "2026-12-07"], // a Thursday: its week starts on Monday, as date_trunc('week') does
    ["2026-11-30", "week", "2026-11-30", "2026-12-07"],
    ["2026-12-06", "week", "2026-11-30", "2026-12-07"], // Sunday belongs to the week before
    ["2026-12-31", "day", "2026-12-31", "2027-01-01"],
    ["2026-12-31", "month", "2026-12-01", "2027-01-01"],
    ["2028-02-29", "month", "2028-02-01", "2028-03-01"],
  ] as const)("%s by %s starts %s, the next %s", (d, unit, start, next) => {
    expect(periodStart(d, unit)).toBe(start);
    expect(nextPeriod(start, unit)).toBe(next);
  });
});

describe("fillTrend", () => {
  const range = { from: day("2026-11-27"), to: day("2026-12-04") };
  const now = new Date("2026-12-03T10:00:00Z");

  it("lists every day of the range, the quiet ones as 0 with no rate, oldest first", () => {
    const points = fillTrend(
      [
        { period: "2026-12-01", entered: 10, converted: 2 },
        { period: "2026-11-27", entered: 4, converted: 1 },
      ],
      range,
      "day",
      TZ,
      now,
    );
    expect(points.map((p) => p.period)).toEqual([
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
    ]);
    expect(points[0]).toEqual({ period: "2026-11-27", entered: 4, converted: 1, rate: 0.25, partial: false });
    expect(points[1]).toEqual({ period: "2026-11-28", entered: 0, converted: 0, rate: null, partial: false });
    expect(points[4].rate).toBe(0.2);
  });

  it("marks today, which is still running, as partial, and only today", () => {
    const points = fillTrend([], range, "day", TZ, now);
    expect(points.filter((p) => p.partial).map((p) => p.period)).toEqual(["2026-12-03"]);
  });

  it("lists no period that starts after now", () => {
    const points = fillTrend([], { from: day("2026-12-01"), to: day("2026-12-10") }, "day", TZ, now);
    expect(points.at(-1)!.period).toBe("2026-12-03");
  });

  it("counts weeks from Monday; the week the range cuts off and the running week are partial", () => {
    const points = fillTrend([{ period: "2026-11-30", entered: 7, converted: 7 }], range, "week", TZ, now);
    expect(points).toEqual([
      { period: "2026-11-23", entered: 0, converted: 0, rate: null, partial: true },
      { period: "2026-11-30", entered: 7, converted: 7, rate: 1, partial: true },
    ]);
  });

  it("counts months, and a month fully inside a past range is complete", () => {
    const points = fillTrend([], { from: day("2026-09-01"), to: day("2026-11-01") }, "month", TZ, now);
    expect(points).toEqual([
      { period: "2026-09-01", entered: 0, converted: 0, rate: null, partial: false },
      { period: "2026-10-01", entered: 0, converted: 0, rate: null, partial: false },
    ]);
  });

  it("keeps local days across a clock change (25 hours on 2026-10-25 in Amsterdam)", () => {
    const points = fillTrend([], { from: day("2026-10-24"), to: day("2026-10-27") }, "day", TZ, now);
    expect(points.map((p) => p.period)).toEqual(["2026-10-24", "2026-10-25", "2026-10-26"]);
    expect(points.every((p) => !p.partial)).toBe(true);
  });

  it("follows the project's time zone: the last 7 days in Tokyo end with Tokyo's today", () => {
    const tokyoNow = new Date("2026-12-03T20:00:00Z"); // 05:00 on 4 December in Tokyo
    const points = fillTrend([], presetRange("7d", "Asia/Tokyo", tokyoNow), "day", "Asia/Tokyo", tokyoNow);
    expect(points).toHaveLength(7);
    expect(points.at(-1)).toMatchObject({ period: "2026-12-04", partial: true });
  });

  it("defaults to days up to 31 days and weeks beyond", () => {
    expect(defaultTrendUnit(day("2026-11-01"), day("2026-12-01"))).toBe("day");
    expect(defaultTrendUnit(day("2026-09-01"), day("2026-12-01"))).toBe("week");
  });
});
