import { sql } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows } from "../../client";
import { limitedStatements } from "../../limits";
import type { SegmentFilters } from "../../../lib/funnel/types";
import { filterCondition, needsPersons } from "../funnel/fragments";
import { matchCondition, type GoalMatch } from "./goalConversions";

export type GoalDailyRow = { day: string; visitors: number; converted: number[] };

/**
 * Per local day of the project: the visitors active that day and, per goal, those who converted that
 * day (the sparklines). A visitor belongs to the segment by their first event in the whole range, as
 * in goalConversions, so a day's figures are a slice of the overview's, not a different population.
 */
export async function goalDaily(
  scope: ProjectScope,
  q: { goals: GoalMatch[]; from: Date; to: Date; filters?: SegmentFilters; timeZone: string },
): Promise<GoalDailyRow[]> {
  const persons = needsPersons(Object.keys(q.filters ?? {}))
    ? sql`left join persons p on p.project_id = e.project_id and p.person_id = e.person_id`
    : sql``;
  const perGoal = q.goals.map((g, i) => sql`, count(*) filter (where ${matchCondition(g)}) as ${sql.raw(`c${i}`)}`);
  const totals = q.goals.map((_, i) => sql`, count(*) filter (where ${sql.raw(`c${i}`)} > 0)::int as ${sql.raw(`converted${i}`)}`);
  const rows = await limitedStatements(scope.db, "heavyMs", (db) =>
    queryRows<Record<string, unknown>>(
      db,
      sql`with person_days as (
            select e.person_id, to_char(e.time at time zone ${q.timeZone}, 'YYYY-MM-DD') as day, min(e.time) as first_time,
              (array_agg((${filterCondition(q.filters)})::boolean order by e.time, e.id))[1] as day_segment
              ${sql.join(perGoal, sql``)}
            from events e ${persons}
            where e.project_id = ${scope.projectId}::uuid and e.time >= ${q.from.toISOString()}::timestamptz and e.time < ${q.to.toISOString()}::timestamptz
              and e.name not in ('identify', 'alias', 'group')
            group by e.person_id, day
          ), marked as (
            select *, first_value(day_segment) over (partition by person_id order by first_time) as in_segment from person_days
          )
          select day, count(*)::int as visitors ${sql.join(totals, sql``)}
          from marked where in_segment group by day order by day`,
    ),
  );
  return rows.map((r) => ({
    day: String(r.day),
    visitors: Number(r.visitors),
    converted: q.goals.map((_, i) => Number(r[`converted${i}`])),
  }));
}
