import { z } from "zod";
import { GOAL_KINDS, type PropertyValue, type StepMatch } from "../funnel/types";
import { stepMatchSchema, eventNameSchema } from "../funnel/validate";
import { isStorableText } from "../text/safe";

/** What a goal counts: the same match as a funnel step (event, path pattern, property equalities); no other keys. */
export const goalMatchSchema = stepMatchSchema.extend({ event: eventNameSchema("A goal needs an event name.") }).strict();

/** A goal as an admin edits it, with messages a person can act on. The key is not part of it: it is derived on create. */
export const goalDefinitionSchema = z
  .object({
    name: z
      .string("Give the goal a name.")
      .trim()
      .min(1, "Give the goal a name.")
      .max(100, "Keep the goal's name under 100 characters.")
      .refine((s) => isStorableText(s), "The name holds characters that cannot be stored."),
    kind: z.enum(GOAL_KINDS, "Choose whether this is a macro goal or a micro goal."),
    match: goalMatchSchema,
    revenue: z.boolean("Revenue is either on or off.").default(false),
  })
  .strict();
export type GoalDefinition = z.output<typeof goalDefinitionSchema>;

/** A goal's key as templates and uniqueGoalKey make it (`add_to_cart`, `add_to_cart-2`). */
export const goalKeySchema = z.string().regex(/^[a-z0-9_]{1,60}(-\d{1,6})?$/, "A goal key has lower-case letters, digits and _ only.");

/** A goal with its key, as a new project is set up with (template or onboarding draft). */
export const newGoalSchema = goalDefinitionSchema.extend({ key: goalKeySchema }).strict();

/** A match as stored: built from its named fields, so nothing else a client sent reaches the row. */
export function matchColumn(m: { event: string; path?: string; where?: Record<string, PropertyValue> }): StepMatch {
  return {
    event: m.event,
    ...(m.path ? { path: m.path } : {}),
    ...(m.where && Object.keys(m.where).length ? { where: { ...m.where } } : {}),
  };
}

/** A goal's editable columns, from their named fields. */
export function goalColumns(def: GoalDefinition) {
  return { name: def.name, kind: def.kind, match: matchColumn(def.match), revenue: def.revenue };
}

/** The form field a problem belongs to, so an editor can show it beside that field. */
export const GOAL_FIELDS = ["name", "kind", "event", "path", "where", "revenue"] as const;
export type GoalField = (typeof GOAL_FIELDS)[number];

/** The first problem of a goal definition with the field it belongs to, or null when it is valid. */
export function goalIssue(input: unknown): { field: GoalField; message: string } | null {
  const r = goalDefinitionSchema.safeParse(input);
  if (r.success) return null;
  const issue = r.error.issues[0];
  const [top, sub] = issue.path;
  const field: GoalField =
    top === "match" ? (sub === "path" ? "path" : sub === "where" ? "where" : "event") : top === "kind" || top === "revenue" ? top : "name";
  // A missing match object reads as a missing event name: that is what the person has to fill in.
  const message = top === "match" && sub === undefined ? "A goal needs an event name." : issue.message;
  return { field, message };
}

/** The first problem of a goal definition as one sentence, or null when it is valid. */
export function goalProblem(input: unknown): string | null {
  return goalIssue(input)?.message ?? null;
}

/** A goal key from its name: lower-case letters, digits and underscores, like the template keys (`add_to_cart`). */
export function slugifyGoalName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60)
    .replace(/_+$/, "");
  return slug || "goal";
}

/** A key for a new goal named `name` that none of `taken` has: the slug, else the slug with -2, -3, … */
export function uniqueGoalKey(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = slugifyGoalName(name);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** One key=value row of the editor's property conditions. */
export type WhereRow = { key: string; value: string };

/** The editor's rows as property equalities: blank rows are dropped; true/false and numbers keep their type (as in funnel steps). */
export function whereFromRows(rows: WhereRow[]): Record<string, PropertyValue> | undefined {
  const entries = rows
    .filter((r) => r.key.trim() !== "" || r.value.trim() !== "")
    .map((r) => {
      const raw = r.value.trim();
      const value: PropertyValue =
        raw === "true" ? true : raw === "false" ? false : raw !== "" && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
      return [r.key.trim(), value] as const;
    });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** Property equalities as editor rows. */
export function rowsFromWhere(where: Record<string, PropertyValue> | undefined): WhereRow[] {
  return Object.entries(where ?? {}).map(([key, value]) => ({ key, value: String(value) }));
}
