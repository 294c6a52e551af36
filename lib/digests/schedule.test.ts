import { describe, it, expect } from "vitest";
import { digestPeriod, nextDigestRun, zonedHour } from "./schedule";

const TZ = "Europe/Amsterdam";

describe("digest schedule", () => {
  it.each([
    // daily at 08:00 Amsterdam (UTC+1 in winter)
    [{ frequency: "daily", weekday: null, hour: 8 }, "2026-12-03T06:00:00Z", "2026-12-03T07:00:00.000Z"],
    [{ frequency: "daily", weekday: null, hour: 8 }, "2026-12-03T07:00:00Z", "2026-12-04T07:00:00.000Z"],
    // weekly on Monday (2026-12-07 is a Monday)
    [{ frequency: "weekly", weekday: 1, hour: 8 }, "2026-12-03T10:00:00Z", "2026-12-07T07:00:00.000Z"],
    [{ frequency: "weekly", weekday: 4, hour: 9 }, "2026-12-03T07:59:00Z", "2026-12-03T08:00:00.000Z"],
    // monthly on the 1st
    [{ frequency: "monthly", weekday: null, hour: 8 }, "2026-12-03T10:00:00Z", "2027-01-01T07:00:00.000Z"],
    // across the spring clock change (29 March 2026): 08:00 is 06:00 UTC in summer time
    [{ frequency: "daily", weekday: null, hour: 8 }, "2026-03-28T08:00:00Z", "2026-03-29T06:00:00.000Z"],
  ] as const)("%o after %s is %s", (timing, after, next) => {
    expect(nextDigestRun({ ...timing }, TZ, new Date(after)).toISOString()).toBe(next);
  });

  it("reports on the day, the 7 days or the calendar month before the send", () => {
    const run = new Date("2026-12-07T07:00:00Z");
    expect(digestPeriod("daily", TZ, run)).toMatchObject({ from: new Date("2026-12-05T23:00:00Z"), to: new Date("2026-12-06T23:00:00Z") });
    expect(digestPeriod("weekly", TZ, run)).toMatchObject({
      from: new Date("2026-11-29T23:00:00Z"),
      to: new Date("2026-12-06T23:00:00Z"),
      key: "weekly:2026-11-30",
    });
    expect(digestPeriod("monthly", TZ, new Date("2027-01-01T07:00:00Z"))).toMatchObject({
      from: new Date("2026-11-30T23:00:00Z"),
      to: new Date("2026-12-31T23:00:00Z"),
      key: "monthly:2026-12-01",
    });
  });

  it("keeps the local hour on either side of a clock change", () => {
    expect(zonedHour(2026, 10, 25, 8, TZ).toISOString()).toBe("2026-10-25T07:00:00.000Z");
    expect(zonedHour(2026, 10, 24, 8, TZ).toISOString()).toBe("2026-10-24T06:00:00.000Z");
  });
});
