import { describe, it, expect } from "vitest";
import { annotationSpan } from "./types";

describe("which chart periods an annotation falls in", () => {
  const days = ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04"];
  const weeks = ["2026-09-28", "2026-10-05", "2026-10-12"];
  it.each([
    [days, "2026-10-02", "2026-10-02", 1, { start: 1, end: 1 }],
    [days, "2026-09-20", "2026-10-01", 1, { start: 0, end: 0 }],
    [days, "2026-10-03", "2026-11-30", 1, { start: 2, end: 3 }],
    [days, "2026-10-05", "2026-10-05", 1, null],
    [days, "2026-09-01", "2026-09-30", 1, null],
    [weeks, "2026-10-07", "2026-10-07", 7, { start: 1, end: 1 }],
    [weeks, "2026-10-04", "2026-10-05", 7, { start: 0, end: 1 }],
    [weeks, "2026-10-18", "2026-10-18", 7, { start: 2, end: 2 }],
    [weeks, "2026-10-19", "2026-10-19", 7, null],
  ])("%j: %s to %s", (periods, from, to, lastDays, expected) => {
    expect(annotationSpan(periods, { from, to }, lastDays)).toEqual(expected);
  });
});
