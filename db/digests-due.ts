import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./client";
import { enqueueJob } from "./jobs";
import { digestPeriod, nextDigestRun } from "../lib/digests/schedule";
import type { DigestFrequency } from "../lib/digests/types";

/**
 * Queues the digests whose time came, once each: in one transaction per schedule, the schedule's
 * row is locked (others skip it), a job keyed by schedule and period is queued (a key queued
 * before is not queued again), and the next send time is stored. Any number of processes may call
 * this at once. After downtime only the latest missed period is sent, not a burst of old ones.
 */
export async function enqueueDueDigests(db: Db, now: Date): Promise<number> {
  let queued = 0;
  for (let i = 0; i < 100; i++) {
    const done = await db.transaction(async (tx) => {
      const [due] = await queryRows<{
        project_id: string;
        id: string;
        frequency: DigestFrequency;
        weekday: number | null;
        hour: number;
        next_run_at: string | Date;
        time_zone: string;
      }>(
        tx as unknown as Db,
        sql`select s.project_id, s.id, s.frequency, s.weekday, s.hour, s.next_run_at, p.time_zone
          from digest_schedules s join projects p on p.id = s.project_id
          where s.next_run_at <= ${now.toISOString()}::timestamptz and not s.paused
          order by s.next_run_at limit 1 for update of s skip locked`,
      );
      if (!due) return false;
      const timing = { frequency: due.frequency, weekday: due.weekday, hour: Number(due.hour) };
      let runAt = new Date(due.next_run_at);
      for (let next = nextDigestRun(timing, due.time_zone, runAt); next <= now; next = nextDigestRun(timing, due.time_zone, runAt))
        runAt = next;
      const period = digestPeriod(due.frequency, due.time_zone, runAt);
      if (
        await enqueueJob(tx as unknown as Db, {
          projectId: due.project_id,
          kind: "digest",
          key: `digest:${due.id}:${period.key}`,
          payload: { scheduleId: due.id, runAt: runAt.toISOString() },
          runAt: now,
        })
      )
        queued++;
      await tx.execute(
        sql`update digest_schedules set next_run_at = ${nextDigestRun(timing, due.time_zone, now).toISOString()}::timestamptz
          where project_id = ${due.project_id}::uuid and id = ${due.id}::uuid`,
      );
      return true;
    });
    if (!done) break;
  }
  return queued;
}
