import { describe, it, expect } from "vitest";
import { eventTime } from "./time";

const receivedAt = new Date("2026-05-10T12:00:00Z");
const iso = (r: Date | string) => (typeof r === "string" ? r : r.toISOString());

describe("eventTime", () => {
  it.each([
    ["no time: when it arrived", {}, undefined, "2026-05-10T12:00:00.000Z"],
    [
      "a clock an hour ahead is corrected",
      { originalTimestamp: "2026-05-10T13:00:00Z", sentAt: "2026-05-10T13:00:05Z" },
      undefined,
      "2026-05-10T11:59:55.000Z",
    ],
    [
      "timestamp stands in for originalTimestamp",
      { timestamp: "2026-05-10T13:00:00Z", sentAt: "2026-05-10T13:00:05Z" },
      undefined,
      "2026-05-10T11:59:55.000Z",
    ],
    ["the batch's sentAt applies", { timestamp: "2026-05-10T11:00:00Z" }, "2026-05-10T11:00:10Z", "2026-05-10T11:59:50.000Z"],
    [
      "the item's sentAt wins over the batch's",
      { timestamp: "2026-05-10T11:00:00Z", sentAt: "2026-05-10T11:00:00Z" },
      "2026-05-10T09:00:00Z",
      "2026-05-10T12:00:00.000Z",
    ],
    [
      "a few seconds is network delay, not skew",
      { timestamp: "2026-05-10T11:59:58.001Z", sentAt: "2026-05-10T11:59:58.001Z" },
      undefined,
      "2026-05-10T11:59:58.001Z",
    ],
    ["a backfill without sentAt is kept", { timestamp: "2025-01-01T00:00:00Z" }, undefined, "2025-01-01T00:00:00.000Z"],
    ["epoch milliseconds", { timestamp: Date.parse("2026-05-10T10:00:00Z") }, undefined, "2026-05-10T10:00:00.000Z"],
    ["23 hours ahead is accepted", { timestamp: "2026-05-11T11:00:00Z" }, undefined, "2026-05-11T11:00:00.000Z"],
    ["more than a day ahead is refused", { timestamp: "2026-05-11T12:00:01Z" }, undefined, "timestamp is more than a day in the future"],
    [
      "ahead only before correction is fine",
      { timestamp: "2026-05-13T12:00:00Z", sentAt: "2026-05-13T12:00:00Z" },
      undefined,
      "2026-05-10T12:00:00.000Z",
    ],
    ["an invalid timestamp", { timestamp: "tuesday" }, undefined, "timestamp is not a valid date"],
    ["an invalid originalTimestamp", { originalTimestamp: "tuesday" }, undefined, "originalTimestamp is not a valid date"],
    ["an invalid sentAt", { timestamp: "2026-05-10T11:00:00Z", sentAt: "later" }, undefined, "sentAt is not a valid date"],
    ["before 2000 is refused", { timestamp: "1999-12-31T23:59:59Z" }, undefined, "timestamp is before 2000-01-01"],
    ["seconds sent as milliseconds (1970) is refused", { timestamp: 1_778_400_000 }, undefined, "timestamp is before 2000-01-01"],
    [
      "a year PostgreSQL cannot parse is refused",
      { timestamp: "+275760-09-13T00:00:00.000Z" },
      undefined,
      "timestamp is more than a day in the future",
    ],
    ["a negative year is refused", { timestamp: "-000001-01-01T00:00:00Z" }, undefined, "timestamp is before 2000-01-01"],
    [
      "a correction past what Date can hold is refused",
      { timestamp: "+275760-09-13T00:00:00.000Z", sentAt: "-271821-04-20T00:00:00.000Z" },
      undefined,
      "timestamp is out of range",
    ],
    ["2000-01-01 itself is kept", { timestamp: "2000-01-01T00:00:00Z" }, undefined, "2000-01-01T00:00:00.000Z"],
    [
      "a sentAt that puts a good timestamp in the future is named",
      { timestamp: "2026-05-10T11:00:00Z", sentAt: "0001-01-01" },
      undefined,
      "sentAt does not fit the timestamp: corrected by it, the time is more than a day in the future",
    ],
    [
      "a batch's sentAt that puts a good timestamp before 2000 is named",
      { timestamp: "2026-05-10T11:00:00Z" },
      "2060-01-01T00:00:00Z",
      "sentAt does not fit the timestamp: corrected by it, the time is before 2000-01-01",
    ],
    [
      "a clock reset to 1970 is still corrected",
      { timestamp: "1970-01-01T00:10:00Z", sentAt: "1970-01-01T00:20:00Z" },
      undefined,
      "2026-05-10T11:50:00.000Z",
    ],
  ])("%s", (_name, m, batchSentAt, expected) => {
    expect(iso(eventTime(m, batchSentAt, receivedAt))).toBe(expected);
  });
});
