import { describe, it, expect } from "vitest";
import { goalProblem, goalIssue, goalDefinitionSchema, slugifyGoalName, uniqueGoalKey, whereFromRows, rowsFromWhere } from "./validate";

const goal = (extra: object = {}) => ({ name: "Demo request", kind: "micro", match: { event: "demo_request" }, revenue: false, ...extra });

describe("goal definitions", () => {
  it.each([
    [goal(), null],
    [
      goal({ kind: "macro", revenue: true, match: { event: "purchase", path: "/checkout/*", where: { plan: "pro", qty: 2, gift: true } } }),
      null,
    ],
    [goal({ name: "" }), "Give the goal a name."],
    [goal({ name: "   " }), "Give the goal a name."],
    [goal({ name: undefined }), "Give the goal a name."],
    [goal({ name: "x".repeat(101) }), "Keep the goal's name under 100 characters."],
    [goal({ kind: "mega" }), "Choose whether this is a macro goal or a micro goal."],
    [goal({ match: { event: " " } }), "A goal needs an event name."],
    [goal({ match: {} }), "A goal needs an event name."],
    [goal({ match: undefined }), "A goal needs an event name."],
    [goal({ match: { event: "e".repeat(201) } }), "Event names are at most 200 characters."],
    [goal({ match: { event: "a", path: "pricing" } }), "A path pattern starts with / (use * as a wildcard, like /product/*)."],
    [goal({ match: { event: "a", where: { "": "x" } } }), "Property names cannot be empty."],
    [goal({ match: { event: "a", where: { plan: { nested: 1 } } } }), "Property values must be text, numbers or true/false."],
    [
      goal({ match: { event: "a", where: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, i])) } }),
      "At most 10 property conditions.",
    ],
    [goal({ revenue: "yes" }), "Revenue is either on or off."],
  ])("%j → %s", (input, problem) => {
    expect(goalProblem(input)).toBe(problem);
  });

  it("names the field a problem belongs to", () => {
    expect(goalIssue(goal({ name: "" }))?.field).toBe("name");
    expect(goalIssue(goal({ kind: "x" }))?.field).toBe("kind");
    expect(goalIssue(goal({ match: { event: "" } }))?.field).toBe("event");
    expect(goalIssue(goal({ match: { event: "a", path: "x" } }))?.field).toBe("path");
    expect(goalIssue(goal({ match: { event: "a", where: { "": 1 } } }))?.field).toBe("where");
    expect(goalIssue(goal())).toBeNull();
  });

  it("trims, drops an empty path and defaults revenue to off", () => {
    const g = goalDefinitionSchema.parse({ name: " Signup ", kind: "macro", match: { event: " signup ", path: "" } });
    expect(g).toEqual({ name: "Signup", kind: "macro", match: { event: "signup" }, revenue: false });
  });
});

describe("goal keys", () => {
  it.each([
    ["Add to cart", "add_to_cart"],
    ["Nieuwsbriefinschrijving (kortingscode)", "nieuwsbriefinschrijving_kortingscode"],
    ["Café-reservering", "cafe_reservering"],
    ["  --  ", "goal"],
    ["€€€", "goal"],
  ])("%s → %s", (name, key) => {
    expect(slugifyGoalName(name)).toBe(key);
  });

  it("stays short", () => {
    expect(slugifyGoalName("a ".repeat(100)).length).toBeLessThanOrEqual(60);
    expect(slugifyGoalName("a ".repeat(100)).endsWith("_")).toBe(false);
  });

  it("appends -2, -3 when the slug is taken in the project", () => {
    expect(uniqueGoalKey("Add to cart", [])).toBe("add_to_cart");
    expect(uniqueGoalKey("Add to cart", ["add_to_cart"])).toBe("add_to_cart-2");
    expect(uniqueGoalKey("Add to cart", ["add_to_cart", "add_to_cart-2"])).toBe("add_to_cart-3");
    expect(uniqueGoalKey("Add to cart", ["add_to_cart-2"])).toBe("add_to_cart");
  });
});

describe("property condition rows", () => {
  it("keeps types like funnel steps and drops blank rows", () => {
    expect(
      whereFromRows([
        { key: " plan ", value: " pro " },
        { key: "qty", value: "2" },
        { key: "gift", value: "true" },
        { key: "", value: "" },
      ]),
    ).toEqual({ plan: "pro", qty: 2, gift: true });
    expect(whereFromRows([{ key: "", value: " " }])).toBeUndefined();
  });

  it("keeps a row without a name so validation can say so", () => {
    expect(goalProblem(goal({ match: { event: "a", where: whereFromRows([{ key: "", value: "x" }]) } }))).toBe(
      "Property names cannot be empty.",
    );
  });

  it("round-trips through rows", () => {
    const where = { plan: "pro", qty: 2, gift: false };
    expect(whereFromRows(rowsFromWhere(where))).toEqual(where);
    expect(rowsFromWhere(undefined)).toEqual([]);
  });
});
