import crypto from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import type { FunnelStepMatch, SegmentField, TimeToConvert } from "../../../lib/funnel/types";
import type { TrendUnit } from "../../../lib/funnel/periods";
import { SEGMENT_FIELDS } from "../../../lib/funnel/types";
import { localIsoDay, isLocalMidnight } from "../../../lib/funnel/ranges";
import { walkDefinition, OTHER, type EngineDefinition, type StepCountsQuery, type StepCountsRow } from "./engine";
import {
  breakdownAndTrend,
  dayTrendCounts,
  groupCounts,
  pairCounts,
  pairCountsWithDayTrend,
  reachedSql,
  stepCountsOf,
  type TimeToConvertSteps,
} from "./factsCounts";
import { timeToConvertDistribution } from "../../../lib/funnel/walk";
import { fieldExpression, filterCondition, needsPersons, NONE, SEGMENT_COLUMNS, type EventSegmentField } from "./fragments";

/**
 * Funnel facts: a saved funnel's levels, precomputed per person, local entry day and entry segment,
 * kept up to date from the persons that ingestion marks as changed. README.md beside this file says
 * why (the raw engine costs several µs per candidate row; a dashboard funnel over 10 million events
 * must answer in under a second) and what it measured.
 *
 * Exactness. For a set S of attempt starts, the engine's level is max over s in S of L(s) and its
 * fastest time to step j is min over s in S of f_j(s), where L(s) and f_j(s) depend only on s and
 * the person's later events. Both are decomposable: the facts keep them per (person, day, segment)
 * and a query over whole local days takes max and min over the rows it selects, which gives the
 * engine's numbers for any range of whole days, any filter on the facts' segment fields and any
 * breakdown by one of them. Other queries (ranges that do not start and end at local midnight,
 * `prop:` filters or breakdowns) go to the raw engine.
 *
 * This file reads the facts; factsUpkeep.ts beside it builds them, keeps them current and says
 * when they can be read (readyFacts).
 */

/** What facts are computed for: a funnel's definition (not its name or labels). */
export type StepsAndWindow = EngineDefinition;

/** The facts of a definition in a time zone: a hash of the steps (not their labels), the window, the rules and the zone. */
export function factsKey(def: StepsAndWindow, timeZone: string): string {
  const sortKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  // Keys in a fixed order: a definition read back from jsonb has its objects' keys reordered.
  const matcher = (m: FunnelStepMatch) => ({
    event: m.event,
    path: m.path ?? null,
    where: m.where ? sortKeys(m.where) : null,
    // Only what a definition uses, so that a plain definition keeps the key it always had.
    ...(m.conditions?.length
      ? { conditions: m.conditions.map((c) => ({ property: c.property, operator: c.operator, value: c.value })) }
      : {}),
  });
  const steps = def.steps.map((s) => ({
    ...matcher(s),
    ...(s.optional ? { optional: true } : {}),
    ...(s.within !== undefined && s.within !== null ? { within: s.within } : {}),
  }));
  const rules = {
    ...(def.order && def.order !== "ordered" ? { order: def.order } : {}),
    ...(def.exclusions?.length ? { exclusions: def.exclusions.map((x) => ({ ...matcher(x), between: x.between })) } : {}),
    ...(def.hold?.length ? { hold: def.hold } : {}),
    // Held properties compare as JSON values (1 is not "1") since 2026-12-06: facts built when they
    // compared as text are other facts, built again.
    ...(def.hold?.some((f) => f.startsWith("prop:")) ? { heldValues: "json" } : {}),
  };
  return crypto
    .createHash("sha256")
    .update(JSON.stringify({ steps, window: def.windowSeconds, timeZone, ...(Object.keys(rules).length ? { rules } : {}) }))
    .digest("hex")
    .slice(0, 32);
}

/** The most steps facts keep (d2 … d30): DESIGN.md's limit. */
const FACTS_MAX_STEPS = 30;

const FACT_FIELDS = new Set<string>(SEGMENT_FIELDS);

/**
 * The segment fields fact rows refer to, in the order of segmentIdSql's text (personEvents.ts)
 * and of their bits in `solo` (set when the row is its person's only row with that value); age
 * group comes from the person.
 */
export const SEGMENT_PARTS = Object.keys(SEGMENT_COLUMNS) as EventSegmentField[];

/** The local day of a local midnight, or null when `instant` is not one. */
const midnightDay = (instant: Date, timeZone: string): string | null =>
  isLocalMidnight(instant, timeZone) ? localIsoDay(instant, timeZone) : null;

