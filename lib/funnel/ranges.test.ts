import { describe, it, expect } from "vitest";
import { presetRange, zonedMidnight, previousRange, localIsoDay } from "./ranges";

const AMS = "Europe/Amsterdam";

describe("date presets in the project's time zone", () => {
  it("finds local midnight across daylight saving time", () => {
    expect(zonedMidnight(2026, 1, 15, AMS).toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(zonedMidnight(2026, 7, 15, AMS).toISOString()).toBe("2026-07-14T22:00:00.000Z");
    expect(zonedMidnight(2026, 3, 29, AMS).toISOString()).toBe("2026-03-28T23:00:00.000Z");
  });
  it("answers each time zone in its own, asked in turns (one formatter kept per zone)", () => {
    const instant = new Date("2026-07-15T23:30:00Z");
    for (let round = 0; round < 2; round++) {
      expect(zonedMidnight(2026, 7, 15, AMS).toISOString()).toBe("2026-07-14T22:00:00.000Z");
      expect(zonedMidnight(2026, 7, 15, "America/New_York").toISOString()).toBe("2026-07-15T04:00:00.000Z");
      expect(zonedMidnight(2026, 7, 15, "Asia/Tokyo").toISOString()).toBe("2026-07-14T15:00:00.000Z");
      expect([AMS, "America/New_York", "Asia/Tokyo"].map((tz) => localIsoDay(instant, tz))).toEqual([
        "2026-07-16",
        "2026-07-15",
        "2026-07-16",
      ]);
    }
  });
  it.each([
    ["7d", "2026-11-15T23:00:00.000Z", "2026-11-22T23:00:00.000Z"],
    ["30d", "2026-10-23T22:00:00.000Z", "2026-11-22T23:00:00.000Z"],
    ["this_month", "2026-10-31T23:00:00.000Z", "2026-11-22T23:00:00.000Z"],
    ["last_month", "2026-09-30T22:00:00.000Z", "2026-10-31T23:00:00.000Z"],
    ["this_quarter", "2026-09-30T22:00:00.000Z", "2026-11-22T23:00:00.000Z"],
  ] as const)("%s", (preset, from, to) => {
    const r = presetRange(preset, AMS, new Date("2026-11-22T12:00:00Z"));
    expect([r.from.toISOString(), r.to.toISOString()]).toEqual([from, to]);
  });
  it("last month in January is December of the year before", () => {
    const r = presetRange("last_month", AMS, new Date("2027-01-10T12:00:00Z"));
    expect(r.from.toISOString()).toBe("2026-11-30T23:00:00.000Z");
  });
  it("compares whole local days with as many whole days before, across the clock change", () => {
    // 30 days that include the end of summer time are 30 days and one hour long.
    const r = presetRange("30d", AMS, new Date("2026-11-22T12:00:00Z"));
    const prev = previousRange(r.from, r.to, AMS);
    expect([prev.from.toISOString(), prev.to.toISOString()]).toEqual(["2026-09-23T22:00:00.000Z", "2026-10-23T22:00:00.000Z"]);
    // Not whole days: the same length in time.
    const odd = previousRange(new Date("2026-11-10T10:30:00Z"), new Date("2026-11-11T10:30:00Z"), AMS);
    expect(odd.from.toISOString()).toBe("2026-11-09T10:30:00.000Z");
  });
});
