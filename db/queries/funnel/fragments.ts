import { sql, type SQL } from "drizzle-orm";
import type { StepMatch, SegmentField, SegmentFilters } from "../../../lib/funnel/types";
import { SEGMENT_FIELDS, isPropField } from "../../../lib/funnel/types";
import { InputError } from "../../../lib/errors";

/** A path pattern as SQL LIKE: `*` matches any run of characters; `%`, `_` and `\` are literal. */
export function likePattern(pattern: string): string {
  return pattern.replace(/[\\%_]/g, (c) => "\\" + c).replace(/\*/g, "%");
}

/** Whether event `e` matches a step: its name, its path pattern and its property equalities (jsonb containment keeps types). */
export function stepCondition(step: StepMatch): SQL {
  const parts: SQL[] = [sql`e.name = ${step.event}`];
  if (step.path) parts.push(sql`e.path like ${likePattern(step.path)}`);
  if (step.where && Object.keys(step.where).length) parts.push(sql`e.properties @> ${JSON.stringify(step.where)}::jsonb`);
  return sql.join(parts, sql` and `);
}

/** The events column of each segment field an event carries (age group is the person's); funnel facts keep them in this order. */
export const SEGMENT_COLUMNS = {
  source: "utm_source",
  medium: "utm_medium",
  campaign: "utm_campaign",
  referrer: "referrer_domain",
  device: "device",
  browser: "browser",
  os: "os",
  country: "country",
  region: "region",
} as const;
export type EventSegmentField = keyof typeof SEGMENT_COLUMNS;

/** The SQL expression of a segment field on event `e` (age group comes from the person, `p`). */
export function fieldExpression(field: SegmentField): SQL {
  if (Object.hasOwn(SEGMENT_COLUMNS, field)) return sql.raw(`e.${SEGMENT_COLUMNS[field as EventSegmentField]}`);
  if (field === "age_group") return sql`p.age_group`;
  if (isPropField(field)) return sql`(e.properties ->> ${field.slice(5)})`;
  throw new InputError(`Unknown segment field "${field}". Use one of ${SEGMENT_FIELDS.join(", ")} or prop:<name>.`, "filters");
}

export const NONE = "(none)";

/** Segment filters: OR within a field, AND across fields; "(none)" matches a missing value. */
export function filterCondition(filters: SegmentFilters | undefined): SQL {
  const parts: SQL[] = [];
  for (const [field, values] of Object.entries(filters ?? {})) {
    if (!values || values.length === 0) continue;
    const expr = fieldExpression(field as SegmentField);
    const named = values.filter((v) => v !== NONE);
    const alternatives: SQL[] = [];
    if (named.length)
      alternatives.push(
        sql`${expr} in (${sql.join(
          named.map((v) => sql`${v}`),
          sql`, `,
        )})`,
      );
    if (values.includes(NONE)) alternatives.push(sql`${expr} is null`);
    parts.push(sql`(${sql.join(alternatives, sql` or `)})`);
  }
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Whether a query needs the persons table (age group filters or breakdowns). */
export function needsPersons(fields: (string | undefined)[]): boolean {
  return fields.includes("age_group");
}
