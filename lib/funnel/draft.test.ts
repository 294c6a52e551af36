import { describe, it, expect } from "vitest";
import { initialDraft, scalar, toDefinition, draftCondition, draftStep, type Draft } from "./draft";

const base = (patch: Partial<Draft> = {}): Draft => ({ ...initialDraft(null), name: "F", ...patch });

describe("the editor's draft as a definition", () => {
  it("types equality values as the old key=value text did, without turning a zip code into a number", () => {
    expect([scalar("51"), scalar("-2.5"), scalar("007"), scalar("true"), scalar(" pro "), scalar("1e3")]).toEqual([
      51,
      -2.5,
      "007",
      true,
      "pro",
      "1e3",
    ]);
  });

  it("gives a step one event name, or a list for several, and conditions in the operators' shapes", () => {
    const d = initialDraft({
      id: "x",
      name: "F",
      description: "",
      windowSeconds: 3600,
      steps: [
        { event: ["view_item", "view_promo"], conditions: [{ property: "price", operator: "gte", value: 10 }] },
        { event: "purchase", where: { plan: "pro" }, optional: false, within: 1800 },
      ],
    });
    d.steps[1].conditions.push(
      { ...draftCondition({ property: "country", operator: "in" }), text: "NL, BE, 42" },
      draftCondition({ property: "coupon", operator: "exists" }),
      { ...draftCondition({ property: "amount", operator: "lt" }), number: null },
    );
    const def = toDefinition(d);
    expect(def.windowSeconds).toBe(3600);
    expect(def.steps[0]).toEqual({ event: ["view_item", "view_promo"], conditions: [{ property: "price", operator: "gte", value: 10 }] });
    expect(def.steps[1].within).toBe(1800);
    expect(def.steps[1].conditions).toEqual([
      { property: "plan", operator: "is", value: "pro" },
      { property: "country", operator: "in", value: ["NL", "BE", 42] },
      { property: "coupon", operator: "exists" },
      // A number the reader has not typed well is sent as NaN, so the schema refuses it beside its field.
      { property: "amount", operator: "lt", value: Number.NaN },
    ]);
    expect(def).not.toHaveProperty("order");
  });

  it("keeps an exclusion between the same steps when the steps are reordered, and leaves out what is not set", () => {
    const d = base();
    d.steps.push(draftStep({ event: "purchase" }));
    d.exclusions = [{ id: "x1", events: ["refund"], path: "", conditions: [], afterStep: d.steps[1].id, beforeStep: d.steps[2].id }];
    expect(toDefinition(d).exclusions![0].between).toEqual([2, 3]);
    const moved = { ...d, steps: [d.steps[1], d.steps[0], d.steps[2]] };
    expect(toDefinition(moved).exclusions![0].between).toEqual([1, 3]);
    const def = toDefinition({
      ...d,
      order: "strict",
      hold: [
        { id: "h", field: "prop", property: "plan" },
        { id: "h2", field: "device", property: "" },
      ],
    });
    expect(def.order).toBe("strict");
    expect(def.hold).toEqual(["prop:plan", "device"]);
  });

  it("a within with no number and an exclusion whose step was removed are refused, not dropped", () => {
    const d = base();
    d.steps[1] = { ...d.steps[1], events: ["x"], withinUnit: "hours", withinValue: null };
    d.exclusions = [{ id: "x1", events: ["refund"], path: "", conditions: [], afterStep: "gone", beforeStep: d.steps[1].id }];
    const def = toDefinition(d);
    expect(def.steps[1].within).toBeNaN();
    expect(def.exclusions![0].between).toEqual([0, 2]);
  });

  it("gives the opened definition's rows the same ids every time (the server's HTML and the browser's first render agree)", () => {
    const initial = {
      id: "f",
      name: "F",
      description: "",
      windowSeconds: 60,
      steps: [{ event: "a", where: { x: 1 } }, { event: "b" }],
      hold: ["device" as const],
    };
    const ids = (d: Draft) => [...d.steps.flatMap((s) => [s.id, ...s.conditions.map((c) => c.id)]), ...d.hold.map((h) => h.id)];
    expect(ids(initialDraft(initial))).toEqual(ids(initialDraft(initial)));
  });
});
