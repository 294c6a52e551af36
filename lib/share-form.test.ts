import { describe, it, expect } from "vitest";
import { screenRange, screenTerms, splitFilterValues, fixedDays } from "./share-form";

const today = "2026-12-03";
const terms = (qs: string, report: "funnel" | "conversions" = "funnel") => screenTerms(new URLSearchParams(qs), report, today);

describe("a new share link takes what is on screen", () => {
  it.each([
    ["", { kind: "rolling", days: 30 }],
    ["range=7d", { kind: "rolling", days: 7 }],
    ["range=90d", { kind: "rolling", days: 90 }],
    ["from=2026-11-01&to=2026-11-14", { kind: "fixed", from: "2026-11-01", to: "2026-11-14" }],
    ["range=this_month", { kind: "fixed", from: "2026-12-01", to: "2026-12-03" }],
    ["range=last_month", { kind: "fixed", from: "2026-11-01", to: "2026-11-30" }],
    ["range=this_quarter", { kind: "fixed", from: "2026-10-01", to: "2026-12-03" }],
    ["range=nonsense", { kind: "rolling", days: 30 }],
  ] as const)("the period of %j", (qs, expected) => {
    expect(screenRange(new URLSearchParams(qs), today)).toEqual(expected);
  });

  it("last month across a year", () => {
    expect(screenRange(new URLSearchParams("range=last_month"), "2027-01-15")).toEqual({
      kind: "fixed",
      from: "2026-12-01",
      to: "2026-12-31",
    });
  });

  it("splits comma-separated filter values the way the report's API reads them", () => {
    expect(terms("source=google,newsletter&device=mobile").filters).toEqual({ source: ["google", "newsletter"], device: ["mobile"] });
    expect(splitFilterValues({ source: ["a,b", "b", ""], device: [""] })).toEqual({ source: ["a", "b"] });
  });

  it("keeps the breakdown and the comparison of a funnel, never a custom property", () => {
    expect(terms("breakdown=source&compare=1")).toMatchObject({ breakdown: "source", compare: true });
    expect(terms("breakdown=prop:variant").breakdown).toBeNull();
    expect(terms("breakdown=source&compare=1", "conversions")).toMatchObject({ breakdown: null, compare: false });
  });

  it("ignores the page's own parameters", () => {
    expect(terms("funnel=abc&seg=device&goal=purchase&lead=x").filters).toEqual({});
  });

  it("counts a fixed period's days, both ends included", () => {
    expect(fixedDays("2026-11-01", "2026-11-14")).toBe(14);
  });
});