/** Whether facts can answer a query: whole local days, and only the facts' segment fields. */
export function factsCanAnswer(q: StepCountsQuery, timeZone: string): boolean {
  // Facts keep what the engine's walk computes for any definition (factsUpkeep.ts).
  if (q.steps.length > FACTS_MAX_STEPS) return false;
  if (!midnightDay(q.from, timeZone) || !midnightDay(q.to, timeZone)) return false;
  if (Object.keys(q.filters ?? {}).some((f) => !FACT_FIELDS.has(f))) return false;
  if (q.groupBy?.kind === "field" && !FACT_FIELDS.has(q.groupBy.field)) return false;
  if (q.groupBy?.kind === "period" && q.groupBy.timeZone !== timeZone) return false;
  if (q.groupBy?.kind === "fieldPeriod" && (!FACT_FIELDS.has(q.groupBy.field) || q.groupBy.timeZone !== timeZone)) return false;
  return true;
}

/**
 * Step counts from the facts; the caller checked factsCanAnswer and refreshed the facts (`factsId`
 * is what readyFacts returned). The rows of the range that pass the filters are combined per person
 * (and group) with max and min: by pairCounts for breakdowns and whenever there are no filters, by
 * one aggregate per (person, group) otherwise.
 */
export async function factsStepCounts(scope: ProjectScope, factsId: number, q: StepCountsQuery): Promise<StepCountsRow[]> {
  return (await factsCounts(scope, factsId, q)).rows;
}

/**
 * A breakdown (`q` grouped by a field) and its per-value trend by `unit`, in one statement: the
 * same rows as factsStepCounts with the breakdown, and with `fieldPeriod` over its top values.
 */
export async function factsBreakdownWithTrend(
  scope: ProjectScope,
  factsId: number,
  q: StepCountsQuery,
  unit: TrendUnit,
): Promise<{ breakdown: StepCountsRow[]; trend: StepCountsRow[] }> {
  const { rows, trend } = await factsCounts(scope, factsId, q, { valueTrend: unit });
  if (!trend) throw new Error("factsBreakdownWithTrend needs a query grouped by a field with a limit");
  return { breakdown: rows, trend };
}

/**
 * An ungrouped query's counts and its trend by `unit` (the trend without medians), with the time
 * to convert between `timeToConvert`'s steps when asked: the dashboard's steps and trend, and its
 * previous period's. Unfiltered by day they are one statement (pairCountsWithDayTrend), else two.
 */
export async function factsStepsWithTrend(
  scope: ProjectScope,
  factsId: number,
  q: StepCountsQuery,
  unit: TrendUnit,
  timeToConvert?: TimeToConvertSteps,
): Promise<{ rows: StepCountsRow[]; trend: StepCountsRow[]; timeToConvert?: TimeToConvert }> {
  if (q.groupBy) throw new Error("factsStepsWithTrend: the query is grouped by its trend");
  const ttc = (times: number[] | undefined) =>
    timeToConvert ? timeToConvertDistribution(times ?? [], timeToConvert.from, timeToConvert.to) : undefined;
  const filtered = Object.values(q.filters ?? {}).some((values) => values && values.length > 0);
  if (unit === "day" && !filtered) {
    const { rows, trend, times } = await factsCounts(scope, factsId, q, { timeToConvert, dayTrend: true });
    return { rows, trend: trend!, timeToConvert: ttc(times) };
  }
  const trendQ: StepCountsQuery = { ...q, groupBy: { kind: "period", unit, timeZone: scope.project.timeZone }, medians: false };
  const [{ rows, times }, trend] = await Promise.all([
    factsCounts(scope, factsId, q, { timeToConvert }),
    factsStepCounts(scope, factsId, trendQ),
  ]);
  return { rows, trend, timeToConvert: ttc(times) };
}

