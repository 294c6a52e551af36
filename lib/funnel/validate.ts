import { z } from "zod";
import {
  MIN_STEPS,
  MAX_WINDOW_SECONDS,
  DEFAULT_WINDOW_SECONDS,
  FUNNEL_ORDERS,
  MAX_EXCLUSIONS,
  MAX_HOLD,
  MAX_STEP_CONDITIONS,
  SEGMENT_FIELDS,
  isSegmentField,
  type SegmentField,
} from "./types";
import { funnelMatchShape, storable, unknownKeys, MAX_STEP_EVENTS } from "./matcher-schema";

export { eventNameSchema, stepMatchSchema } from "./matcher-schema";

/** The most steps a definition may have (DESIGN.md: 2 to 30). MAX_STEPS in types.ts follows when the engine takes them. */
export const MAX_DEFINITION_STEPS = 30;

const stepLabel = z
  .string()
  .trim()
  .max(100, "Step names are at most 100 characters.")
  .refine(...storable("Step names"))
  .optional();

/**
 * A step of a definition (DESIGN.md, "Funnel definitions"): one event name or several, path, equalities,
 * conditions, label, optional, within; unknown keys refused.
 */
export const definitionStepSchema = z.strictObject(
  {
    ...funnelMatchShape,
    label: stepLabel,
    optional: z.boolean("optional is true or false.").optional(),
    within: z
      .number("within is a number of seconds.")
      .int("within is a whole number of seconds.")
      .min(1, "within must be at least 1 second.")
      .max(MAX_WINDOW_SECONDS, "within can be at most the conversion window.")
      .optional(),
  },
  { error: unknownKeys("A step") },
);

export const definitionStepsSchema = z
  .array(definitionStepSchema, "Steps must be a list.")
  .min(MIN_STEPS, `A funnel needs at least ${MIN_STEPS} steps.`)
  .max(MAX_DEFINITION_STEPS, `A funnel has at most ${MAX_DEFINITION_STEPS} steps.`);

export const windowSchema = z
  .number("The conversion window is a number of seconds.")
  .int("The conversion window is a whole number of seconds.")
  .min(1, "The conversion window must be at least 1 second.")
  .max(MAX_WINDOW_SECONDS, "The conversion window can be at most 90 days.");

const stepNumber = (what: string) => z.number(`${what} is a step number.`).int(`${what} is a step number.`);

/** "Did not … between step a and step b": its own matcher and the steps it lies between. */
export const exclusionSchema = z.strictObject(
  {
    ...funnelMatchShape,
    between: z.tuple([stepNumber("between's first step"), stepNumber("between's second step")], {
      error: "between is a pair of step numbers [a, b], like [1, 3].",
    }),
  },
  { error: unknownKeys("An exclusion") },
);

const holdField = z.string("hold names fields: a segment field or prop:<name>.").superRefine((f, ctx) => {
  if (isSegmentField(f)) return;
  // The API's sentence is the same either way; the editor says an empty property name is missing.
  const code = /^prop:\s*$/.test(f) ? "holdPropertyRequired" : "holdField";
  ctx.addIssue({ code: "custom", message: `hold names ${SEGMENT_FIELDS.join(", ")} or prop:<name>.`, params: { code } });
});

/**
 * The parts of a definition beyond its steps and window (DESIGN.md, "Funnel definitions"), all optional:
 * a definition without them means what it always meant (normalizeDefinition applies the defaults).
 */
export const funnelRulesShape = {
  order: z.enum(FUNNEL_ORDERS, `order must be one of ${FUNNEL_ORDERS.join(", ")}.`).optional(),
  exclusions: z
    .array(exclusionSchema, "exclusions must be a list.")
    .max(MAX_EXCLUSIONS, `At most ${MAX_EXCLUSIONS} exclusions.`)
    .optional(),
  hold: z
    .array(holdField, "hold must be a list of fields.")
    // Duplicates dropped before the count: ["source", "source"] holds one field.
    .transform((h) => [...new Set(h)] as SegmentField[])
    .refine((h) => h.length <= MAX_HOLD, {
      message: `hold names at most ${MAX_HOLD} fields.`,
      params: { code: "tooManyHold", max: MAX_HOLD },
    })
    .optional(),
  timeToConvert: z
    .strictObject({ from: stepNumber("timeToConvert.from"), to: stepNumber("timeToConvert.to") }, { error: unknownKeys("timeToConvert") })
    .optional(),
};

type RulesInput = {
  steps: { optional?: boolean; within?: number }[];
  order?: (typeof FUNNEL_ORDERS)[number];
  exclusions?: { between: [number, number] }[];
  timeToConvert?: { from: number; to: number };
};

/**
 * The rules that tie fields together (DESIGN.md, "Funnel definitions"): optional and within per step,
 * what any order cannot combine with, exclusions' steps, time to convert's steps. Each problem is an
 * issue at the field it is about, with its code for the editor.
 */
