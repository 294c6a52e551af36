import { z } from "zod";
import { MIN_STEPS, MAX_STEPS, MAX_WINDOW_SECONDS, DEFAULT_WINDOW_SECONDS } from "./types";
import { isStorableText } from "../text/safe";

/** PostgreSQL cannot store or compare text with a NUL or a lone surrogate (lib/text/safe.ts): a 400, not a failed query. */
const storable = (what: string) => [(s: string) => isStorableText(s), `${what} cannot contain NUL characters or lone surrogates.`] as const;

const propertyValue = z.union(
  [
    z
      .string()
      .max(200)
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
    .refine(
      (p) => p === undefined || p.startsWith("/") || p.startsWith("*"),
      "A path pattern starts with / (use * as a wildcard, like /product/*).",
    )
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
    .refine((w) => !w || Object.keys(w).length <= 10, "At most 10 property conditions."),
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

/** The first problem of a definition as one sentence, or null when it is valid. */
export function funnelProblem(input: unknown): string | null {
  const r = funnelDefinitionSchema.safeParse(input);
  if (r.success) return null;
  const issue = r.error.issues[0];
  const stepIndex = issue.path[0] === "steps" && typeof issue.path[1] === "number" ? issue.path[1] : null;
  return stepIndex !== null ? `Step ${stepIndex + 1}: ${issue.message}` : issue.message;
}
