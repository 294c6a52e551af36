import crypto from "node:crypto";
import type { Db } from "../../db/client";
import { claimJob, completeJob, failAbandonedJobs, failJob, type Job, type JobKind } from "../../db/jobs";

export type JobContext = { db: Db; now: () => Date; worker: string };
export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;
export type JobHandlers = Partial<Record<JobKind, JobHandler>>;

/** A worker's name: host process and a random part, so two processes never share a lease. */
export function workerName(): string {
  return `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
}

export type RunReport = { done: number; retried: number; failed: number; lost: number };

/**
 * Runs due jobs one after another until none is due or `max` ran: claim (with a lease), run the
 * kind's handler, then mark it done or failed (retried later with backoff). A handler's error never
 * escapes; a job whose lease another worker took meanwhile is reported `lost` and left alone.
 */
export async function runDueJobs(
  db: Db,
  handlers: JobHandlers,
  opts: { worker: string; now?: () => Date; leaseMs?: number; max?: number },
): Promise<RunReport> {
  const now = opts.now ?? (() => new Date());
  const report: RunReport = { done: 0, retried: 0, failed: 0, lost: 0 };
  const kinds = Object.keys(handlers) as JobKind[];
  await failAbandonedJobs(db, now());
  for (let i = 0; i < (opts.max ?? 50); i++) {
    const job = await claimJob(db, { worker: opts.worker, now: now(), leaseMs: opts.leaseMs ?? 10 * 60_000, kinds });
    if (!job) break;
    try {
      await handlers[job.kind]!(job, { db, now, worker: opts.worker });
      if (await completeJob(db, job, opts.worker, now())) report.done++;
      else report.lost++;
    } catch (err) {
      const outcome = await failJob(db, job, opts.worker, err instanceof Error ? err.message : String(err), now());
      if (outcome === "retry") report.retried++;
      else if (outcome === "failed") report.failed++;
      else report.lost++;
    }
  }
  return report;
}
