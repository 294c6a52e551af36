import { describe, it, expect } from "vitest";
import { funnelProblem, funnelDefinitionFullSchema, funnelIssue, FUNNEL_ISSUE_CODES } from "./validate";
import { funnelIssueText } from "./issue-text";
import { makeTranslate } from "../i18n/translate";
import en from "../i18n/messages/en";
import nl from "../i18n/messages/nl";

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
    [{ name: "X", steps: Array.from({ length: 31 }, (_, i) => step(`e${i}`)) }, "A funnel has at most 30 steps."],
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
    const f = funnelDefinitionFullSchema.parse({ name: " Shop ", steps: [step(" pageview "), step("purchase", { path: "" })] });
    expect(f).toEqual({ name: "Shop", steps: [{ event: "pageview" }, { event: "purchase" }], windowSeconds: 604800 });
  });
});

describe("funnel problems as codes, worded by the catalogue", () => {
  const tnl = makeTranslate(nl, "nl");
  const ten = makeTranslate(en, "en");
  it.each([
    [{ name: "", steps: [step("a"), step("b")] }, { code: "nameRequired" }, "Geef de funnel een naam."],
    [{ name: "X", steps: [step("a")] }, { code: "tooFewSteps", min: 2 }, "Een funnel heeft minstens 2 stappen nodig."],
    [
      { name: "X", steps: Array.from({ length: 31 }, (_, i) => step(`e${i}`)) },
      { code: "tooManySteps", max: 30 },
      "Een funnel heeft hoogstens 30 stappen.",
    ],
    [{ name: "X", steps: [step("a"), step("  ")] }, { code: "eventRequired", step: 2 }, "Stap 2: Elke stap heeft een eventnaam nodig."],
    [
      { name: "X", steps: [step("a", { path: "product" }), step("b")] },
      { code: "pathPattern", step: 1 },
      "Stap 1: Een padpatroon begint met / (gebruik * als joker, zoals /product/*).",
    ],
    [
      { name: "X", steps: [step("a"), step("b")], windowSeconds: 0 },
      { code: "windowTooSmall" },
      "Het conversievenster is minstens 1 seconde.",
    ],
    [
      { name: "X", steps: [step("a"), step("b")], windowSeconds: Number.NaN },
      { code: "windowInvalid" },
      "Vul het conversievenster in als getal.",
    ],
    [
      { name: "X", steps: [step("a"), step("b")], windowSeconds: 91 * 86400 },
      { code: "windowTooBig", max: 90 },
      "Het conversievenster is hoogstens 90 dagen.",
    ],
    [
      { name: "X", steps: [step("a", { where: { plan: { nested: 1 } } }), step("b")] },
      { code: "propertyValueType", step: 1 },
      "Stap 1: Waarden van eigenschappen zijn tekst, getallen of true/false.",
    ],
    [
      { name: "X", steps: [step("a"), step("b", { where: { " ": "pro" } })] },
      { code: "propertyNameRequired", step: 2 },
      "Stap 2: Namen van eigenschappen mogen niet leeg zijn.",
    ],
    [
      { name: "X", steps: [step("a"), step("b", { where: { plan: "x".repeat(201) } })] },
      { code: "propertyValueTooLong", step: 2 },
      "Stap 2: Waarden van eigenschappen zijn hoogstens 200 tekens lang.",
    ],
    [
      { name: "X", steps: [step("a", { where: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])) }), step("b")] },
      { code: "tooManyConditions", step: 1, max: 10 },
      "Stap 1: Hoogstens 10 voorwaarden op eigenschappen.",
    ],
    [
      { name: "X", steps: [step("a\u0000"), step("b")] },
      { code: "unsafeText", step: 1 },
      "Stap 1: Verwijder de onzichtbare stuurtekens (een NUL-byte of een kapot teken).",
    ],
    [
      { name: "X", steps: [step("a", { label: "x".repeat(101) }), step("b")] },
      { code: "labelTooLong", step: 1 },
      "Stap 1: Stapnamen zijn hoogstens 100 tekens lang.",
    ],
  ])("%j → %j", (input, issue, dutch) => {
    const found = funnelIssue(input);
    expect(found).toEqual(issue);
    expect(funnelIssueText(tnl, found!)).toBe(dutch);
  });

  it("words every code in both languages (no key shown raw)", () => {
    for (const code of FUNNEL_ISSUE_CODES)
      for (const t of [ten, tnl]) expect(funnelIssueText(t, { code, step: 1, min: 2, max: 10 })).not.toContain("funnels.");
  });
});
