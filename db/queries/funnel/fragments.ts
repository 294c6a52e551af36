import { sql, type SQL } from "drizzle-orm";
import type { StepMatch, FunnelStepMatch, PropertyValue, StepCondition, SegmentField, SegmentFilters } from "../../../lib/funnel/types";
import { SEGMENT_FIELDS, isPropField } from "../../../lib/funnel/types";
import { InputError } from "../../../lib/errors";
import { DECIMAL_TEXT as DECIMAL_STRING } from "../../../lib/funnel/conditions";

/** A path pattern as SQL LIKE: `*` matches any run of characters; `%`, `_` and `\` are literal. */
export function likePattern(pattern: string): string {
  return pattern.replace(/[\\%_]/g, (c) => "\\" + c).replace(/\*/g, "%");
}

/** Whether event `e` matches a step: its name, its path pattern and its property equalities (jsonb containment keeps types). */
export function stepCondition(step: StepMatch | FunnelStepMatch): SQL {
  const names = matcherNames(step);
  const name =
    names.length === 1
      ? sql`e.name = ${names[0]}`
      : sql`e.name in (${sql.join(
          names.map((n) => sql`${n}`),
          sql`, `,
        )})`;
  const rest = beyondName(step);
  return rest ? sql`${name} and ${rest}` : name;
}

/** What a step asks of event `e` beyond its name (path, `where`, conditions), or null when nothing. */
export function beyondName(step: StepMatch | FunnelStepMatch): SQL | null {
  const parts: SQL[] = [];
  if (step.path) parts.push(sql`e.path like ${likePattern(step.path)}`);
  if (step.where && Object.keys(step.where).length) parts.push(sql`e.properties @> ${JSON.stringify(step.where)}::jsonb`);
  for (const c of ("conditions" in step ? step.conditions : undefined) ?? []) parts.push(conditionSql(c));
  return parts.length ? sql.join(parts, sql` and `) : null;
}

/** The event names a matcher accepts. */
export const matcherNames = (m: StepMatch | FunnelStepMatch): string[] => (typeof m.event === "string" ? [m.event] : m.event);

/** `{"name": value}` as jsonb, for containment (equality as `where` compares: types kept). */
const equals = (property: string, value: PropertyValue) => sql`e.properties @> ${JSON.stringify({ [property]: value })}::jsonb`;

/**
 * A decimal number as text: what a string property must look like to compare with gt/gte/lt/lte
 * (DESIGN.md, "Funnel definitions": `"51"`, `"120.5"`). Checked before the cast, in a CASE, so
 * that no value can make the statement fail.
 */
export const DECIMAL_TEXT = "^-?[0-9]+(\\.[0-9]+)?$";

/**
 * One condition on the event's properties, exactly as DESIGN.md ("Funnel definitions") defines its
 * operator; never an error, whatever the stored value (a cast happens only after a check says it
 * cannot fail).
 */
export function conditionSql(c: StepCondition): SQL {
  const p = c.property;
  const v = c.value;
  const text = sql`(e.properties ->> ${p})`;
  switch (c.operator) {
    case "is":
      return equals(p, v as PropertyValue);
    case "is_not":
      return sql`not (${equals(p, v as PropertyValue)})`;
    case "in": {
      // One parameter for the whole list: equal to one of its values as `is` compares (types kept,
      // numbers by value), a missing property never (its [null] is in no list of values).
      const list = (Array.isArray(v) ? v : [v]).filter((x): x is PropertyValue => x !== undefined);
      if (!list.length) return sql`false`;
      return sql`(${JSON.stringify(list)}::jsonb @> jsonb_build_array(e.properties -> ${p}))`;
    }
    case "contains":
      return sql`coalesce(strpos(lower(${text}), lower(${String(v)})) > 0, false)`;
    case "not_contains":
      return sql`coalesce(strpos(lower(${text}), lower(${String(v)})) = 0, true)`;
    case "starts_with":
      return sql`coalesce(starts_with(lower(${text}), lower(${String(v)})), false)`;
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      // The value as the decimal text it was given in (a JSON number's shortest text): compared as
      // numeric, so a value beyond a double's range or precision keeps its meaning.
      const n =
        typeof v === "number" ? (Number.isFinite(v) ? String(v) : null) : typeof v === "string" && DECIMAL_STRING.test(v) ? v : null;
      if (n === null) return sql`false`;
      const op = sql.raw({ gt: ">", gte: ">=", lt: "<", lte: "<=" }[c.operator]);
      const num = sql`(case when jsonb_typeof(e.properties -> ${p}) = 'number' then ${text}::numeric
        when jsonb_typeof(e.properties -> ${p}) = 'string' and ${text} ~ ${DECIMAL_TEXT} then ${text}::numeric end)`;
      return sql`coalesce(${num} ${op} ${n}::numeric, false)`;
    }
    case "exists":
      return sql`coalesce(jsonb_typeof(e.properties -> ${p}) <> 'null', false)`;
    case "not_exists":
      return sql`coalesce(jsonb_typeof(e.properties -> ${p}) = 'null', true)`;
  }
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
