import { z } from "zod";
import { CONDITION_OPERATORS, MAX_STEP_CONDITIONS, type ConditionOperator, type PropertyValue, type StepCondition } from "./types";
import { isStorableText } from "../text/safe";
import { withoutProtoKey } from "../text/proto-key";
import { DECIMAL_TEXT } from "./conditions";

/** PostgreSQL cannot store or compare text with a NUL or a lone surrogate (lib/text/safe.ts): a 400, not a failed query. */
export const storable = (what: string) =>
  [(s: string) => isStorableText(s), `${what} cannot contain NUL characters or lone surrogates.`] as const;

/** The most names one step (or exclusion) may match. */
export const MAX_STEP_EVENTS = 20;
/** The most values of one `in` condition. */
export const MAX_IN_VALUES = 50;

export const propertyValue = z.union(
  [
    z
      .string()
      .max(200, "Property values are at most 200 characters.")
      .refine(...storable("Property values")),
    z.number(),
    z.boolean(),
  ],
  "Property values must be text, numbers or true/false.",
);

/** An event name to match; `missing` says, in the caller's words, that one is needed (a step, a goal). */
export const eventNameSchema = (missing: string) =>
  z
    .string(missing)
    .trim()
    .min(1, missing)
    .max(200, "Event names are at most 200 characters.")
    .refine(...storable("Event names"));

export const propertyNameSchema = z
  .string("Property names are text.")
  .trim()
  .min(1, "Property names cannot be empty.")
  .max(100, "Property names are at most 100 characters.")
  .refine(...storable("Property names"));

/** Unknown keys are refused with their names (DESIGN.md: anything else is a 400 that says what is wrong). */
export const unknownKeys = (what: string) => (iss: z.core.$ZodRawIssue) =>
  iss.code === "unrecognized_keys"
    ? `${what} has no field ${(iss.keys as string[]).map((k) => JSON.stringify(k.slice(0, 60))).join(", ")}.`
    : iss.code === "invalid_type"
      ? `${what} must be an object.`
      : undefined;

export const stepMatchSchema = z.object({
  event: eventNameSchema("Each step needs an event name."),
  path: z
    .string()
    .trim()
    .max(500, "Paths are at most 500 characters.")
    .optional()
    .transform((p) => (p ? p : undefined))
    .refine((p) => p === undefined || p.startsWith("/") || p.startsWith("*"), {
      message: "A path pattern starts with / (use * as a wildcard, like /product/*).",
      params: { code: "pathPattern" },
    })
    .refine((p) => p === undefined || isStorableText(p), "Paths cannot contain NUL characters or lone surrogates."),
  where: withoutProtoKey(
    z.record(propertyNameSchema, propertyValue, {
      // zod reports a bad key as "Invalid key in record"; say what is wrong with it instead.
      error: (iss) => (iss.code === "invalid_key" ? iss.issues[0]?.message : undefined),
    }),
    'where cannot name the property "__proto__": use a condition ({ "property": "__proto__", "operator": "is", … }).',
  )
    .optional()
    .refine((w) => !w || Object.keys(w).length <= MAX_STEP_CONDITIONS, {
      message: `At most ${MAX_STEP_CONDITIONS} property conditions.`,
      params: { code: "tooManyConditions", max: MAX_STEP_CONDITIONS },
    }),
});

const eventNameList = z
  .array(eventNameSchema("Each step needs an event name."))
  .min(1, "Each step needs an event name.")
  .max(MAX_STEP_EVENTS, `A step matches at most ${MAX_STEP_EVENTS} event names.`);

/**
 * One event name or a list of 1–20 (duplicates dropped, the order kept). Not a z.union: a union turns a
 * too-long list into "invalid input" instead of saying the list is too long.
 */
export const eventNamesSchema = z.unknown().transform((v, ctx): string | string[] => {
  const r = Array.isArray(v) ? eventNameList.safeParse(v) : eventNameSchema("Each step needs an event name.").safeParse(v);
  if (r.success) return typeof r.data === "string" ? r.data : [...new Set(r.data)];
  for (const issue of r.error.issues) ctx.addIssue({ ...issue, input: v } as z.core.$ZodRawIssue);
  return z.NEVER;
});