async function factsCounts(
  scope: ProjectScope,
  factsId: number,
  q: StepCountsQuery,
  more: {
    /** a breakdown's per-value trend by this unit */
    valueTrend?: TrendUnit;
    timeToConvert?: TimeToConvertSteps;
    /** an unfiltered ungrouped query's daily trend too (factsStepsWithTrend) */
    dayTrend?: boolean;
  } = {},
): Promise<{ rows: StepCountsRow[]; trend?: StepCountsRow[]; times?: number[] }> {
  const { valueTrend, timeToConvert } = more;
  if (timeToConvert && q.groupBy) throw new Error("funnel facts: the time to convert comes with ungrouped counts only");
  const tz = scope.project.timeZone;
  const k = q.steps.length;
  const optionalMask = walkDefinition(q).optionalMask;
  const field = q.groupBy?.kind === "field" ? q.groupBy.field : undefined;
  const perValue = q.groupBy?.kind === "fieldPeriod" ? q.groupBy : undefined;
  const fields = [...Object.keys(q.filters ?? {}), field ?? perValue?.field];
  const segments = fields.some((f) => f && f !== "age_group")
    ? sql`join funnel_segments e on e.project_id = ff.project_id and e.id = ff.segment_id`
    : sql``;
  const persons = needsPersons(fields) ? sql`left join persons p on p.project_id = ff.project_id and p.person_id = ff.person_id` : sql``;
  const fromDay = midnightDay(q.from, tz)!;
  // Without filters every earlier row of the person is in the range's rows whenever it is in the
  // range, so a row is the first of its (person, group) pair when the person's previous row with
  // the same value (gap_*) lies before the group's start in the range.
  const filtered = Object.values(q.filters ?? {}).some((values) => values && values.length > 0);
  const rangeRows = sql`from funnel_fact_rows ff ${segments} ${persons}
      where ff.project_id = ${scope.projectId}::uuid and ff.facts_id = ${factsId}
        and ff.day >= ${fromDay}::date and ff.day < ${midnightDay(q.to, tz)}::date and ${filterCondition(q.filters)}`;
  // Trends without medians, and every per-value trend (they have none), in one pass.
  const trend = q.groupBy?.kind === "period" ? q.groupBy : perValue;
  if (trend && (q.medians === false || perValue)) {
    if (trend.unit === "day" && !perValue && !filtered) return { rows: await dayTrendCounts(scope, k, optionalMask, rangeRows) };
    return { rows: await trendCounts(scope, k, optionalMask, rangeRows, { unit: trend.unit, fromDay, filtered, perValue }) };
  }
  let g: SQL = sql`''`;
  let solo: SQL = sql`false`;
  let gap: SQL | null = sql`ff.${gapColumn("person")}`;
  let start: SQL = sql`${fromDay}::date`;
  if (field) {
    g = sql`coalesce(${fieldExpression(field as SegmentField)}, ${NONE})`;
    ({ solo, gap } = valuePairColumns(field as SegmentField));
  }
  if (q.groupBy?.kind === "period") {
    g = sql`to_char(date_trunc(${q.groupBy.unit}, ff.day::timestamp), 'YYYY-MM-DD')`;
    start =
      q.groupBy.unit === "day" ? sql`ff.day` : sql`greatest(date_trunc(${q.groupBy.unit}, ff.day::timestamp)::date, ${fromDay}::date)`;
  }
  const first = gap && !filtered ? sql`(${gap} is null or ff.day - ${gap} < ${start})` : null;
  const ds = Array.from({ length: k - 1 }, (_, i) => sql.raw(`d${i + 2}`));
  const f = sql`f as not materialized (
      select ff.person_id, ${g} as g, ff.level, ${optionalMask ? sql`ff.opt` : sql`0`} as opt, ${sql.join(
        ds.map((d) => sql`ff.${d}`),
        sql`, `,
      )}, ${solo} as one, ${first ?? sql`null::boolean`} as first
      ${rangeRows}
    )`;
  const pairs = {
    limit: q.groupBy?.kind === "field" ? q.groupBy.limit : null,
    medians: q.medians !== false,
    byFirst: first !== null,
    optionalMask,
    timeToConvert,
  };
  if (field && valueTrend && pairs.limit !== null) {
    // Unfiltered, the trend's rows keep their raw values and say whether they are their pair's first
    // in the range (breakdownAndTrend counts step 1 from them); else they name the top values.
    const t = trendSource("t", optionalMask, rangeRows, {
      unit: valueTrend,
      fromDay,
      filtered,
      perValue: { field: field as SegmentField, values: pairs.byFirst ? null : sql`array(select g from top)` },
      rangeFirst: pairs.byFirst ? first! : undefined,
    });
    const both = await breakdownAndTrend(scope, k, f, t, pairs);
    return { rows: both.breakdown, trend: both.trend };
  }
  if (more.dayTrend && first && !q.groupBy) return pairCountsWithDayTrend(scope, k, f, rangeRows, first, pairs);
  if (field || first) return pairCounts(scope, k, f, pairs);
  // Filtered, not broken down: one hash aggregate per (person, group). Most people have several
  // rows (an entry with their campaign, later ones without), so skipping it for the few with one
  // does not pay.
  const flags = Array.from(
    { length: k },
    (_, i) => sql`${reachedSql(i + 1, optionalMask, sql`max(level)`, sql`bit_or(opt)`)} as ${sql.raw(`r${i + 1}`)}`,
  );
  const people = sql`${f}, people as (
      select person_id, g as grp, ${sql.join(flags, sql`, `)}, 0::bigint as d1, ${sql.join(
        ds.map((d) => sql`min(${d}) as ${d}`),
        sql`, `,
      )}
      from f group by 1, 2
    )`;
  return stepCountsOf(scope, k, people, Boolean(q.groupBy), q.medians !== false, optionalMask, timeToConvert);
}

