import { describe, it, expect } from "vitest";
import { conditionHolds, matchesStep, numericValue } from "./conditions";
import type { StepCondition } from "./types";

// DESIGN.md, "Funnel definitions", Step matchers: each operator's exact meaning.
const props = { plan: "Pro", price: "120.5", qty: 3, gift: true, note: null, tag: "n/a" };
const holds = (c: StepCondition) => conditionHolds(props, c);

describe("step conditions", () => {
  it.each<[StepCondition, boolean]>([
    [{ property: "plan", operator: "is", value: "Pro" }, true],
    [{ property: "plan", operator: "is", value: "pro" }, false], // equality as for where: exact
    [{ property: "qty", operator: "is", value: "3" }, false], // types kept, as jsonb containment
    [{ property: "missing", operator: "is_not", value: "x" }, true], // is_not holds when missing
    [{ property: "note", operator: "is_not", value: "x" }, true], // … or null
    [{ property: "plan", operator: "is_not", value: "Pro" }, false],
    [{ property: "plan", operator: "in", value: ["Team", "Pro"] }, true],
    [{ property: "plan", operator: "in", value: ["Team"] }, false],
    [{ property: "plan", operator: "contains", value: "RO" }, true], // case-insensitive
    [{ property: "plan", operator: "starts_with", value: "pR" }, true],
    [{ property: "plan", operator: "starts_with", value: "ro" }, false],
    [{ property: "missing", operator: "contains", value: "a" }, false], // a missing property contains nothing
    [{ property: "missing", operator: "not_contains", value: "a" }, true], // … so not_contains holds
    [{ property: "qty", operator: "contains", value: "3" }, true], // the property's text
    [{ property: "price", operator: "gt", value: 120 }, true], // a decimal string compares as a number
    [{ property: "price", operator: "lte", value: 120.5 }, true],
    [{ property: "qty", operator: "gte", value: 3 }, true],
    [{ property: "qty", operator: "lt", value: 3 }, false],
    [{ property: "tag", operator: "gt", value: 0 }, false], // "n/a" never compares
    [{ property: "tag", operator: "lte", value: 0 }, false],
    [{ property: "gift", operator: "gt", value: 0 }, false], // true never compares
    [{ property: "missing", operator: "lt", value: 1 }, false],
    [{ property: "plan", operator: "exists" }, true],
    [{ property: "note", operator: "exists" }, false], // present but null
    [{ property: "note", operator: "not_exists" }, true],
    [{ property: "missing", operator: "not_exists" }, true],
  ])("%j → %s", (c, expected) => {
    expect(holds(c)).toBe(expected);
  });

  it("reads numbers only from JSON numbers and decimal strings", () => {
    expect(["51", "120.5", "-3", 7].map(numericValue)).toEqual([51, 120.5, -3, 7]);
    expect(["1e3", " 5", "5.", ".5", "0x10", "", true, null].map(numericValue)).toEqual(Array(8).fill(null));
  });

  it("matches a step by any of its names, path, equalities and every condition", () => {
    const step = {
      event: ["view", "visit"],
      path: "/product/*",
      where: { plan: "Pro" },
      conditions: [{ property: "qty", operator: "gte" as const, value: 2 }],
    };
    expect(matchesStep({ name: "visit", path: "/product/42", properties: props }, step)).toBe(true);
    expect(matchesStep({ name: "buy", path: "/product/42", properties: props }, step)).toBe(false);
    expect(matchesStep({ name: "view", path: "/cart", properties: props }, step)).toBe(false);
    expect(matchesStep({ name: "view", path: "/product/42", properties: { ...props, qty: 1 } }, step)).toBe(false);
  });
});
