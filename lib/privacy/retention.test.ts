import { describe, expect, it } from "vitest";
import { retentionHorizon } from "./retention";

describe("retentionHorizon", () => {
  it.each([
    // now, months, time zone, expected local day, expected instant
    ["2026-12-03T07:00:00Z", 25, "Europe/Amsterdam", "2024-11-03", "2024-11-02T23:00:00.000Z"],
    ["2026-07-15T12:00:00Z", 1, "Europe/Amsterdam", "2026-06-15", "2026-06-14T22:00:00.000Z"],
    // Just after local midnight the local day is already the next one.
    ["2026-03-31T22:30:00Z", 1, "Europe/Amsterdam", "2026-03-01", "2026-02-28T23:00:00.000Z"],
    // The 31st of a month without one: its last day (and a leap year's 29 February).
    ["2026-05-31T12:00:00Z", 3, "UTC", "2026-02-28", "2026-02-28T00:00:00.000Z"],
    ["2028-03-31T12:00:00Z", 1, "UTC", "2028-02-29", "2028-02-29T00:00:00.000Z"],
    // Across a year, and in a zone west of UTC.
    ["2026-01-10T03:00:00Z", 13, "America/New_York", "2024-12-09", "2024-12-09T05:00:00.000Z"],
    ["2026-01-10T12:00:00Z", 120, "UTC", "2016-01-10", "2016-01-10T00:00:00.000Z"],
  ])("%s keeping %i months in %s starts at %s", (now, months, tz, day, cut) => {
    const h = retentionHorizon(new Date(now), months, tz);
    expect(h.day).toBe(day);
    expect(h.cut.toISOString()).toBe(cut);
  });
});
