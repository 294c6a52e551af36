import type { Translate } from "@/lib/i18n/translate";
import { funnelDefinitionFullSchema, issueOf, type FunnelIssueCode } from "@/lib/funnel/validate";
import { funnelIssueText } from "@/lib/funnel/issue-text";
import type { EditorDefinition } from "@/lib/funnel/draft";

/**
 * The field a problem at a zod path belongs to in the editor: a step's (or exclusion's) events, path,
 * name, within, optional mark, steps it lies between, a condition's property, operator or value, a held
 * field; else the step, or the part of the form (name, window, steps, order, exclusions, hold).
 */
export function fieldOf(path: readonly PropertyKey[]): string {
  const key = path.map(String).join(".");
  const part = key.match(
    /^(steps|exclusions)\.(\d+)(?:\.(event|path|label|within|optional|between|conditions|where)(?:\.(\d+)(?:\.(property|operator|value))?)?)?/,
  );
  if (part) {
    const [, list, i, field, c, sub] = part;
    if (!field) return `${list}.${i}`;
    if (field === "conditions" && c !== undefined) return `${list}.${i}.conditions.${c}${sub ? `.${sub}` : ""}`;
    return `${list}.${i}.${field === "where" ? "conditions" : field}`;
  }
  const hold = key.match(/^hold\.(\d+)/);
  if (hold) return `hold.${hold[1]}`;
  return String(path[0] ?? "form");
}

/** One problem of the draft: the field it belongs to (fieldOf), its code, its text beside the field and its sentence for the summary ("Step 2: …"). */
export type EditorIssue = { field: string; code: FunnelIssueCode; text: string; summary: string };

/**
 * Every problem of the draft's definition, in order, worded in the reader's language by its problem
 * code (lib/funnel/validate.ts issueOf, `funnels.problems.<code>`). Beside a step's field the step's
 * number is not repeated; the summary sentence carries it.
 */
export function editorIssues(t: Translate, definition: EditorDefinition): EditorIssue[] {
  const r = funnelDefinitionFullSchema.safeParse({ ...definition, name: definition.name || "x" });
  if (r.success) return [];
  return r.error.issues.map((issue) => {
    const found = issueOf(issue);
    const { code, min, max } = found;
    const text = t(`funnels.problems.${code}`, { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
    return { field: fieldOf(issue.path), code, text, summary: funnelIssueText(t, found) };
  });
}

/**
 * Problems that follow from a choice the reader made (ticking optional, choosing an order, a time
 * limit longer than the window, the steps an exclusion lies between) are said at once: nothing is
 * left to type. Missing or malformed input waits until its field has been left, or a save tried.
 */
const CHOICE_CODES: ReadonlySet<FunnelIssueCode> = new Set<FunnelIssueCode>([
  "tooFewSteps",
  "tooManySteps",
  "optionalFirstLast",
  "withinFirstStep",
  "withinOverWindow",
  "anyOrderOptional",
  "anyOrderWithin",
  "anyOrderExclusions",
  "exclusionBetween",
  "exclusionOptional",
  "timeToConvertSteps",
  "timeToConvertOptional",
]);

/**
 * Whether a problem is shown yet: after a save attempt, at once for a choice's conflict, else once its
 * field (or, for a problem of a whole step or list, one of its fields) has been touched. `touched`
 * holds fieldOf keys ("steps.1.event").
 */
export function issueShown(issue: EditorIssue, touched: ReadonlySet<string>, submitted: boolean): boolean {
  if (submitted || CHOICE_CODES.has(issue.code) || touched.has(issue.field)) return true;
  const prefix = `${issue.field}.`;
  for (const key of touched) if (key.startsWith(prefix)) return true;
  return false;
}

/** The first problem per field, keyed by field: what the fields show beside them. */
export function issuesByField(issues: readonly EditorIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.field] ??= issue.text;
  return out;
}