/**
 * A trend's counts (no medians): per period, or per value and period for a breakdown's trend
 * ("value\u0001period", values beyond `values` as "other"), in one pass (groupCounts). A row is the
 * first of its pair in a period when the person's previous row with the same value (gap_*) lies
 * before the period's start in the range; "other" gathers several values, so its pairs are
 * deduplicated by person. The row's group and flags are computed once per row (offset 0 keeps
 * PostgreSQL from repeating the expressions wherever they are used).
 */
function trendCounts(
  scope: ProjectScope,
  k: number,
  optionalMask: number,
  rangeRows: SQL,
  opts: TrendSourceOptions,
): Promise<StepCountsRow[]> {
  return groupCounts(scope, k, trendSource("f", optionalMask, rangeRows, opts), optionalMask, Boolean(opts.perValue));
}

type TrendSourceOptions = {
  unit: TrendUnit;
  fromDay: string;
  filtered: boolean;
  /** per value: the named values (a list, or SQL giving them as an array: the breakdown's `top`), the rest as "other"; null: every value as it is */
  perValue?: { field: SegmentField; values: string[] | SQL | null };
  /** adds `fr`: whether the row is the first of its pair in the range (this condition on `ff`) */
  rangeFirst?: SQL;
};

/** The CTE `name` of a trend's rows (see trendCounts). */
function trendSource(name: string, optionalMask: number, rangeRows: SQL, opts: TrendSourceOptions): SQL {
  const { unit, fromDay, filtered, perValue } = opts;
  const period = unit === "day" ? sql`ff.day` : sql`date_trunc(${unit}, ff.day::timestamp)::date`;
  const periodStart = unit === "day" ? sql`ff.day` : sql`greatest(${period}, ${fromDay}::date)`;
  let value: SQL = sql`''`;
  let solo: SQL = sql`false`;
  let gap: SQL | null = sql`ff.${gapColumn("person")}`;
  if (perValue) {
    const raw = sql`coalesce(${fieldExpression(perValue.field)}, ${NONE})`;
    const values = perValue.values;
    value =
      values === null
        ? raw
        : !Array.isArray(values)
          ? sql`case when ${raw} = any(${values}) then ${raw} else ${OTHER}::text end`
          : values.length
            ? sql`case when ${raw} in (${sql.join(
                values.map((v) => sql`${v}`),
                sql`, `,
              )}) then ${raw} else ${OTHER}::text end`
            : sql`${OTHER}::text`;
    ({ solo, gap } = valuePairColumns(perValue.field));
  }
  const first = gap && !filtered ? sql`(${gap} is null or ff.day - ${gap} < ${periodStart})` : sql`null::boolean`;
  return sql`${sql.raw(name)} as not materialized (
      select ff.person_id, ${value} as g, ${period} as period, ff.level, ${optionalMask ? sql`ff.opt` : sql`0`} as opt,
        ${solo} as one, ${first} as first${opts.rangeFirst ? sql`, ${opts.rangeFirst} as fr` : sql``}
      ${rangeRows}
      offset 0
    )`;
}

/**
 * What a row says about its (person, value of `field`) pair: `solo`, whether no other row of the
 * person has the value (its bit in `solo`), and `gap`, the days since the person's previous row with
 * the value (a segment field's `gap_*`; the person's for the age group, which the person has once),
 * null when the facts keep none.
 */
function valuePairColumns(field: SegmentField): { solo: SQL; gap: SQL | null } {
  const part = SEGMENT_PARTS.indexOf(field as EventSegmentField);
  if (part >= 0) return { solo: sql`(ff.solo & ${1 << part}) <> 0`, gap: sql`ff.${gapColumn(SEGMENT_PARTS[part])}` };
  return { solo: sql`false`, gap: field === "age_group" ? sql`ff.${gapColumn("person")}` : null };
}

/** The `gap_*` column of a segment field, or of the person (see funnel_fact_rows). */
export const gapColumn = (part: EventSegmentField | "person") => sql.raw(`gap_${part}`);