const OPERATOR_LIST = CONDITION_OPERATORS.join(", ");

/** What each operator takes as its value, in words (the API's 400s) and as a code (the editor's). */
const VALUE_RULES: Record<ConditionOperator, { code: string; message: string; ok: (v: unknown) => boolean; max?: number }> = (() => {
  const scalar = (v: unknown) => propertyValue.safeParse(v).success;
  const text = (v: unknown) => typeof v === "string" && v.length > 0 && v.length <= 200 && isStorableText(v);
  const number = (v: unknown) =>
    (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.length <= 200 && DECIMAL_TEXT.test(v));
  const list = (v: unknown) => Array.isArray(v) && v.length >= 1 && v.length <= MAX_IN_VALUES && v.every(scalar);
  const none = (v: unknown) => v === undefined;
  const is = { code: "conditionValue", message: "This operator needs a value: text, a number or true/false.", ok: scalar };
  const contains = { code: "conditionText", message: "This operator needs a text of 1 to 200 characters.", ok: text };
  const compare = {
    code: "conditionNumber",
    message: 'This operator needs a number (like 51 or "120.5", at most 200 characters).',
    ok: number,
  };
  const exists = { code: "conditionNoValue", message: "exists and not_exists take no value.", ok: none };
  return {
    is,
    is_not: is,
    in: {
      code: "conditionList",
      message: `"in" needs a list of 1 to ${MAX_IN_VALUES} values (text, numbers or true/false).`,
      ok: list,
      max: MAX_IN_VALUES,
    },
    contains,
    not_contains: contains,
    starts_with: contains,
    gt: compare,
    gte: compare,
    lt: compare,
    lte: compare,
    exists,
    not_exists: exists,
  };
})();

export const conditionSchema = z
  .strictObject(
    {
      property: propertyNameSchema,
      operator: z.enum(CONDITION_OPERATORS, `The operator must be one of ${OPERATOR_LIST}.`),
      value: z.unknown().optional(),
    },
    { error: unknownKeys("A condition") },
  )
  .superRefine((c, ctx) => {
    const rule = VALUE_RULES[c.operator];
    if (!rule.ok(c.value))
      ctx.addIssue({ code: "custom", path: ["value"], message: rule.message, params: { code: rule.code, max: rule.max } });
  })
  .transform((c): StepCondition => {
    if (c.operator === "exists" || c.operator === "not_exists") return { property: c.property, operator: c.operator };
    if (["gt", "gte", "lt", "lte"].includes(c.operator)) return { property: c.property, operator: c.operator, value: exactNumber(c.value) };
    return { property: c.property, operator: c.operator, value: c.value as PropertyValue | PropertyValue[] };
  });

/**
 * A comparison's value: a decimal text becomes the number it is when a double holds it exactly
 * ("120.5" → 120.5), else it stays text, which the engine compares as numeric, exactly: as a double,
 * "7.00000000000000000001" would be 7 and a 400-digit value Infinity.
 */
function exactNumber(v: unknown): number | string {
  if (typeof v === "number") return v;
  const text = String(v);
  const m = /^(-?)0*(\d+?)(?:\.(\d*?)0*)?$/.exec(text);
  if (!m) return text;
  const [, sign, whole, fraction] = m;
  const canonical = `${whole === "0" && !fraction ? "" : sign}${whole}${fraction ? `.${fraction}` : ""}`;
  const n = Number(text);
  return Number.isFinite(n) && String(n) === canonical ? n : text;
}

/** What a funnel step or an exclusion matches: names, path pattern, equalities and conditions. */
export const funnelMatchShape = {
  ...stepMatchSchema.shape,
  event: eventNamesSchema,
  conditions: z
    .array(conditionSchema, "conditions must be a list.")
    .max(MAX_STEP_CONDITIONS, `At most ${MAX_STEP_CONDITIONS} conditions a step.`)
    .optional(),
};
