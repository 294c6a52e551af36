import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows } from "../../client";
import type { StepMatch, SegmentField, SegmentFilters } from "../../../lib/funnel/types";
import { stepCondition, filterCondition, fieldExpression, needsPersons, NONE } from "../funnel/fragments";

export type GoalConversionsQuery = {
  goals: StepMatch[];
  from: Date;
  to: Date;
  /** a visitor's segment is that of their first event in the range (first touch) */
  filters?: SegmentFilters;
  groupBy?: SegmentField;
};

export type GoalConversionsRow = {
  group: string;
  visitors: number;
  goals: { converted: number; conversions: number; revenue: number | null }[];
};

/**
 * Unique visitors in a range and, per goal, the visitors who converted (once each, however often),
 * the conversions and the revenue: the article's rate is converted / visitors. One pass over the
 * range's events grouped by person, no joins (stale statistics cannot turn it into a nested loop).
 */
export async function goalConversions(scope: ProjectScope, q: GoalConversionsQuery): Promise<GoalConversionsRow[]> {
  const persons = needsPersons([...Object.keys(q.filters ?? {}), q.groupBy]) ? sql`left join persons p on p.project_id = e.project_id and p.person_id = e.person_id` : sql``;
  const group: SQL = q.groupBy ? sql`coalesce(${fieldExpression(q.groupBy)}, ${NONE})` : sql`''`;
  const perGoal = q.goals.map((g, i) => {
    const c = stepCondition(g);
    return sql`count(*) filter (where ${c}) as c${sql.raw(String(i))}, sum(e.revenue) filter (where ${c}) as r${sql.raw(String(i))}`;
  });
  const totals = q.goals.map(
    (_, i) => sql`count(*) filter (where c${sql.raw(String(i))} > 0)::int as converted${sql.raw(String(i))}, coalesce(sum(c${sql.raw(String(i))}), 0)::int as conversions${sql.raw(String(i))}, sum(r${sql.raw(String(i))})::float8 as revenue${sql.raw(String(i))}`,
  );
  const rows = await queryRows<Record<string, unknown>>(
    scope.db,
    sql`with people as (
          select e.person_id,
            (array_agg((${filterCondition(q.filters)})::boolean order by e.time, e.id))[1] as in_segment,
            (array_agg((${group})::text order by e.time, e.id))[1] as grp
            ${q.goals.length ? sql`, ${sql.join(perGoal, sql`, `)}` : sql``}
          from events e ${persons}
          where e.project_id = ${scope.projectId}::uuid and e.time >= ${q.from.toISOString()}::timestamptz and e.time < ${q.to.toISOString()}::timestamptz
            and e.name not in ('identify', 'alias', 'group')
          group by e.person_id
        )
        select grp, count(*)::int as visitors ${q.goals.length ? sql`, ${sql.join(totals, sql`, `)}` : sql``}
        from people where in_segment group by grp order by count(*) desc, grp`,
  );
  return rows.map((r) => ({
    group: String(r.grp),
    visitors: Number(r.visitors),
    goals: q.goals.map((_, i) => ({
      converted: Number(r[`converted${i}`]),
      conversions: Number(r[`conversions${i}`]),
      revenue: r[`revenue${i}`] === null || r[`revenue${i}`] === undefined ? null : Number(r[`revenue${i}`]),
    })),
  }));
}
