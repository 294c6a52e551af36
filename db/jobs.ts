import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./client";
import type { JOB_KINDS, JOB_STATES } from "./schema/jobs";

/**
 * The durable job queue: a table, claimed with `for update skip locked` (README, "Jobs": why not
 * pg-boss). Guarantees, on PostgreSQL with any number of processes and on PGlite in one:
 * - a job key is queued once per project (unique (project_id, key)): enqueueing the same key again
 *   does nothing, so a scheduler that runs in every process queues a digest's period once;
 * - a due job is handed to one worker at a time: the claim locks its row and skips rows another
 *   worker holds, and sets a lease (`locked_until`); only the holder of the lease may finish it;
 * - a worker that dies mid-job loses its lease, and the job runs again after it (its handler must
 *   tolerate that: digests record each recipient's send, see db/digests-send.ts);
 * - a failed job runs again after a growing delay (1, 2, 4, 8, 16 minutes…), at most `max_attempts`
 *   times, then stays `failed` with its last error.
 * Every function takes `now` (tests move the clock); statements run under the connection's limit.
 */

export type JobKind = (typeof JOB_KINDS)[number];
export type JobState = (typeof JOB_STATES)[number];

export type Job = {
  projectId: string;
  id: number;
  kind: JobKind;
  key: string;
  payload: Record<string, unknown>;
  state: JobState;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lastError: string | null;
};

type JobRowRaw = {
  project_id: string;
  id: number | string;
  kind: JobKind;
  key: string;
  payload: Record<string, unknown> | string;
  state: JobState;
  run_at: Date | string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  last_error: string | null;
};

const toJob = (r: JobRowRaw): Job => ({
  projectId: r.project_id,
  id: Number(r.id),
  kind: r.kind,
  key: r.key,
  payload: typeof r.payload === "string" ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
  state: r.state,
  runAt: new Date(r.run_at),
  attempts: Number(r.attempts),
  maxAttempts: Number(r.max_attempts),
  lockedBy: r.locked_by,
  lastError: r.last_error,
});

/** The delay before attempt `attempt + 1` after `attempt` failures: 1 minute doubling, at most an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 3600_000);
}

/** Queues a job unless one with the same key exists for the project; true when this call queued it. */
export async function enqueueJob(
  db: Db,
  job: { projectId: string; kind: JobKind; key: string; payload?: Record<string, unknown>; runAt: Date; maxAttempts?: number },
): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`insert into jobs (project_id, kind, key, payload, run_at, max_attempts)
      values (${job.projectId}::uuid, ${job.kind}, ${job.key}, ${JSON.stringify(job.payload ?? {})}::jsonb, ${job.runAt.toISOString()}::timestamptz, ${job.maxAttempts ?? 6})
      on conflict (project_id, key) do nothing returning id`,
  );
  return rows.length > 0;
}

/**
 * Hands the oldest due job to this worker: a queued job whose time came, or a running one whose
 * lease ran out (its worker died). One statement: the row is locked, others skip it.
 */
export async function claimJob(
  db: Db,
  opts: { worker: string; now: Date; leaseMs: number; kinds?: readonly JobKind[] },
): Promise<Job | null> {
  const now = opts.now.toISOString();
  const until = new Date(opts.now.getTime() + opts.leaseMs).toISOString();
  const kinds = opts.kinds ?? null;
  const [row] = await queryRows<JobRowRaw>(
    db,
    sql`with next as (
        select project_id, id from jobs
        where run_at <= ${now}::timestamptz
          and (state = 'queued' or (state = 'running' and locked_until <= ${now}::timestamptz))
          and attempts < max_attempts
          ${
            kinds
              ? sql`and kind in (${sql.join(
                  kinds.map((k) => sql`${k}`),
                  sql`, `,
                )})`
              : sql``
          }
        order by run_at, id
        limit 1
        for update skip locked
      )
      update jobs j set state = 'running', attempts = j.attempts + 1, locked_by = ${opts.worker}, locked_until = ${until}::timestamptz
      from next where j.project_id = next.project_id and j.id = next.id
      returning j.*`,
  );
  return row ? toJob(row) : null;
}

/** Marks a job done; false when this worker no longer holds it (its lease ran out and another took it). */
export async function completeJob(db: Db, job: Job, worker: string, now: Date): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`update jobs set state = 'done', finished_at = ${now.toISOString()}::timestamptz, locked_by = null, locked_until = null, last_error = null
      where project_id = ${job.projectId}::uuid and id = ${job.id} and state = 'running' and locked_by = ${worker} returning id`,
  );
  return rows.length > 0;
}

/** Records a failure: queued again after retryDelayMs, or `failed` after its last attempt. */
export async function failJob(db: Db, job: Job, worker: string, error: string, now: Date): Promise<"retry" | "failed" | "lost"> {
  const last = job.attempts >= job.maxAttempts;
  const runAt = new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString();
  const rows = await queryRows(
    db,
    sql`update jobs set state = ${last ? "failed" : "queued"}, run_at = ${runAt}::timestamptz, last_error = ${error.slice(0, 500)},
        locked_by = null, locked_until = null, finished_at = ${last ? now.toISOString() : null}::timestamptz
      where project_id = ${job.projectId}::uuid and id = ${job.id} and state = 'running' and locked_by = ${worker} returning id`,
  );
  if (!rows.length) return "lost";
  return last ? "failed" : "retry";
}

/** Running jobs whose lease ran out on their last attempt (the worker died every time): failed, so they are seen. */
export async function failAbandonedJobs(db: Db, now: Date): Promise<number> {
  const rows = await queryRows(
    db,
    sql`update jobs set state = 'failed', last_error = coalesce(last_error, 'the worker stopped before finishing'), finished_at = ${now.toISOString()}::timestamptz,
        locked_by = null, locked_until = null
      where state = 'running' and locked_until <= ${now.toISOString()}::timestamptz and attempts >= max_attempts returning id`,
  );
  return rows.length;
}

/** A job by its key (tests, a schedule's history). */
export async function jobByKey(db: Db, projectId: string, key: string): Promise<Job | null> {
  const [row] = await queryRows<JobRowRaw>(db, sql`select * from jobs where project_id = ${projectId}::uuid and key = ${key}`);
  return row ? toJob(row) : null;
}