export function checkFunnelRules(d: RulesInput, windowSeconds: number, ctx: z.RefinementCtx): void {
  const k = d.steps.length;
  const add = (path: (string | number)[], message: string, code: FunnelIssueCode, values: { max?: number } = {}) =>
    ctx.addIssue({ code: "custom", path, message, params: { code, ...values } });
  const any = d.order === "any";
  const optional = (step: number) => d.steps[step - 1]?.optional === true;
  d.steps.forEach((s, i) => {
    if (s.optional && any) add(["steps", i, "optional"], "Steps cannot be optional in any order.", "anyOrderOptional");
    else if (s.optional && (i === 0 || i === k - 1))
      add(["steps", i, "optional"], "The first and the last step cannot be optional.", "optionalFirstLast");
    if (s.within === undefined) return;
    if (any) add(["steps", i, "within"], "Steps cannot have within in any order.", "anyOrderWithin");
    else if (i === 0)
      add(["steps", i, "within"], "The first step has no within: it bounds the time since the previous step.", "withinFirstStep");
    else if (s.within > windowSeconds)
      add(
        ["steps", i, "within"],
        `within can be at most the conversion window (${windowSeconds} ${windowSeconds === 1 ? "second" : "seconds"}).`,
        "withinOverWindow",
      );
  });
  if (any && d.exclusions?.length) add(["exclusions"], "Exclusions cannot be combined with any order.", "anyOrderExclusions");
  d.exclusions?.forEach(({ between: [a, b] }, x) => {
    if (!(1 <= a && a < b && b <= k)) add(["exclusions", x, "between"], `between is [a, b] with 1 ≤ a < b ≤ ${k}.`, "exclusionBetween");
    else if (optional(a) || optional(b))
      add(["exclusions", x, "between"], "An exclusion's steps a and b cannot be optional.", "exclusionOptional");
  });
  const t = d.timeToConvert;
  if (t) {
    if (!(1 <= t.from && t.from < t.to && t.to <= k))
      add(["timeToConvert", t.to > k ? "to" : "from"], `timeToConvert is {from, to} with 1 ≤ from < to ≤ ${k}.`, "timeToConvertSteps");
    else if (optional(t.from) || optional(t.to))
      add(["timeToConvert", optional(t.from) ? "from" : "to"], "timeToConvert's steps cannot be optional.", "timeToConvertOptional");
  }
}

const funnelName = z
  .string("Give the funnel a name.")
  .trim()
  .min(1, "Give the funnel a name.")
  .max(100, "Keep the name under 100 characters.")
  .refine(...storable("The name"));
const funnelDescription = z
  .string()
  .trim()
  .max(500, "Keep the description under 500 characters.")
  .refine(...storable("The description"))
  .optional();

/** A saved funnel's whole definition (DESIGN.md, "Funnel definitions"): steps, window and rules; unknown keys refused. */
export const funnelDefinitionFullSchema = z
  .strictObject(
    {
      name: funnelName,
      description: funnelDescription,
      steps: definitionStepsSchema,
      windowSeconds: windowSchema.default(DEFAULT_WINDOW_SECONDS),
      ...funnelRulesShape,
    },
    { error: unknownKeys("A funnel definition") },
  )
  .superRefine((d, ctx) => checkFunnelRules(d, d.windowSeconds, ctx));
export type FunnelDefinition = z.output<typeof funnelDefinitionFullSchema>;

/** The first problem of a definition as one (English) sentence, for the API's 400s; or null when it is valid. Screens use `funnelIssue`. */
export function funnelProblem(input: unknown): string | null {
  const r = funnelDefinitionFullSchema.safeParse(input);
  if (r.success) return null;
  return problemText(r.error.issues[0]);
}

/** An issue of a definition or query body as one English sentence: "Step 3: …", "Exclusion 1: …" or the message. */
export function problemText(issue: z.core.$ZodIssue): string {
  const [top, index] = issue.path;
  if (typeof index === "number" && top === "steps") return `Step ${index + 1}: ${issue.message}`;
  if (typeof index === "number" && top === "exclusions") return `Exclusion ${index + 1}: ${issue.message}`;
  return issue.message;
}

/**
 * What is wrong with a funnel definition, as a code the catalogue words (`funnels.problems.<code>`)
 * with its values: `step` or `exclusion` (1-based) for a step's or an exclusion's problem, `min`/`max`
 * for limits. So a Dutch editor says "Stap 1: een padpatroon begint met /" and the English API keeps
 * its own sentence.
 */
