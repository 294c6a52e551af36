import { sql } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows } from "../../client";
import { limitedStatements } from "../../limits";
import type { SegmentField, SegmentFilters } from "../../../lib/funnel/types";
import { fieldExpression, filterCondition, needsPersons, NONE } from "./fragments";

/**
 * The most common values of a segment field among the project's events in a range, for filter
 * chips; with `filters`, only among the events that pass them (a share link's locked filters, so a
 * link locked to mobile visitors never lists or counts others).
 */
export async function segmentValues(
  scope: ProjectScope,
  field: SegmentField,
  from: Date,
  to: Date,
  { limit = 25, filters = {} }: { limit?: number; filters?: SegmentFilters } = {},
): Promise<{ value: string; visitors: number }[]> {
  const persons = needsPersons([field, ...Object.keys(filters)])
    ? sql`left join persons p on p.project_id = e.project_id and p.person_id = e.person_id`
    : sql``;
  const rows = await limitedStatements(scope.db, "heavyMs", (db) =>
    queryRows<{ value: string; visitors: number }>(
      db,
      sql`select coalesce(${fieldExpression(field)}, ${NONE}) as value, count(distinct e.person_id)::int as visitors
          from events e ${persons}
          where e.project_id = ${scope.projectId}::uuid and e.time >= ${from.toISOString()}::timestamptz and e.time < ${to.toISOString()}::timestamptz
            and ${filterCondition(filters)}
          group by 1 order by 2 desc, 1 limit ${limit}`,
    ),
  );
  return rows.map((r) => ({ value: r.value, visitors: Number(r.visitors) }));
}
