import { sql, type SQL } from "drizzle-orm";
import type { StepMatch, SegmentField, SegmentFilters } from "../../../lib/funnel/types";
import { SEGMENT_FIELDS } from "../../../lib/funnel/types";
import { InputError } from "../../errors";

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

/** The SQL expression of a segment field on event `e` (age group comes from the person, `p`). */
export function fieldExpression(field: SegmentField): SQL {
  switch (field) {
    case "source": return sql`e.utm_source`;
    case "medium": return sql`e.utm_medium`;
    case "campaign": return sql`e.utm_campaign`;
    case "referrer": return sql`e.referrer_domain`;
    case "device": return sql`e.device`;
    case "browser": return sql`e.browser`;
    case "os": return sql`e.os`;
    case "country": return sql`e.country`;
    case "region": return sql`e.region`;
    case "age_group": return sql`p.age_group`;
  }
  if (field.startsWith("prop:") && field.length > 5 && field.length <= 105) return sql`(e.properties ->> ${field.slice(5)})`;
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
    if (named.length) alternatives.push(sql`${expr} in (${sql.join(named.map((v) => sql`${v}`), sql`, `)})`);
    if (values.includes(NONE)) alternatives.push(sql`${expr} is null`);
    parts.push(sql`(${sql.join(alternatives, sql` or `)})`);
  }
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Whether a query needs the persons table (age group filters or breakdowns). */
export function needsPersons(fields: (string | undefined)[]): boolean {
  return fields.includes("age_group");
}
