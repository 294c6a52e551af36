import { describe, it, expect } from "vitest";
import { rate, percentChange, median } from "./rates";

describe("rate", () => {
  it.each([
    [1, 4, 0.25],
    [0, 10, 0],
    [10, 10, 1],
    [3, 0, null],
    [0, 0, null],
    [3, -1, null],
    [NaN, 4, null],
  ])("%s / %s → %s", (n, d, expected) => expect(rate(n, d)).toBe(expected));
});

describe("percentChange", () => {
  it.each([
    [125, 100, 0.25],
    [75, 100, -0.25],
    [100, 100, 0],
    [0, 100, -1],
    [0.025, 0.02, 0.25],
    [5, 0, null],
    [0, 0, null],
    [null, 100, null],
    [100, undefined, null],
    [-50, -100, 0.5], // a loss that halved is an improvement, whatever the sign of the baseline
  ])("%s against %s → %s", (current, previous, expected) => {
    const change = percentChange(current, previous);
    if (expected === null) expect(change).toBeNull();
    else expect(change).toBeCloseTo(expected, 12);
  });
});

describe("median", () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 2, 38, 23, 38, 23, 21], 23],
    [[5, NaN, 1, Infinity, 3], 3],
    [[NaN], null],
  ])("median(%j) = %s", (numbers, expected) => expect(median(numbers)).toBe(expected));

  it("leaves its input in order", () => {
    const input = [3, 1, 2];
    median(input);
    expect(input).toEqual([3, 1, 2]);
  });
});
