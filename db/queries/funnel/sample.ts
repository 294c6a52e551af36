import { sql } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows } from "../../client";
import { matcherNames } from "./fragments";
import { withFunnelSettings, type StepCountsQuery } from "./engine";

/**
 * The estimate of an ad-hoc funnel (the editor's preview, `"sample": true` in the query API): when
 * the candidate rows are many, the engine reads only the people whose `hashtext(person_id)` falls in
 * one of `buckets` buckets. A person is in or out as a whole (all their events, every step), so the
 * sample's funnel is an exact funnel of a random-like subset of people: its rates and Wilson intervals
 * are honest for that many people, and the answer says which share it is (`estimate.share`). The
 * same people are sampled every time (deterministic), so the preview does not jitter as it is edited.
 */

/** Candidate rows an estimate aims to read; at ~1 µs a row in the walk plus the read, well under a second. */
export const SAMPLE_TARGET_ROWS = 150_000;
/** The smallest share an estimate reads (1/1024 of the people). */
const MAX_BUCKETS = 1024;

/**
 * How many buckets to split people into (a power of two; 1 = read everyone): the planner's estimate
 * of the candidate rows (EXPLAIN, no execution) over SAMPLE_TARGET_ROWS.
 */
export async function sampleBuckets(scope: ProjectScope, q: StepCountsQuery): Promise<number> {
  const names = [...new Set([...q.steps, ...(q.exclusions ?? [])].flatMap(matcherNames))];
  const until = new Date(q.to.getTime() + q.windowSeconds * 1000);
  const which =
    q.order === "strict"
      ? sql``
      : sql`and e.name in (${sql.join(
          names.map((n) => sql`${n}`),
          sql`, `,
        )})`;
  const rows = await withFunnelSettings(scope.db, (db) =>
    queryRows<Record<string, unknown>>(
      db,
      sql`explain (format json) select 1 from events e where e.project_id = ${scope.projectId}::uuid
        and e.time >= ${q.from.toISOString()}::timestamptz and e.time < ${until.toISOString()}::timestamptz ${which}`,
    ),
  );
  const plan = Object.values(rows[0] ?? {})[0];
  const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan?: { "Plan Rows"?: number } }[];
  const estimate = Number(parsed?.[0]?.Plan?.["Plan Rows"] ?? 0);
  let buckets = 1;
  while (buckets < MAX_BUCKETS && estimate / buckets > SAMPLE_TARGET_ROWS) buckets *= 2;
  return buckets;
}
