import type { Translate } from "@/lib/i18n/translate";
import { funnelDefinitionFullSchema, funnelIssue, issueOf } from "@/lib/funnel/validate";
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

/**
 * Every problem of the draft's definition, worded in the reader's language by its problem code
 * (lib/funnel/validate.ts issueOf, `funnels.problems.<code>`) and keyed by the field it belongs to
 * (fieldOf), the first one per field. Beside a step's field the step's number is not repeated.
 */
export function fieldIssues(t: Translate, definition: EditorDefinition): Record<string, string> {
  const r = funnelDefinitionFullSchema.safeParse({ ...definition, name: definition.name || "x" });
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const field = fieldOf(issue.path);
    if (out[field]) continue;
    const { code, min, max } = issueOf(issue);
    out[field] = t(`funnels.problems.${code}`, { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
  }
  return out;
}

/** The first problem, in one sentence with its step ("Step 2: …"): for the line above the save button. */
export function firstIssueText(t: Translate, definition: EditorDefinition): string | null {
  const issue = funnelIssue({ ...definition, name: definition.name || "x" });
  return issue ? funnelIssueText(t, issue) : null;
}