export type FunnelIssue = { code: FunnelIssueCode; step?: number; exclusion?: number; min?: number; max?: number };
export const FUNNEL_ISSUE_CODES = [
  "nameRequired",
  "nameTooLong",
  "descriptionTooLong",
  "unsafeText",
  "unknownField",
  "tooFewSteps",
  "tooManySteps",
  "stepsInvalid",
  "eventRequired",
  "exclusionEventRequired",
  "eventTooLong",
  "tooManyEvents",
  "pathPattern",
  "pathTooLong",
  "labelTooLong",
  "propertyNameRequired",
  "propertyNameTooLong",
  "propertyValueType",
  "propertyValueTooLong",
  "tooManyConditions",
  "conditionsInvalid",
  "conditionOperator",
  "conditionValue",
  "conditionList",
  "conditionText",
  "conditionNumber",
  "conditionNoValue",
  "optionalInvalid",
  "optionalFirstLast",
  "withinInvalid",
  "withinFirstStep",
  "withinOverWindow",
  "orderInvalid",
  "anyOrderOptional",
  "anyOrderWithin",
  "anyOrderExclusions",
  "exclusionsInvalid",
  "tooManyExclusions",
  "exclusionBetween",
  "exclusionOptional",
  "holdField",
  "holdPropertyRequired",
  "tooManyHold",
  "timeToConvertSteps",
  "timeToConvertOptional",
  "windowInvalid",
  "windowTooSmall",
  "windowTooBig",
] as const;
export type FunnelIssueCode = (typeof FUNNEL_ISSUE_CODES)[number];

/** The first problem of a definition as a code (see FunnelIssue), or null when it is valid. */
export function funnelIssue(input: unknown): FunnelIssue | null {
  const r = funnelDefinitionFullSchema.safeParse(input);
  return r.success ? null : issueOf(r.error.issues[0]);
}

/** A zod issue of a definition (or a query body: its `window`) as a FunnelIssue. */
export function issueOf(issue: z.core.$ZodIssue): FunnelIssue {
  const [top, index] = issue.path;
  const inList = typeof index === "number" && (top === "steps" || top === "exclusions");
  const at: { step?: number; exclusion?: number } = !inList ? {} : top === "steps" ? { step: index + 1 } : { exclusion: index + 1 };
  const rest = inList ? issue.path.slice(2) : issue.path.slice(1);
  const params = issue.code === "custom" ? (issue.params as { code?: FunnelIssueCode; max?: number } | undefined) : undefined;
  if (params?.code) return { code: params.code, ...at, ...(params.max !== undefined ? { max: params.max } : {}) };
  const custom = issue.code === "custom"; // the storable-text refinements
  const tooBig = issue.code === "too_big";
  const code = (c: FunnelIssueCode, values: { min?: number; max?: number } = {}): FunnelIssue => ({ code: c, ...at, ...values });
  if (issue.code === "unrecognized_keys") return code("unknownField");
  if (custom) return code("unsafeText");
  if (!inList) {
    switch (top) {
      case "name":
        return code(tooBig ? "nameTooLong" : "nameRequired");
      case "description":
        return code("descriptionTooLong");
      case "windowSeconds":
      case "window":
        if (issue.code === "too_small") return code("windowTooSmall");
        if (tooBig) return code("windowTooBig", { max: MAX_WINDOW_SECONDS / 86400 });
        return code("windowInvalid");
      case "steps":
        if (issue.code === "too_small") return code("tooFewSteps", { min: MIN_STEPS });
        if (tooBig) return code("tooManySteps", { max: MAX_DEFINITION_STEPS });
        return code("stepsInvalid");
      case "order":
        return code("orderInvalid");
      case "exclusions":
        return tooBig ? code("tooManyExclusions", { max: MAX_EXCLUSIONS }) : code("exclusionsInvalid");
      case "hold":
        return tooBig ? code("tooManyHold", { max: MAX_HOLD }) : code("holdField");
      case "timeToConvert":
        return code("timeToConvertSteps");
      default:
        return code("stepsInvalid");
    }
  }
  const [field, sub, leaf] = rest;
  const arrayTooBig = tooBig && (issue as { origin?: string }).origin === "array";
  switch (field) {
    case undefined:
      return code(top === "steps" ? "stepsInvalid" : "exclusionsInvalid");
    case "event":
      if (arrayTooBig) return code("tooManyEvents", { max: MAX_STEP_EVENTS });
      if (tooBig) return code("eventTooLong");
      return code(top === "exclusions" ? "exclusionEventRequired" : "eventRequired");
    case "path":
      return code(tooBig ? "pathTooLong" : "pathPattern");
    case "label":
      return code("labelTooLong");
    case "where":
      if (issue.code === "invalid_key") {
        const inner = issue.issues[0];
        if (inner?.code === "custom") return code("unsafeText");
        return code(inner?.code === "too_big" ? "propertyNameTooLong" : "propertyNameRequired");
      }
      if (sub !== undefined) return code(tooBig ? "propertyValueTooLong" : "propertyValueType");
      return code("propertyValueType");
    case "conditions":
      if (sub === undefined) return arrayTooBig ? code("tooManyConditions", { max: MAX_STEP_CONDITIONS }) : code("conditionsInvalid");
      if (leaf === "property") return code(tooBig ? "propertyNameTooLong" : "propertyNameRequired");
      if (leaf === "operator") return code("conditionOperator");
      if (leaf === "value") return code("conditionValue");
      return code("conditionsInvalid");
    case "optional":
      return code("optionalInvalid");
    case "within":
      return code(tooBig ? "withinOverWindow" : "withinInvalid");
    case "between":
      return code("exclusionBetween");
    default:
      return code(top === "steps" ? "stepsInvalid" : "exclusionsInvalid");
  }
}
