import { describe, it, expect } from "vitest";
import { funnelProblem, funnelDefinitionSchema } from "./validate";

const step = (event: string, extra: object = {}) => ({ event, ...extra });

describe("funnel definitions", () => {
  it.each([
    [{ name: "Shop", steps: [step("pageview"), step("purchase")] }, null],
    [
      {
        name: "Shop",
        steps: [step("pageview", { path: "/product/*" }), step("add_to_cart", { where: { plan: "pro", qty: 2, gift: true } })],
        windowSeconds: 3600,
      },
      null,
    ],
    [{ name: "", steps: [step("a"), step("b")] }, "Give the funnel a name."],
    [{ name: "X", steps: [step("a")] }, "A funnel needs at least 2 steps."],
    [{ name: "X", steps: Array.from({ length: 11 }, (_, i) => step(`e${i}`)) }, "A funnel has at most 10 steps."],
    [{ name: "X", steps: [step("a"), step("  ")] }, "Step 2: Each step needs an event name."],
    [
      { name: "X", steps: [step("a", { path: "product" }), step("b")] },
      "Step 1: A path pattern starts with / (use * as a wildcard, like /product/*).",
    ],
    [{ name: "X", steps: [step("a"), step("b")], windowSeconds: 0 }, "The conversion window must be at least 1 second."],
    [{ name: "X", steps: [step("a"), step("b")], windowSeconds: 91 * 86400 }, "The conversion window can be at most 90 days."],
    [
      { name: "X", steps: [step("a", { where: { plan: { nested: 1 } } }), step("b")] },
      "Step 1: Property values must be text, numbers or true/false.",
    ],
    [{ name: "X", steps: [step("a"), step("b", { where: { " ": "pro" } })] }, "Step 2: Property names cannot be empty."],
  ])("%j → %s", (input, problem) => {
    expect(funnelProblem(input)).toBe(problem);
  });

  it("defaults the window to 7 days and trims names", () => {
    const f = funnelDefinitionSchema.parse({ name: " Shop ", steps: [step(" pageview "), step("purchase", { path: "" })] });
    expect(f).toEqual({ name: "Shop", steps: [{ event: "pageview" }, { event: "purchase" }], windowSeconds: 604800 });
  });
});
