import { describe, it, expect } from "vitest";
import { dropsBelowInterval, fallsBelow } from "./evaluate";

describe("alert conditions", () => {
  it.each([
    [{ visitors: 1000, converted: 19 }, 0.02, true],
    [{ visitors: 1000, converted: 20 }, 0.02, false],
    [{ visitors: 50, converted: 0 }, 0.02, false], // too few visitors to judge
  ])("%o below %d: %s", (c, threshold, fires) => expect(fallsBelow(c, threshold)).toBe(fires));

  it("fires on a drop larger than chance allows, not on a small one", () => {
    // Baseline 4 % over 4 weeks; this week 1,000 visitors: the bound is 4 % − 1.96·√(0.04·0.96/1000) ≈ 2.79 %.
    const base = { visitors: 4000, converted: 160 };
    const r = dropsBelowInterval({ visitors: 1000, converted: 27 }, base)!;
    expect(r.low).toBeCloseTo(0.02785, 4);
    expect(r.fires).toBe(true);
    expect(dropsBelowInterval({ visitors: 1000, converted: 33 }, base)!.fires).toBe(false);
    expect(dropsBelowInterval({ visitors: 80, converted: 0 }, base)).toBeNull();
  });
});
