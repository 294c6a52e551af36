import { describe, it, expect } from "vitest";
import { funnelDefinitionFullSchema, funnelIssue, funnelProblem, issueOf } from "./validate";
import { funnelDefinitionQueryBodySchema } from "./query";
import { normalizeDefinition, walkDefinitionOf } from "./normalize";
import { funnelIssueText } from "./issue-text";
import { makeTranslate } from "../i18n/translate";
import en from "../i18n/messages/en";
import nl from "../i18n/messages/nl";

// DESIGN.md, "Funnel definitions": what a definition may say, and a 400 that says what is wrong for anything else.
const base = (extra: object = {}, steps: object[] = [{ event: "view" }, { event: "cart" }, { event: "buy" }]) => ({
  name: "Shop",
  steps,
  windowSeconds: 3600,
  ...extra,
});
const range = { from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" };
const body = (extra: object = {}, steps: object[] = [{ event: "view" }, { event: "cart" }, { event: "buy" }]) => ({
  steps,
  window: 3600,
  ...range,
  ...extra,
});
const tnl = makeTranslate(nl, "nl");
const ten = makeTranslate(en, "en");

describe("definitions the design accepts", () => {
  it("takes every field at once, and keeps them", () => {
    const def = base(
      {
        order: "ordered",
        exclusions: [
          { event: ["refund", "cancel"], conditions: [{ property: "reason", operator: "contains", value: "fraud" }], between: [1, 3] },
        ],
        hold: ["prop:plan", "device", "prop:plan"],
        timeToConvert: { from: 1, to: 3 },
      },
      [
        { event: ["view", "landing", "view"], label: "Saw it" },
        {
          event: "cart",
          optional: true,
          within: 600,
          conditions: [
            { property: "price", operator: "gte", value: "120.5" },
            { property: "plan", operator: "in", value: ["pro", "team"] },
            { property: "coupon", operator: "not_exists" },
          ],
        },
        { event: "buy", within: 3600, where: { currency: "EUR" } },
      ],
    );
    const parsed = funnelDefinitionFullSchema.parse(def);
    expect(parsed.steps[0].event).toEqual(["view", "landing"]);
    expect(parsed.steps[1].conditions).toEqual([
      { property: "price", operator: "gte", value: 120.5 },
      { property: "plan", operator: "in", value: ["pro", "team"] },
      { property: "coupon", operator: "not_exists" },
    ]);
    expect(parsed.hold).toEqual(["prop:plan", "device"]);
    expect(funnelProblem(def)).toBeNull();
  });

  it.each([
    ["each operator with its value", { conditions: [{ property: "a", operator: "is", value: true }] }],
    ["is_not with a number", { conditions: [{ property: "a", operator: "is_not", value: 3 }] }],
    ["lt with a number", { conditions: [{ property: "a", operator: "lt", value: -2.5 }] }],
    ["starts_with", { conditions: [{ property: "a", operator: "starts_with", value: "/blog" }] }],
    ["not_contains", { conditions: [{ property: "a", operator: "not_contains", value: "x" }] }],
    ["exists", { conditions: [{ property: "a", operator: "exists" }] }],
    ["ten conditions", { conditions: Array.from({ length: 10 }, (_, i) => ({ property: `p${i}`, operator: "exists" })) }],
    ["twenty names", { event: Array.from({ length: 20 }, (_, i) => `e${i}`) }],
  ])("a step with %s", (_, step) => {
    expect(funnelIssue(base({}, [{ event: "view" }, { event: "x", ...step }]))).toBeNull();
  });

  it.each([
    ["strict with optional, within and exclusions", { order: "strict", exclusions: [{ event: "x", between: [1, 3] }] }],
    ["any order", { order: "any" }],
    ["an exclusion across several steps", { exclusions: [{ event: "x", between: [1, 3] }] }],
    ["five exclusions", { exclusions: Array.from({ length: 5 }, () => ({ event: "x", between: [2, 3] })) }],
    ["three held fields", { hold: ["source", "prop:plan", "age_group"] }],
    ["time to convert", { timeToConvert: { from: 1, to: 2 } }],
  ])("%s", (_, extra) => {
    const steps =
      (extra as { order?: string }).order === "strict"
        ? [{ event: "a" }, { event: "b", optional: true }, { event: "c", within: 3600 }]
        : undefined;
    expect(funnelProblem(base(extra, steps))).toBeNull();
    expect(funnelDefinitionQueryBodySchema.safeParse(body(extra, steps)).success).toBe(true);
  });

  it("accepts 30 steps and within equal to the window", () => {
    expect(
      funnelIssue(
        base(
          {},
          Array.from({ length: 30 }, (_, i) => ({ event: `e${i}` })),
        ),
      ),
    ).toBeNull();
    expect(funnelIssue(base({}, [{ event: "a" }, { event: "b", within: 3600 }]))).toBeNull();
  });

  it("keeps what an old definition says: the same parse, and normalized as an ordered funnel", () => {
    const old = {
      name: "Shop",
      steps: [
        { event: "pageview", path: "/product/*" },
        { event: "buy", where: { plan: "pro" }, label: "Bought" },
      ],
    };
    const full = funnelDefinitionFullSchema.parse(old);
    // The old shape parses as it is: the same fields, nothing added.
    expect(full).toEqual({ ...old, windowSeconds: 7 * 86400 });
    expect(normalizeDefinition(full)).toEqual({
      steps: [
        { event: ["pageview"], path: "/product/*", conditions: [], optional: false, withinMs: null },
        { event: ["buy"], where: { plan: "pro" }, conditions: [], label: "Bought", optional: false, withinMs: null },
      ],
      windowMs: 604800_000,
      order: "ordered",
      exclusions: [],
      hold: [],
      timeToConvert: { from: 1, to: 2 },
    });
  });

  it("normalizes for the walk: masks, within in ms, exclusions' steps", () => {
    const parsed = funnelDefinitionQueryBodySchema.parse(
      body({ exclusions: [{ event: "x", between: [1, 3] }], hold: ["device"], order: "strict" }, [
        { event: "a" },
        { event: "b", optional: true, within: 60 },
        { event: "c" },
      ]),
    );
    const n = normalizeDefinition(parsed);
    expect(n.windowMs).toBe(3600_000);
    expect(walkDefinitionOf(n)).toEqual({
      k: 3,
      windowMs: 3600_000,
      order: "strict",
      optionalMask: 0b010,
      withinMs: [Infinity, 60_000, Infinity],
      exclusions: [[1, 3]],
      hold: 1,
    });
  });
});

describe("definitions the design refuses: the field, the code, the words in both languages", () => {
  const three = [{ event: "a" }, { event: "b" }, { event: "c" }];
  const cases: [string, object, object[] | undefined, (string | number)[], object, string][] = [
    [
      "an optional first step",
      {},
      [{ event: "a", optional: true }, { event: "b" }],
      ["steps", 0, "optional"],
      { code: "optionalFirstLast", step: 1 },
      "Stap 1: De eerste en de laatste stap kunnen niet optioneel zijn.",
    ],
    [
      "an optional last step",
      {},
      [{ event: "a" }, { event: "b", optional: true }],
      ["steps", 1, "optional"],
      { code: "optionalFirstLast", step: 2 },
      "Stap 2: De eerste en de laatste stap kunnen niet optioneel zijn.",
    ],
    [
      "optional not a boolean",
      {},
      [{ event: "a" }, { event: "b", optional: "yes" }, { event: "c" }],
      ["steps", 1, "optional"],
      { code: "optionalInvalid", step: 2 },
      "Stap 2: Optioneel staat aan of uit.",
    ],
    [
      "within on step 1",
      {},
      [{ event: "a", within: 60 }, { event: "b" }],
      ["steps", 0, "within"],
      { code: "withinFirstStep", step: 1 },
      "Stap 1: De eerste stap kan geen “binnen” hebben: dat begrenst de tijd sinds de vorige stap.",
    ],
    [
      "within over the window",
      {},
      [{ event: "a" }, { event: "b" }, { event: "c", within: 3601 }],
      ["steps", 2, "within"],
      { code: "withinOverWindow", step: 3 },
      "Stap 3: “Binnen” is hoogstens het conversievenster.",
    ],
    [
      "within 0",
      {},
      [{ event: "a" }, { event: "b", within: 0 }],
      ["steps", 1, "within"],
      { code: "withinInvalid", step: 2 },
      "Stap 2: Vul een tijdslimiet groter dan 0 in.",
    ],
    [
      "within a fraction",
      {},
      [{ event: "a" }, { event: "b", within: 1.5 }],
      ["steps", 1, "within"],
      { code: "withinInvalid", step: 2 },
      "Stap 2: Vul een tijdslimiet groter dan 0 in.",
    ],
    [
      "an empty list of names",
      {},
      [{ event: "a" }, { event: [] }],
      ["steps", 1, "event"],
      { code: "eventRequired", step: 2 },
      "Stap 2: Elke stap heeft een eventnaam nodig.",
    ],
    [
      "an empty name in a list",
      {},
      [{ event: "a" }, { event: ["b", " "] }],
      ["steps", 1, "event", 1],
      { code: "eventRequired", step: 2 },
      "Stap 2: Elke stap heeft een eventnaam nodig.",
    ],
    [
      "21 names",
      {},
      [{ event: "a" }, { event: Array.from({ length: 21 }, (_, i) => `e${i}`) }],
      ["steps", 1, "event"],
      { code: "tooManyEvents", step: 2, max: 20 },
      "Stap 2: Eventnamen per stap: hoogstens 20.",
    ],
    [
      "a name that is a number",
      {},
      [{ event: "a" }, { event: 5 }],
      ["steps", 1, "event"],
      { code: "eventRequired", step: 2 },
      "Stap 2: Elke stap heeft een eventnaam nodig.",
    ],
    [
      "11 conditions",
      {},
      [{ event: "a" }, { event: "b", conditions: Array.from({ length: 11 }, (_, i) => ({ property: `p${i}`, operator: "exists" })) }],
      ["steps", 1, "conditions"],
      { code: "tooManyConditions", step: 2, max: 10 },
      "Stap 2: Hoogstens 10 voorwaarden op eigenschappen.",
    ],
    [
      "an unknown operator",
      {},
      [{ event: "a" }, { event: "b", conditions: [{ property: "p", operator: "like", value: "x" }] }],
      ["steps", 1, "conditions", 0, "operator"],
      { code: "conditionOperator", step: 2 },
      "Stap 2: Kies een operator voor de voorwaarde.",
    ],
    [
      "in without a list",
      {},
      [{ event: "a" }, { event: "b", conditions: [{ property: "p", operator: "in", value: "x" }] }],
      ["steps", 1, "conditions", 0, "value"],
      { code: "conditionList", step: 2, max: 50 },
      "Stap 2: “Een van” heeft 1 tot 50 waarden nodig.",
    ],
    [
      "in with an empty list",
      {},
      [{ event: "a" }, { event: "b", conditions: [{ property: "p", operator: "in", value: [] }] }],
      ["steps", 1, "conditions", 0, "value"],
      { code: "conditionList", step: 2, max: 50 },
      "Stap 2: “Een van” heeft 1 tot 50 waarden nodig.",
    ],
    [
      "gt with text",
      {},
      [{ event: "a" }, { event: "b", conditions: [{ property: "p", operator: "gt", value: "n/a" }] }],
      ["steps", 1, "conditions", 0, "value"],
      { code: "conditionNumber", step: 2 },
      "Stap 2: Deze voorwaarde heeft een getal nodig, zoals 51 of 120.5.",
    ],
    [
      "lte with true",
      {},
      [{ event: "a" }, { event: "b", conditions: [{ property: "p", operator: "lte", value: true }] }],
      ["steps", 1, "conditions", 0, "value"],
      { code: "conditionNumber", step: 2 },
      "Stap 2: Deze voorwaarde heeft een getal nodig, zoals 51 of 120.5.",
    ],
    [
      "exists with a value",
      {},
      [{ event: "a" }, { event: "b", conditions: [{ property: "p", operator: "exists", value: 1 }] }],
      ["steps", 1, "conditions", 0, "value"],
      { code: "conditionNoValue", step: 2 },
      "Stap 2: “Is ingevuld” en “is niet ingevuld” hebben geen waarde.",
    ],
    [
      "contains with a number",
      {},
      [{ event: "a" }, { event: "b", conditions: [{ property: "p", operator: "contains", value: 5 }] }],
      ["steps", 1, "conditions", 0, "value"],
      { code: "conditionText", step: 2 },
      "Stap 2: Deze voorwaarde heeft een tekst van 1 tot 200 tekens nodig.",
    ],
    [
      "is without a value",
      {},
      [{ event: "a" }, { event: "b", conditions: [{ property: "p", operator: "is" }] }],
      ["steps", 1, "conditions", 0, "value"],
      { code: "conditionValue", step: 2 },
      "Stap 2: Deze voorwaarde heeft een waarde nodig: tekst, een getal of true/false.",
    ],
    [
      "a condition without a property",
      {},
      [{ event: "a" }, { event: "b", conditions: [{ property: "", operator: "exists" }] }],
      ["steps", 1, "conditions", 0, "property"],
      { code: "propertyNameRequired", step: 2 },
      "Stap 2: Namen van eigenschappen mogen niet leeg zijn.",
    ],
    [
      "an unknown key in a condition",
      {},
      [{ event: "a" }, { event: "b", conditions: [{ property: "p", operator: "exists", op: 1 }] }],
      ["steps", 1, "conditions", 0],
      { code: "unknownField", step: 2 },
      "Stap 2: Dit veld hoort niet bij een funneldefinitie.",
    ],
    [
      "an unknown key in a step",
      {},
      [{ event: "a" }, { event: "b", optinal: true }],
      ["steps", 1],
      { code: "unknownField", step: 2 },
      "Stap 2: Dit veld hoort niet bij een funneldefinitie.",
    ],
    [
      "an unknown order",
      { order: "sequential" },
      undefined,
      ["order"],
      { code: "orderInvalid" },
      "Kies een volgorde: in deze volgorde, in deze volgorde zonder iets ertussen, of in willekeurige volgorde.",
    ],
    [
      "any order with an optional step",
      { order: "any" },
      [{ event: "a" }, { event: "b", optional: true }, { event: "c" }],
      ["steps", 1, "optional"],
      { code: "anyOrderOptional", step: 2 },
      "Stap 2: In willekeurige volgorde kan geen stap optioneel zijn.",
    ],
    [
      "any order with within",
      { order: "any" },
      [{ event: "a" }, { event: "b", within: 60 }],
      ["steps", 1, "within"],
      { code: "anyOrderWithin", step: 2 },
      "Stap 2: In willekeurige volgorde kunnen stappen geen “binnen” hebben.",
    ],
    [
      "any order with exclusions",
      { order: "any", exclusions: [{ event: "x", between: [1, 2] }] },
      undefined,
      ["exclusions"],
      { code: "anyOrderExclusions" },
      "In willekeurige volgorde zijn er geen uitsluitingen mogelijk.",
    ],
    [
      "six exclusions",
      { exclusions: Array.from({ length: 6 }, () => ({ event: "x", between: [1, 2] })) },
      undefined,
      ["exclusions"],
      { code: "tooManyExclusions", max: 5 },
      "Hoogstens 5 uitsluitingen.",
    ],
    [
      "an exclusion with a = b",
      { exclusions: [{ event: "x", between: [2, 2] }] },
      undefined,
      ["exclusions", 0, "between"],
      { code: "exclusionBetween", exclusion: 1 },
      "Uitsluiting 1: Een uitsluiting ligt tussen twee stappen a en b, met a vóór b.",
    ],
    [
      "an exclusion past the last step",
      {
        exclusions: [
          { event: "x", between: [1, 2] },
          { event: "x", between: [2, 4] },
        ],
      },
      undefined,
      ["exclusions", 1, "between"],
      { code: "exclusionBetween", exclusion: 2 },
      "Uitsluiting 2: Een uitsluiting ligt tussen twee stappen a en b, met a vóór b.",
    ],
    [
      "an exclusion from step 0",
      { exclusions: [{ event: "x", between: [0, 2] }] },
      undefined,
      ["exclusions", 0, "between"],
      { code: "exclusionBetween", exclusion: 1 },
      "Uitsluiting 1: Een uitsluiting ligt tussen twee stappen a en b, met a vóór b.",
    ],
    [
      "an exclusion at an optional step",
      { exclusions: [{ event: "x", between: [2, 3] }] },
      [{ event: "a" }, { event: "b", optional: true }, { event: "c" }],
      ["exclusions", 0, "between"],
      { code: "exclusionOptional", exclusion: 1 },
      "Uitsluiting 1: Een uitsluiting kan niet beginnen of eindigen bij een optionele stap.",
    ],
    [
      "an exclusion without an event",
      { exclusions: [{ between: [1, 2] }] },
      undefined,
      ["exclusions", 0, "event"],
      { code: "exclusionEventRequired", exclusion: 1 },
      "Uitsluiting 1: Elke uitsluiting heeft een eventnaam nodig.",
    ],
    [
      "a held property without its name",
      { hold: ["prop:"] },
      undefined,
      ["hold", 0],
      { code: "holdPropertyRequired" },
      "Vul de naam in van de eigenschap die gelijk moet blijven.",
    ],
    [
      "an exclusion with a bad condition",
      { exclusions: [{ event: "x", between: [1, 2], conditions: [{ property: "p", operator: "gt" }] }] },
      undefined,
      ["exclusions", 0, "conditions", 0, "value"],
      { code: "conditionNumber", exclusion: 1 },
      "Uitsluiting 1: Deze voorwaarde heeft een getal nodig, zoals 51 of 120.5.",
    ],
    [
      "an unknown held field",
      { hold: ["colour"] },
      undefined,
      ["hold", 0],
      { code: "holdField" },
      "Houd een segmentveld of een eigenschap gelijk, zoals source of prop:plan.",
    ],
    [
      "four held fields",
      { hold: ["source", "device", "os", "country"] },
      undefined,
      ["hold"],
      { code: "tooManyHold", max: 3 },
      "Gelijk gehouden velden: hoogstens 3.",
    ],
    [
      "time to convert backwards",
      { timeToConvert: { from: 3, to: 2 } },
      undefined,
      ["timeToConvert", "from"],
      { code: "timeToConvertSteps" },
      "De tijd tot conversie loopt van een stap naar een latere stap.",
    ],
    [
      "time to convert past the last step",
      { timeToConvert: { from: 1, to: 4 } },
      undefined,
      ["timeToConvert", "to"],
      { code: "timeToConvertSteps" },
      "De tijd tot conversie loopt van een stap naar een latere stap.",
    ],
    [
      "time to convert to an optional step",
      { timeToConvert: { from: 1, to: 2 } },
      [{ event: "a" }, { event: "b", optional: true }, { event: "c" }],
      ["timeToConvert", "to"],
      { code: "timeToConvertOptional" },
      "De tijd tot conversie kan niet beginnen of eindigen bij een optionele stap.",
    ],
    ["an unknown key", { colour: "red" }, undefined, [], { code: "unknownField" }, "Dit veld hoort niet bij een funneldefinitie."],
    [
      "31 steps",
      {},
      Array.from({ length: 31 }, (_, i) => ({ event: `e${i}` })),
      ["steps"],
      { code: "tooManySteps", max: 30 },
      "Een funnel heeft hoogstens 30 stappen.",
    ],
  ];

  it.each(cases)("%s", (_, extra, steps, path, issue, dutch) => {
    // the saved definition: the code and its words
    const found = funnelIssue(base(extra, steps ?? three));
    expect(found).toEqual(issue);
    expect(funnelIssueText(tnl, found!)).toBe(dutch);
    expect(funnelIssueText(ten, found!)).not.toContain("funnels.");
    // the query body: the same field and code, with an English message (the API's 400)
    const r = funnelDefinitionQueryBodySchema.safeParse(body(extra, steps ?? three));
    expect(r.success).toBe(false);
    const first = r.error!.issues[0];
    expect(first.path).toEqual(path);
    expect(first.message).toMatch(/^[A-Z"a-z]/);
    expect(issueOf(first)).toEqual(issue);
  });

  it("says in English what is wrong, naming the step or exclusion", () => {
    expect(funnelProblem(base({}, [{ event: "a" }, { event: "b" }, { event: "c", within: 4000 }]))).toBe(
      "Step 3: within can be at most the conversion window (3600 seconds).",
    );
    expect(funnelProblem(base({ exclusions: [{ event: "x", between: [3, 1] }] }))).toBe(
      "Exclusion 1: between is [a, b] with 1 ≤ a < b ≤ 3.",
    );
    expect(funnelProblem(base({}, [{ event: "a" }, { event: "b", optinal: true }]))).toBe('Step 2: A step has no field "optinal".');
    expect(funnelProblem(base({}, [{ event: "a" }, { event: "b", conditions: [{ property: "p", operator: "gt", value: "n/a" }] }]))).toBe(
      'Step 2: This operator needs a number (like 51 or "120.5", at most 200 characters).',
    );
  });

  it("refuses unknown keys in the query body", () => {
    const r = funnelDefinitionQueryBodySchema.safeParse({ ...body(), ordr: "any" });
    expect(r.error?.issues[0].message).toBe('The query has no field "ordr".');
  });
});
