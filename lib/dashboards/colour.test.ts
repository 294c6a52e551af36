import { describe, it, expect } from "vitest";
import { contrastRatio, readableUnderWhite } from "./colour";

describe("client colour contrast (WCAG AA under white text)", () => {
  it.each([
    // [colour, ratio against white to two decimals, readable]
    ["#000000", 21, true],
    ["#2546dc", 7.03, true],
    ["#767676", 4.54, true],
    ["#777777", 4.48, false],
    ["#ffcc00", 1.51, false],
    ["#ffffff", 1, false],
  ])("%s against white is %f:1", (hex, ratio, ok) => {
    expect(contrastRatio(hex, "#ffffff")).toBeCloseTo(ratio, 1);
    expect(readableUnderWhite(hex)).toBe(ok);
  });

  it("refuses what is not #rrggbb", () => {
    for (const v of ["red", "#fff", "#12345g", "#1234567", "url(javascript:1)"]) expect(readableUnderWhite(v)).toBe(false);
  });
});
