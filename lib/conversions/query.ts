import { z } from "zod";
import { stepMatchSchema } from "../funnel/validate";
import { checkRange, fieldSchema, filtersSchema, instantSchema, PARAM_LIMITS } from "../funnel/query";
import { InputError } from "../errors";
import { GOAL_KINDS, SEGMENT_FIELDS, type SegmentField } from "../funnel/types";
import type { OverviewGoalDef } from "./types";

/** The segment tables the overview offers, as the article asks: source, device, country/region, age group (and the rest of the fields). */
export const SEGMENT_TABLES = [
  "source",
  "medium",
  "campaign",
  "referrer",
  "device",
  "country",
  "region",
  "age_group",
] as const satisfies readonly SegmentField[];

const adHocGoalSchema = stepMatchSchema.extend({
  key: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,60}$/, "A goal key is 1–60 letters, digits, _ . or -.")
    .optional(),
  name: z.string().trim().min(1).max(100, "Goal names are at most 100 characters.").optional(),
  kind: z.enum(GOAL_KINDS, `kind is "macro" or "micro".`).default("micro"),
  revenue: z.boolean().default(false),
});

/** The body of POST /api/v1/goals/query (see README: Query API). */
export const goalsQueryBodySchema = checkRange(
  z.object({
    projectId: z.string().optional(),
    from: instantSchema("from", "2026-11-01T00:00:00Z"),
    to: instantSchema("to", "2026-12-01T00:00:00Z"),
    filters: filtersSchema.default({}),
    /** saved goals by key, or goals defined here; all saved goals when left out */
    goals: z
      .array(
        z.union([z.string().min(1), adHocGoalSchema], "Each goal is a saved goal's key or an object with at least an event."),
        "goals is a list.",
      )
      .min(1, "Give at least one goal, or leave goals out for all saved goals.")
      .max(30, "At most 30 goals per query.")
      .optional(),
    /** the micro goal (key) that cost per lead counts; the first micro goal when left out */
    lead: z.string().min(1, "lead is a goal key.").optional(),
    segments: z
      .array(fieldSchema, "segments is a list of fields.")
      .max(PARAM_LIMITS.segments, `At most ${PARAM_LIMITS.segments} segment tables in one query.`)
      .default([]),
  }),
);

export type GoalsQueryBody = z.output<typeof goalsQueryBodySchema>;

/** A query names a goal key the project has not saved: a 400 that lists the project's goals. */
class UnknownGoalError extends InputError {
  constructor(message: string) {
    super(`goals: ${message}`);
  }
}

/** The goals a query asks for: saved goals by key (unknown keys are an error that names them), ad-hoc ones as given. */
export function resolveGoals(requested: GoalsQueryBody["goals"], saved: OverviewGoalDef[]): OverviewGoalDef[] {
  if (!requested) return saved;
  const unknown = requested.filter((g): g is string => typeof g === "string" && !saved.some((s) => s.key === g));
  if (unknown.length)
    throw new UnknownGoalError(
      `Unknown goal ${unknown.map((k) => `"${k}"`).join(", ")}. This project's goals are: ${saved.map((s) => s.key).join(", ") || "none"}.`,
    );
  const used = new Set<string>();
  return requested.map((g, i) => {
    const def: OverviewGoalDef =
      typeof g === "string"
        ? saved.find((s) => s.key === g)!
        : {
            key: g.key ?? `goal_${i + 1}`,
            name: g.name ?? (g.path ? `${g.event} ${g.path}` : g.event),
            kind: g.kind,
            revenue: g.revenue,
            match: { event: g.event, ...(g.path ? { path: g.path } : {}), ...(g.where ? { where: g.where } : {}) },
          };
    let key = def.key;
    for (let n = 2; used.has(key); n++) key = `${def.key}_${n}`;
    used.add(key);
    return { ...def, key };
  });
}
