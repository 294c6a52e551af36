import { sql } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows } from "../../client";
import { limitedStatements } from "../../limits";
import type { FunnelStep, FunnelStepMatch, SegmentFilters, StepMatch } from "../../../lib/funnel/types";
import { filterCondition, needsPersons, stepCondition } from "../funnel/fragments";
import { funnelStepCounts } from "../funnel/engine";

type Range = { from: Date; to: Date; filters?: SegmentFilters };

/**
 * Of the visitors who did `page` (a page-pattern step, such as product pages), how many went on to
 * `next` within the window: the click-through from key pages, by the funnel engine's own rules.
 */
export async function keyPageClickThrough(
  scope: ProjectScope,
  q: Range & { page: FunnelStep; next: FunnelStep; windowSeconds: number },
): Promise<{ viewers: number; clickedThrough: number }> {
  const rows = await funnelStepCounts(scope, {
    steps: [q.page, q.next],
    windowSeconds: q.windowSeconds,
    from: q.from,
    to: q.to,
    filters: q.filters,
  });
  return { viewers: rows.find((r) => r.step === 1)?.visitors ?? 0, clickedThrough: rows.find((r) => r.step === 2)?.visitors ?? 0 };
}

/** Sessions end after this much silence; a gap longer than it is not time spent on the page. */
export const SESSION_GAP_SECONDS = 30 * 60;

/**
 * Median seconds between a page view matching `page` and the same visitor's next event, when that
 * comes within SESSION_GAP_SECONDS (the last page of a visit has no measurable time, as in every
 * analytics tool). Visitors are in the segment by their first event in the range.
 */
export async function medianTimeOnPages(
  scope: ProjectScope,
  q: Range & { page: FunnelStepMatch },
): Promise<{ seconds: number | null; views: number }> {
  const persons = needsPersons(Object.keys(q.filters ?? {}))
    ? sql`left join persons p on p.project_id = e.project_id and p.person_id = e.person_id`
    : sql``;
  const [row] = await limitedStatements(scope.db, "heavyMs", (db) =>
    queryRows<{ seconds: number | null; views: number }>(
      db,
      sql`with ev as (
            select (${stepCondition(q.page)}) as key_page,
              extract(epoch from lead(e.time) over w - e.time)::float8 as gap,
              first_value((${filterCondition(q.filters)})::boolean) over w as in_segment
            from events e ${persons}
            where e.project_id = ${scope.projectId}::uuid and e.time >= ${q.from.toISOString()}::timestamptz and e.time < ${q.to.toISOString()}::timestamptz
              and e.name not in ('identify', 'alias', 'group')
            window w as (partition by e.person_id order by e.time, e.id)
          )
          select percentile_cont(0.5) within group (order by gap)::float8 as seconds, count(*)::int as views
          from ev where key_page and in_segment and gap is not null and gap <= ${SESSION_GAP_SECONDS}`,
    ),
  );
  return { seconds: row?.seconds === null || row?.seconds === undefined ? null : Number(row.seconds), views: Number(row?.views ?? 0) };
}

/**
 * Revenue per paying customer over everything the project has seen of them (all time, whatever the
 * range): the customer lifetime value the article names. Null when nobody has paid yet.
 */
export async function customerLifetimeValue(scope: ProjectScope, goal: StepMatch): Promise<{ value: number | null; customers: number }> {
  const [row] = await limitedStatements(scope.db, "heavyMs", (db) =>
    queryRows<{ revenue: number | null; customers: number }>(
      db,
      sql`select sum(e.revenue)::float8 as revenue, count(distinct e.person_id)::int as customers
          from events e where e.project_id = ${scope.projectId}::uuid and (${stepCondition(goal)}) and e.revenue is not null`,
    ),
  );
  const customers = Number(row?.customers ?? 0);
  return { value: customers ? Number(row!.revenue) / customers : null, customers };
}
