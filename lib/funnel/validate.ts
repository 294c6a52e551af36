import { z } from "zod";
import { MIN_STEPS, MAX_STEPS, MAX_WINDOW_SECONDS, DEFAULT_WINDOW_SECONDS } from "./types";
import { isStorableText } from "../text/safe";

/** PostgreSQL cannot store or compare text with a NUL or a lone surrogate (lib/text/safe.ts): a 400, not a failed query. */
const storable = (what: string) => [(s: string) => isStorableText(s), `${what} cannot contain NUL characters or lone surrogates.`] as const;

/** The most property conditions one step (or goal) may have. */
const MAX_CONDITIONS = 10;

const propertyValue = z.union(
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
  where: z
    .record(
      z
        .string()
        .trim()
        .min(1, "Property names cannot be empty.")
        .max(100, "Property names are at most 100 characters.")
        .refine(...storable("Property names")),
      propertyValue,
      {
        // zod reports a bad key as "Invalid key in record"; say what is wrong with it instead.
        error: (iss) => (iss.code === "invalid_key" ? iss.issues[0]?.message : undefined),
      },
    )
    .optional()
    .refine((w) => !w || Object.keys(w).length <= MAX_CONDITIONS, {
      message: `At most ${MAX_CONDITIONS} property conditions.`,
      params: { code: "tooManyConditions" },
    }),
});

export const funnelStepSchema = stepMatchSchema.extend({
  label: z
    .string()
    .trim()
    .max(100, "Step names are at most 100 characters.")
    .refine(...storable("Step names"))
    .optional(),
});

export const funnelStepsSchema = z
  .array(funnelStepSchema, "Steps must be a list.")
  .min(MIN_STEPS, `A funnel needs at least ${MIN_STEPS} steps.`)
  .max(MAX_STEPS, `A funnel has at most ${MAX_STEPS} steps.`);

export const windowSchema = z
  .number("The conversion window is a number of seconds.")
  .int("The conversion window is a whole number of seconds.")
  .min(1, "The conversion window must be at least 1 second.")
  .max(MAX_WINDOW_SECONDS, "The conversion window can be at most 90 days.");

/** A saved funnel's definition, with messages a person can act on. */
export const funnelDefinitionSchema = z.object({
  name: z
    .string("Give the funnel a name.")
    .trim()
    .min(1, "Give the funnel a name.")
    .max(100, "Keep the name under 100 characters.")
    .refine(...storable("The name")),
  description: z
    .string()
    .trim()
    .max(500, "Keep the description under 500 characters.")
    .refine(...storable("The description"))
    .optional(),
  steps: funnelStepsSchema,
  windowSeconds: windowSchema.default(DEFAULT_WINDOW_SECONDS),
});
export type FunnelDefinition = z.output<typeof funnelDefinitionSchema>;

/** The first problem of a definition as one (English) sentence, for the API's 400s; or null when it is valid. Screens use `funnelIssue`. */
export function funnelProblem(input: unknown): string | null {
  const r = funnelDefinitionSchema.safeParse(input);
  if (r.success) return null;
  const issue = r.error.issues[0];
  const stepIndex = issue.path[0] === "steps" && typeof issue.path[1] === "number" ? issue.path[1] : null;
  return stepIndex !== null ? `Step ${stepIndex + 1}: ${issue.message}` : issue.message;
}

/**
 * What is wrong with a funnel definition, as a code the catalogue words (`funnels.problems.<code>`)
 * with its values: `step` (1-based) for a step's problem, `min`/`max` for limits. So a Dutch editor
 * says "Stap 1: een padpatroon begint met /" and the English API keeps its own sentence.
 */
export type FunnelIssue = { code: FunnelIssueCode; step?: number; min?: number; max?: number };
export const FUNNEL_ISSUE_CODES = [
  "nameRequired",
  "nameTooLong",
  "descriptionTooLong",
  "unsafeText",
  "tooFewSteps",
  "tooManySteps",
  "stepsInvalid",
  "eventRequired",
  "eventTooLong",
  "pathPattern",
  "pathTooLong",
  "labelTooLong",
  "propertyNameRequired",
  "propertyNameTooLong",
  "propertyValueType",
  "propertyValueTooLong",
  "tooManyConditions",
  "windowInvalid",
  "windowTooSmall",
  "windowTooBig",
] as const;
export type FunnelIssueCode = (typeof FUNNEL_ISSUE_CODES)[number];

/** The first problem of a definition as a code (see FunnelIssue), or null when it is valid. */
export function funnelIssue(input: unknown): FunnelIssue | null {
  const r = funnelDefinitionSchema.safeParse(input);
  return r.success ? null : issueOf(r.error.issues[0]);
}

function issueOf(issue: z.core.$ZodIssue): FunnelIssue {
  const [top, index, field, key] = issue.path;
  const custom = issue.code === "custom" ? (issue.params as { code?: FunnelIssueCode } | undefined)?.code : undefined;
  if (custom)
    return {
      code: custom,
      ...(typeof index === "number" ? { step: index + 1 } : {}),
      ...(custom === "tooManyConditions" ? { max: MAX_CONDITIONS } : {}),
    };
  const unsafe = issue.code === "custom";
  const tooBig = issue.code === "too_big";
  if (top === "name") return { code: unsafe ? "unsafeText" : tooBig ? "nameTooLong" : "nameRequired" };
  if (top === "description") return { code: unsafe ? "unsafeText" : "descriptionTooLong" };
  if (top === "windowSeconds") {
    if (issue.code === "too_small") return { code: "windowTooSmall" };
    if (tooBig) return { code: "windowTooBig", max: MAX_WINDOW_SECONDS / 86400 };
    return { code: "windowInvalid" };
  }
  if (top === "steps" && typeof index !== "number") {
    if (issue.code === "too_small") return { code: "tooFewSteps", min: MIN_STEPS };
    if (tooBig) return { code: "tooManySteps", max: MAX_STEPS };
    return { code: "stepsInvalid" };
  }
  const step = typeof index === "number" ? index + 1 : undefined;
  const at = (code: FunnelIssueCode): FunnelIssue => (step === undefined ? { code } : { code, step });
  if (unsafe) return at("unsafeText");
  switch (field) {
    case "event":
      return at(tooBig ? "eventTooLong" : "eventRequired");
    case "path":
      return at(tooBig ? "pathTooLong" : "pathPattern");
    case "label":
      return at("labelTooLong");
    case "where":
      if (issue.code === "invalid_key") {
        const inner = issue.issues[0];
        if (inner?.code === "custom") return at("unsafeText");
        return at(inner?.code === "too_big" ? "propertyNameTooLong" : "propertyNameRequired");
      }
      if (key !== undefined) return at(tooBig ? "propertyValueTooLong" : "propertyValueType");
      return at("propertyValueType");
    default:
      return at("stepsInvalid");
  }
}
