import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows } from "../../client";
import { limitedStatements } from "../../limits";
import type { StepMatch, SegmentField, SegmentFilters } from "../../../lib/funnel/types";
import { stepCondition, filterCondition, fieldExpression, needsPersons, NONE } from "../funnel/fragments";

/** What counts as a conversion: one event match, or any of several (a funnel stage's markers). */
export type GoalMatch = StepMatch | StepMatch[];

export type GoalConversionsQuery = {
  goals: GoalMatch[];
  from: Date;
  to: Date;
  /** a visitor's segment is that of their first event in the range (first touch) */
  filters?: SegmentFilters;
  /** one field, or several: each gets its own set of rows (tagged with `field`) from the same single pass */
  groupBy?: SegmentField | SegmentField[];
  /** also count visitors first seen in the range (one primary-key lookup per visitor) */
  newVisitors?: boolean;
  /**
   * Also count the retained customers (the Retention stage): visitors who did `repeat` (the Action
   * stage's conversion) more than once in the range, or fired one of the retention `markers`.
   */
  retained?: { markers: GoalMatch; repeat: GoalMatch };
};

export type GoalConversionsRow = {
  /** the grouping field ('' without groupBy) */
  field: string;
  group: string;
  visitors: number;
  /** visitors first seen inside the range (0 unless asked for) */
  newVisitors: number;
  /** visitors whose only event in the range was one page view */
  bounced: number;
  /** retained customers (0 unless asked for) */
  retained: number;
  goals: {
    converted: number;
    conversions: number;
    revenue: number | null;
    /** visitors who converted more than once */ repeaters: number;
  }[];
};

export function matchCondition(match: GoalMatch): SQL {
  const list = Array.isArray(match) ? match : [match];
  if (list.length === 0) return sql`false`;
  return sql`(${sql.join(
    list.map((m) => sql`(${stepCondition(m)})`),
    sql` or `,
  )})`;
}

const col = (prefix: string, i: number) => sql.raw(`${prefix}${i}`);

/**
 * Unique visitors in a range and, per goal, the visitors who converted (once each, however often),
 * the conversions and the revenue: the article's rate is converted / visitors. One pass over the
 * range's events grouped by person, no joins between large inputs (stale statistics cannot turn it
 * into a nested loop); the optional persons lookup happens after grouping, once per visitor.
 */
export async function goalConversions(scope: ProjectScope, q: GoalConversionsQuery): Promise<GoalConversionsRow[]> {
  const fields: SegmentField[] = q.groupBy === undefined ? [] : Array.isArray(q.groupBy) ? q.groupBy : [q.groupBy];
  const persons = needsPersons([...Object.keys(q.filters ?? {}), ...fields])
    ? sql`left join persons p on p.project_id = e.project_id and p.person_id = e.person_id`
    : sql``;
  const groups = fields.map(
    (f, i) => sql`, (array_agg(coalesce(${fieldExpression(f)}, ${NONE})::text order by e.time, e.id))[1] as ${col("g", i)}`,
  );
  const perGoal = q.goals.map((g, i) => {
    const c = matchCondition(g);
    return sql`, count(*) filter (where ${c}) as ${col("c", i)}, sum(e.revenue) filter (where ${c}) as ${col("r", i)}`;
  });
  const totals = q.goals.map(
    (_, i) =>
      sql`, count(*) filter (where ${col("c", i)} > 0)::int as ${col("converted", i)}, coalesce(sum(${col("c", i)}), 0)::int as ${col("conversions", i)},
          sum(${col("r", i)})::float8 as ${col("revenue", i)}, count(*) filter (where ${col("c", i)} > 1)::int as ${col("repeaters", i)}`,
  );
  const retainedCols = q.retained
    ? sql`, count(*) filter (where ${matchCondition(q.retained.markers)}) as retention_markers, count(*) filter (where ${matchCondition(q.retained.repeat)}) as repeat_actions`
    : sql``;
  const retained = q.retained ? sql`count(*) filter (where retention_markers > 0 or repeat_actions > 1)::int` : sql`0`;
  const from = q.from.toISOString();
  const newVisitors = q.newVisitors
    ? sql`(select count(*) from persons np where np.project_id = ${scope.projectId}::uuid and np.person_id = people.person_id and np.first_seen >= ${from}::timestamptz)`
    : sql`0`;
  const aggregate = (field: string, grp: SQL) =>
    sql`select ${field}::text as field, ${grp}::text as grp, count(*)::int as visitors, coalesce(sum(${newVisitors}), 0)::int as new_visitors,
          count(*) filter (where n = 1 and only_views)::int as bounced, ${retained} as retained ${sql.join(totals, sql``)}
        from people where in_segment group by 2`;
  // Several groupings read the same materialised CTE: one scan of the events, one row set per field.
  const selects = fields.length ? fields.map((f, i) => aggregate(f, col("g", i))) : [aggregate("", sql`''`)];
  const rows = await limitedStatements(scope.db, "heavyMs", (db) =>
    queryRows<Record<string, unknown>>(
      db,
      sql`with people as ${fields.length > 1 ? sql`materialized` : sql``} (
            select e.person_id,
              (array_agg((${filterCondition(q.filters)})::boolean order by e.time, e.id))[1] as in_segment,
              count(*) as n, bool_and(e.name = 'pageview') as only_views
              ${sql.join(groups, sql``)}
              ${sql.join(perGoal, sql``)}
              ${retainedCols}
            from events e ${persons}
            where e.project_id = ${scope.projectId}::uuid and e.time >= ${from}::timestamptz and e.time < ${q.to.toISOString()}::timestamptz
              and e.name not in ('identify', 'alias', 'group')
            group by e.person_id
          )
          select * from (${sql.join(selects, sql` union all `)}) t order by field, visitors desc, grp`,
    ),
  );
  return rows.map((r) => ({
    field: String(r.field),
    group: String(r.grp),
    visitors: Number(r.visitors),
    newVisitors: Number(r.new_visitors),
    bounced: Number(r.bounced),
    retained: Number(r.retained),
    goals: q.goals.map((_, i) => ({
      converted: Number(r[`converted${i}`]),
      conversions: Number(r[`conversions${i}`]),
      revenue: r[`revenue${i}`] === null || r[`revenue${i}`] === undefined ? null : Number(r[`revenue${i}`]),
      repeaters: Number(r[`repeaters${i}`]),
    })),
  }));
}
