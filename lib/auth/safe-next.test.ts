import { describe, it, expect } from "vitest";
import { safeNext, DEFAULT_NEXT } from "./safe-next";

describe("safeNext keeps redirects on the app's origin", () => {
  it.each([
    ["/projects/123?tab=goals#x", "/projects/123?tab=goals#x"],
    ["/invite/abc", "/invite/abc"],
    ["/projects/../team", "/team"],
    ["/projects?next=//evil.example", "/projects?next=//evil.example"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/ /evil.example",
    "/\n/evil.example",
    "/%0A/evil.example",
    "/.//evil.example",
    "/%2e//evil.example",
    "https://evil.example",
    "HTTPS://evil.example/projects",
    "http:evil.example",
    "javascript:alert(1)",
    "/javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,hi",
    "evil.example",
    "",
    "%",
    "/%E0%A4%A",
  ])("refuses %j", (input) => {
    expect(safeNext(input)).toBe(DEFAULT_NEXT);
  });

  it("refuses what is not a string", () => {
    expect(safeNext(null)).toBe(DEFAULT_NEXT);
    expect(safeNext(["/projects"])).toBe(DEFAULT_NEXT);
    expect(safeNext(undefined, "/projects/new")).toBe("/projects/new");
  });
});
