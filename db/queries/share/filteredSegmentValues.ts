import { sql } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows } from "../../client";
import type { SegmentField, SegmentFilters } from "../../../lib/funnel/types";
import { fieldExpression, filterCondition, needsPersons, NONE } from "../funnel/fragments";

/**
 * The most common values of a segment field in a range among the events that pass `filters`: a
 * share link's filter options, so a link locked to mobile visitors never lists (or counts) others.
 */
export async function filteredSegmentValues(
  scope: ProjectScope,
  field: SegmentField,
  q: { from: Date; to: Date; filters: SegmentFilters },
  limit = 25,
): Promise<{ value: string; visitors: number }[]> {
  const persons = needsPersons([field, ...Object.keys(q.filters)])
    ? sql`left join persons p on p.project_id = e.project_id and p.person_id = e.person_id`
    : sql``;
  const rows = await queryRows<{ value: string; visitors: number }>(
    scope.db,
    sql`select coalesce(${fieldExpression(field)}, ${NONE}) as value, count(distinct e.person_id)::int as visitors
        from events e ${persons}
        where e.project_id = ${scope.projectId}::uuid and e.time >= ${q.from.toISOString()}::timestamptz and e.time < ${q.to.toISOString()}::timestamptz
          and ${filterCondition(q.filters)}
        group by 1 order by 2 desc, 1 limit ${limit}`,
  );
  return rows.map((r) => ({ value: r.value, visitors: Number(r.visitors) }));
}
