import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./client";
import { enqueueJob } from "./jobs";
import { digestPeriod, nextDigestRun } from "../lib/digests/schedule";
import type { DigestFrequency } from "../lib/digests/types";

/**
 * Queues the digests whose time came, once each, from any number of processes at once and without
 * a lock across projects (a Citus cluster runs no multi-shard `for update`): for each due schedule,
 * first the job keyed by schedule and period is queued (a key queued before is not queued again),
 * then the next send time is stored by a conditional update of that one row. A process that stops
 * between the two leaves the schedule due, and the next tick queues nothing new and moves it on.
 * After downtime only the latest missed period is sent, not a burst of old ones.
 */
export async function enqueueDueDigests(db: Db, now: Date): Promise<number> {
  const due = await queryRows<{
    project_id: string;
    id: string;
    frequency: DigestFrequency;
    weekday: number | null;
    hour: number;
    next_run_at: string | Date;
    time_zone: string;
  }>(
    db,
    sql`select s.project_id, s.id, s.frequency, s.weekday, s.hour, s.next_run_at, p.time_zone
      from digest_schedules s join projects p on p.id = s.project_id
      where s.next_run_at <= ${now.toISOString()}::timestamptz and not s.paused
      order by s.next_run_at limit 500`,
  );
  let queued = 0;
  for (const s of due) {
    const timing = { frequency: s.frequency, weekday: s.weekday, hour: Number(s.hour) };
    const scheduled = new Date(s.next_run_at);
    let runAt = scheduled;
    for (let next = nextDigestRun(timing, s.time_zone, runAt); next <= now; next = nextDigestRun(timing, s.time_zone, runAt)) runAt = next;
    const period = digestPeriod(s.frequency, s.time_zone, runAt);
    const job = { scheduleId: s.id, runAt: runAt.toISOString() };
    if (await enqueueJob(db, { projectId: s.project_id, kind: "digest", key: `digest:${s.id}:${period.key}`, payload: job, runAt: now }))
      queued++;
    await db.execute(
      sql`update digest_schedules set next_run_at = ${nextDigestRun(timing, s.time_zone, now).toISOString()}::timestamptz
        where project_id = ${s.project_id}::uuid and id = ${s.id}::uuid and next_run_at = ${scheduled.toISOString()}::timestamptz`,
    );
  }
  return queued;
}
