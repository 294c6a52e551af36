import { describe, it, expect } from "vitest";
import { experimentIssue, experimentDefinitionSchema } from "./validate";

const GOAL = "4f1c7a52-7c1e-4f0a-9d55-2b8f6f1b9a10";
const valid = {
  name: "New checkout",
  property: "variant",
  source: "event",
  variants: ["control", "new_checkout"],
  controlVariant: "control",
  goalId: GOAL,
  funnelId: null,
  startDate: "2026-05-01",
  minimumUplift: 0.1,
};

describe("experiment definition", () => {
  it("accepts a valid experiment and trims its text", () => {
    expect(experimentIssue(valid)).toBeNull();
    expect(experimentDefinitionSchema.parse({ ...valid, name: "  New checkout " }).name).toBe("New checkout");
  });

  it.each([
    [{ name: "" }, "name", "Give the experiment a name."],
    [{ property: "my variant" }, "property", "A property name has letters"],
    [{ variants: ["control"] }, "variants", "at least 2 variants"],
    [{ variants: ["a", "b", "c", "d", "e", "f"], controlVariant: "a" }, "variants", "at most 5 variants"],
    [{ variants: ["control", "control"] }, "variants", "only once"],
    [{ controlVariant: "other" }, "controlVariant", "The control must be one of the variants."],
    [{ goalId: null }, "target", "either a goal or a funnel"],
    [{ funnelId: GOAL }, "target", "either a goal or a funnel"],
    [{ goalId: "nope" }, "target", "Choose a goal"],
    [{ startDate: "1 May" }, "startDate", "like 2026-05-01"],
    [{ minimumUplift: 0.005 }, "minimumUplift", "at least 1 %"],
    [{ minimumUplift: 1.5 }, "minimumUplift", "at most 100 %"],
    [{ source: "cookie" }, "source", "event property or an identify trait"],
  ])("%o is refused on %s", (patch, field, message) => {
    const issue = experimentIssue({ ...valid, ...patch });
    expect(issue?.field).toBe(field);
    expect(issue?.message).toContain(message);
  });
});
