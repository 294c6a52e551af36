import type { Job } from "../../db/jobs";
import {
  alertRecipients,
  alertRuleForCheck,
  claimEpisodeNotice,
  openEpisode,
  releaseEpisodeNotice,
  resolveEpisode,
  type AlertRuleRow,
} from "../../db/alerts";
import { funnelDefinitionOf, getFunnel } from "../../db/funnels";
import { projectConversions } from "../../db/conversions";
import { funnelResults } from "../../db/queries/funnel/funnelResults";
import { lastEventReceived } from "../../db/projects";
import { operatorProjectScope, type ProjectScope } from "../../db/tenant";
import { localDay, zonedMidnight } from "../../lib/funnel/ranges";
import { dropsBelowInterval, fallsBelow, type Counts } from "../../lib/alerts/evaluate";
import type { AlertReason } from "../../lib/alerts/types";
import { isLocale } from "../../lib/i18n/locales";
import { sendMail, type MailSettings } from "../mail/send";
import type { JobContext } from "./runner";
import { alertMail } from "./alert-mail";

export type AlertDeps = { mail: MailSettings | null; appUrl: string };

/** The rule's goal or funnel: visitors and converted visitors in [from, to). */
async function counts(scope: ProjectScope, rule: AlertRuleRow, from: Date, to: Date, now: Date): Promise<Counts> {
  if (rule.target === "funnel") {
    const funnel = await getFunnel(scope, rule.funnelId ?? "");
    const r = await funnelResults(scope, { ...funnelDefinitionOf(funnel), from, to, saved: true, now });
    return { visitors: r.steps[0].visitors, converted: r.steps[r.steps.length - 1].visitors };
  }
  const o = await projectConversions(scope, { from, to, filters: {}, segments: [] });
  const goal = o.goals.find((g) => g.key === rule.goalKey);
  return { visitors: o.visitors, converted: goal?.converted ?? 0 };
}

/** Whether the rule's condition holds now, and why: over the last 7 whole local days (a drop: against the 28 before). */
async function evaluate(scope: ProjectScope, rule: AlertRuleRow, now: Date): Promise<AlertReason | null> {
  if (rule.condition === "no_events") {
    const hours = rule.hours ?? 6;
    const last = await lastEventReceived(scope);
    const lastAt = last?.receivedAt ?? null;
    const quiet = !lastAt || now.getTime() - lastAt.getTime() >= hours * 3600_000;
    return quiet ? { condition: "no_events", hours, lastEventAt: lastAt?.toISOString() ?? null } : null;
  }
  const tz = scope.project.timeZone;
  const d = localDay(now, tz);
  const to = zonedMidnight(d.y, d.m, d.d, tz);
  const from = zonedMidnight(d.y, d.m, d.d - 7, tz);
  const current = await counts(scope, rule, from, to, now);
  const rate = current.visitors ? current.converted / current.visitors : null;
  const base = { rate, visitors: current.visitors, converted: current.converted, from: from.toISOString(), to: to.toISOString() };
  if (rule.condition === "below") {
    const threshold = Number(rule.threshold);
    return fallsBelow(current, threshold) ? { condition: "below", threshold, ...base } : null;
  }
  const before = await counts(scope, rule, zonedMidnight(d.y, d.m, d.d - 35, tz), from, now);
  const drop = dropsBelowInterval(current, before);
  return drop?.fires ? { condition: "drop", baseline: drop.baseline, low: drop.low, ...base } : null;
}

/**
 * One check of one rule: opens an episode when the condition holds and none is open (mailing the
 * rule's members once), resolves the open one when it no longer holds. A failed mail is given back
 * and the job retried (backoff), so the members still hear of it; a sent one is never repeated.
 */
export async function runAlertCheck(job: Job, ctx: JobContext, deps: AlertDeps): Promise<void> {
  const rule = await alertRuleForCheck(ctx.db, job.projectId, String(job.payload.ruleId));
  if (!rule || !rule.enabled) return;
  const scope = await operatorProjectScope(ctx.db, job.projectId);
  const now = ctx.now();
  const reason = await evaluate(scope, rule, now);
  if (!reason) {
    await resolveEpisode(ctx.db, rule, now);
    return;
  }
  await openEpisode(ctx.db, rule, reason, now);
  const episode = await claimEpisodeNotice(ctx.db, rule, now);
  if (!episode) return;
  const link = `${deps.appUrl.replace(/\/$/, "")}/projects/${job.projectId}`;
  const target =
    rule.target === "funnel" && rule.funnelId
      ? ((await getFunnel(scope, rule.funnelId).catch(() => null))?.name ?? rule.name)
      : (rule.goalKey ?? rule.name);
  const errors: string[] = [];
  for (const r of await alertRecipients(ctx.db, rule, scope.teamId)) {
    if (!deps.mail) {
      errors.push("no mail server is set (SMTP_URL)");
      break;
    }
    const content = alertMail({
      locale: isLocale(r.locale) ? r.locale : "en",
      rule: rule.name,
      project: scope.project.name,
      target,
      reason: episode.reason,
      openedAt: episode.openedAt,
      timeZone: scope.project.timeZone,
      link,
    });
    const d = await sendMail(deps.mail, r.email, content);
    if (d.status === "failed") errors.push(`${r.email}: ${d.reason}`);
  }
  if (errors.length) {
    await releaseEpisodeNotice(ctx.db, job.projectId, episode.id, errors[0]);
    throw new Error(`alert mail not sent: ${errors[0]}`);
  }
}
