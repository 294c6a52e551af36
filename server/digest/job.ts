import crypto from "node:crypto";
import type { Job } from "../../db/jobs";
import { activeDigestRecipients, digestScheduleForSend } from "../../db/digests";
import { claimDelivery, finishDelivery, markUncertainDeliveries } from "../../db/digests-send";
import { operatorProjectScope, type ProjectScope } from "../../db/tenant";
import { teams } from "../../db/schema";
import { eq } from "drizzle-orm";
import { decryptSecret } from "../../lib/keys";
import { AccessError } from "../../lib/errors";
import { digestPeriod } from "../../lib/digests/schedule";
import { unsubscribeToken } from "../../lib/digests/unsubscribe-token";
import type { Locale } from "../../lib/i18n/locales";
import type { MailSettings } from "../mail/send";
import type { JobContext } from "../jobs/runner";
import { reportData } from "./data";
import { digestMail, reportCharts } from "./mail";
import type { DigestMail, DigestMailInput } from "./mail-parts";
import { dashboardData } from "./dashboard-data";
import { dashboardCharts, dashboardMail } from "./dashboard-mail";
import { digestTransport } from "./send";

export type DigestDeps = {
  /** null: no SMTP_URL, every send fails with that reason (and is retried, so setting it later helps) */
  mail: MailSettings | null;
  /** the public origin for links (APP_URL, else the server's own address) */
  appUrl: string;
  secret: string;
  /** how long a job may run before another worker may take it (jobs' lease): older `sending` rows are uncertain */
  leaseMs: number;
};

/**
 * Sends one period of one schedule: the report read once, rendered once per language, then one
 * mail per active recipient, each through its delivery row (db/digests-send.ts) so a retry sends
 * only what failed and never what was sent. Throws when any send failed: the job is retried later.
 */
export async function runDigestJob(job: Job, ctx: JobContext, deps: DigestDeps): Promise<void> {
  const scheduleId = String(job.payload.scheduleId);
  const runAt = new Date(String(job.payload.runAt));
  const schedule = await digestScheduleForSend(ctx.db, job.projectId, scheduleId);
  // Deleted or paused since it was queued (or since a send that is retried): nothing to send.
  if (!schedule || schedule.paused) return;
  const scope = await operatorProjectScope(ctx.db, job.projectId);
  const tz = scope.project.timeZone;
  const period = digestPeriod(schedule.frequency, tz, runAt);
  await markUncertainDeliveries(ctx.db, job.projectId, scheduleId, period.key, new Date(ctx.now().getTime() - deps.leaseMs));
  const recipients = await activeDigestRecipients(ctx.db, job.projectId, scope.teamId, scheduleId);
  if (!recipients.length) return;

  // The report read once; each language renders (and draws its charts) once, not per recipient.
  const render = await renderer(scope, schedule, period, ctx.now()).catch((err) =>
    // A dashboard deleted between queueing and sending: nothing to send (its schedules go with it).
    schedule.report === "dashboard" && err instanceof AccessError && err.status === 404 ? null : Promise.reject(err),
  );
  if (!render) return;
  const [team] = await ctx.db.select({ name: teams.name }).from(teams).where(eq(teams.id, scope.teamId));
  const token = schedule.shareTokenEnc ? decryptSecret(schedule.shareTokenEnc, deps.secret) : null;
  const base = deps.appUrl.replace(/\/$/, "");
  const shared = schedule.report === "dashboard" ? "share/dashboard" : "share";
  const liveLink = token ? `${base}/${shared}/${token}` : `${base}/projects/${job.projectId}`;
  const rendered = new Map<string, DigestMail>();
  const transport = deps.mail ? digestTransport(deps.mail) : null;
  const failures: string[] = [];
  try {
    for (const r of recipients) {
      const key = { projectId: job.projectId, scheduleId, periodKey: period.key, email: r.email };
      const messageId = `<digest.${scheduleId}.${period.key.replace(/[^0-9a-z-]/gi, "")}.${hash(r.email)}@trechter>`;
      if (!(await claimDelivery(ctx.db, { ...key, messageId, now: ctx.now() }))) continue;
      if (!transport) {
        await finishDelivery(ctx.db, key, { sent: false, error: "no mail server is set (SMTP_URL)" });
        failures.push(r.email);
        continue;
      }
      const unsub = r.member ? null : `${base}/unsubscribe/${unsubscribeToken(job.projectId, r.id, deps.secret)}`;
      const locale: Locale = r.locale;
      const renderKey = `${locale}:${unsub ? "outside" : "member"}`;
      let mail = rendered.get(renderKey);
      if (!mail || unsub) {
        mail = render({ locale, frequency: schedule.frequency, teamName: team?.name ?? "", liveLink, unsubscribeLink: unsub });
        if (!unsub) rendered.set(renderKey, mail);
      }
      const outcome = await transport.send({
        ...mail,
        to: r.email,
        messageId,
        listUnsubscribe: unsub ? `${base}/api/unsubscribe/${unsub.split("/").pop()}` : null,
      });
      await finishDelivery(ctx.db, key, outcome.sent ? { sent: true, at: ctx.now() } : outcome);
      if (!outcome.sent) failures.push(`${r.email}: ${outcome.error}`);
    }
  } finally {
    transport?.close();
  }
  if (failures.length) throw new Error(`not sent to ${failures.length} of ${recipients.length}: ${failures[0]}`);
}

const hash = (s: string) => crypto.createHash("sha256").update(s).digest("hex").slice(0, 16);

/**
 * The schedule's report (a funnel, the conversions overview or a dashboard) read once, and a function
 * that renders its mail for one reader, drawing each language's charts once (about 0.1 s each on 2 cores).
 */
async function renderer(
  scope: ProjectScope,
  schedule: NonNullable<Awaited<ReturnType<typeof digestScheduleForSend>>>,
  period: { from: Date; to: Date },
  now: Date,
): Promise<(input: DigestMailInput) => DigestMail> {
  if (schedule.report === "dashboard") {
    const data = await dashboardData(scope, schedule.dashboardId ?? "", period, schedule.filters, now);
    const charts = new Map<Locale, ReturnType<typeof dashboardCharts>>();
    return (input) => {
      if (!charts.has(input.locale)) charts.set(input.locale, dashboardCharts(data, input.locale));
      return dashboardMail(data, input, charts.get(input.locale));
    };
  }
  const data = await reportData(scope, { report: schedule.report, funnelId: schedule.funnelId, filters: schedule.filters }, period, now);
  const charts = new Map<Locale, ReturnType<typeof reportCharts>>();
  return (input) => {
    if (!charts.has(input.locale)) charts.set(input.locale, reportCharts(data, input.locale));
    return digestMail(data, input, charts.get(input.locale));
  };
}
