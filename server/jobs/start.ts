import { getDb } from "../../db/client";
import { enqueueDueDigests } from "../../db/digests-due";
import { enqueueDueAlertChecks } from "../../db/alerts";
import { authSecret, config } from "../../lib/config";
import type { MailSettings } from "../mail/send";
import { selfHost } from "../listen";
import { runDigestJob, type DigestDeps } from "../digest/job";
import { runAlertCheck } from "./alert-check";
import { runDueJobs, workerName, type JobHandlers } from "./runner";

/**
 * SMTP settings, or null when this server sends no mail (as server/account.ts reads them: that module
 * is "server-only" and cannot load in the custom server that `npm start` runs outside Next's bundle).
 */
function mailSettings(): MailSettings | null {
  const { SMTP_URL, MAIL_FROM } = config();
  return SMTP_URL ? { smtpUrl: SMTP_URL, from: MAIL_FROM } : null;
}

/** How often this process looks for due schedules and jobs. Sends happen within this of their time. */
const TICK_MS = 30_000;
/** A job not finished within this is given to another process (it died); a digest to 100 recipients takes seconds. */
export const LEASE_MS = 10 * 60_000;

/** The handlers of every kind of job, with what they need from the configuration. */
export function jobHandlers(): JobHandlers {
  const cfg = config();
  const digest: DigestDeps = {
    mail: mailSettings(),
    appUrl: cfg.APP_URL ?? `http://${selfHost(cfg.HOST)}:${cfg.PORT}`,
    secret: authSecret(),
    leaseMs: LEASE_MS,
  };
  const alerts = { mail: digest.mail, appUrl: digest.appUrl };
  return { digest: (job, ctx) => runDigestJob(job, ctx, digest), alert_check: (job, ctx) => runAlertCheck(job, ctx, alerts) };
}

/**
 * Starts this process's scheduler and worker (server/serve.ts): every TICK_MS it queues what is
 * due (db/digests-due.ts) and runs due jobs (db/jobs.ts). Every process may run it: the database
 * hands each schedule's period and each job to one of them. Ticks never overlap in a process, and
 * the timers do not keep it alive.
 */
export function startJobs(): () => void {
  const worker = workerName();
  const handlers = jobHandlers();
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const db = await getDb();
      await enqueueDueDigests(db, new Date());
      await enqueueDueAlertChecks(db, new Date());
      const report = await runDueJobs(db, handlers, { worker, leaseMs: LEASE_MS });
      if (report.retried || report.failed)
        console.warn(`[trechter] jobs: ${report.retried} to retry later, ${report.failed} failed for good`);
    } catch (err) {
      console.error("[trechter] job tick failed (tried again at the next tick):", err);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 5_000);
  const every = setInterval(() => void tick(), TICK_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
