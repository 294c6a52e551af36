import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./client";
import { alertEpisodes, alertRules, funnels, goals, memberships, users } from "./schema";
import type { ProjectScope } from "./tenant";
import { enqueueJob } from "./jobs";
import { InputError, notFound } from "../lib/errors";
import { ALERT_CONDITIONS, ALERT_TARGETS, type AlertReason } from "../lib/alerts/types";
import { hasUnstorableText } from "../lib/text/safe";

/**
 * Alert rules on a goal's or a funnel's conversion, checked hourly by the job queue
 * (server/jobs/alert-check.ts). A rule has episodes: one opens when it fires (at most one open per
 * rule, a unique key), its members are mailed once, and it resolves when the condition no longer
 * holds; then it can fire again. Admins manage rules; every member sees open alerts.
 */

/** Error messages are codes; the settings form words them (digests.alerts.errors.*). */
export const alertInputSchema = z
  .strictObject({
    name: z.string().trim().min(1, "name").max(100, "name"),
    target: z.enum(ALERT_TARGETS, "target"),
    goalKey: z.string().max(100, "goal").optional(),
    funnelId: z.uuid("funnel").optional(),
    condition: z.enum(ALERT_CONDITIONS, "condition"),
    /** "below": a percentage, 2 for 2 % */
    thresholdPercent: z.number("threshold").gt(0, "threshold").lt(100, "threshold").optional(),
    hours: z.number("hours").int("hours").min(1, "hours").max(168, "hours").optional(),
    recipients: z.array(z.uuid("recipients")).min(1, "recipients").max(50, "recipients"),
  })
  .refine((v) => v.condition === "no_events" || v.target !== "goal" || v.goalKey, { message: "goal", path: ["goalKey"] })
  .refine((v) => v.condition === "no_events" || v.target !== "funnel" || v.funnelId, { message: "funnel", path: ["funnelId"] })
  .refine((v) => v.condition !== "below" || v.thresholdPercent !== undefined, { message: "threshold", path: ["thresholdPercent"] })
  .refine((v) => v.condition !== "no_events" || v.hours !== undefined, { message: "hours", path: ["hours"] })
  .refine((v) => !hasUnstorableText({ name: v.name, goalKey: v.goalKey }), { message: "unsafe_text", path: ["name"] });
export type AlertInput = z.input<typeof alertInputSchema>;

export type AlertRuleRow = typeof alertRules.$inferSelect;

/** Creates a rule, checked first at `now`. Admins only; goal, funnel and members must be the project's team's. */
export async function createAlertRule(scope: ProjectScope, input: AlertInput, now = new Date()): Promise<AlertRuleRow> {
  scope.require("admin");
  const data = alertInputSchema.parse(input);
  const onData = data.condition !== "no_events";
  if (onData && data.target === "goal") {
    const [g] = await scope.db
      .select({ key: goals.key })
      .from(goals)
      .where(and(eq(goals.projectId, scope.projectId), eq(goals.key, data.goalKey!)));
    if (!g) throw new InputError("goal", "goalKey", 400);
  }
  if (onData && data.target === "funnel") {
    const [f] = await scope.db
      .select({ id: funnels.id })
      .from(funnels)
      .where(and(eq(funnels.projectId, scope.projectId), eq(funnels.id, data.funnelId!)));
    if (!f) throw new InputError("funnel", "funnelId", 400);
  }
  const ids = [...new Set(data.recipients)];
  const found = await scope.db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.teamId, scope.teamId), inArray(memberships.userId, ids)));
  if (found.length !== ids.length) throw new InputError("recipients", "recipients", 400);
  const [rule] = await scope.db
    .insert(alertRules)
    .values({
      projectId: scope.projectId,
      name: data.name,
      target: data.target,
      goalKey: onData && data.target === "goal" ? data.goalKey! : null,
      funnelId: onData && data.target === "funnel" ? data.funnelId! : null,
      condition: data.condition,
      threshold: data.condition === "below" ? data.thresholdPercent! / 100 : null,
      hours: data.condition === "no_events" ? data.hours! : null,
      recipients: ids,
      nextCheckAt: now,
    })
    .returning();
  return rule;
}

/** The project's rules, each with its last 10 episodes (newest first). Admins only. */
export async function listAlertRules(scope: ProjectScope) {
  scope.require("admin");
  const rules = await scope.db
    .select()
    .from(alertRules)
    .where(eq(alertRules.projectId, scope.projectId))
    .orderBy(desc(alertRules.createdAt));
  const episodes = await scope.db
    .select()
    .from(alertEpisodes)
    .where(eq(alertEpisodes.projectId, scope.projectId))
    .orderBy(desc(alertEpisodes.openedAt))
    .limit(300);
  return rules.map((r) => ({ ...r, episodes: episodes.filter((e) => e.ruleId === r.id).slice(0, 10) }));
}

/** Deletes a rule and its episodes. Admins only; another project's is 404. */
export async function deleteAlertRule(scope: ProjectScope, ruleId: string): Promise<void> {
  scope.require("admin");
  const gone = await scope.db
    .delete(alertRules)
    .where(and(eq(alertRules.projectId, scope.projectId), eq(alertRules.id, ruleId)))
    .returning({ id: alertRules.id });
  if (!gone.length) throw notFound("Alert not found");
}

export type OpenAlert = { ruleId: string; name: string; openedAt: Date; reason: AlertReason };

/** The project's alerts that fired and have not resolved (the project page shows them to every member). */
export async function openAlerts(scope: ProjectScope): Promise<OpenAlert[]> {
  const rows = await scope.db
    .select({ ruleId: alertRules.id, name: alertRules.name, openedAt: alertEpisodes.openedAt, reason: alertEpisodes.reason })
    .from(alertEpisodes)
    .innerJoin(alertRules, and(eq(alertRules.projectId, alertEpisodes.projectId), eq(alertRules.id, alertEpisodes.ruleId)))
    .where(and(eq(alertEpisodes.projectId, scope.projectId), isNull(alertEpisodes.resolvedAt)))
    .orderBy(desc(alertEpisodes.openedAt));
  return rows;
}

/** A rule as the checker reads it, or null when deleted. */
export async function alertRuleForCheck(db: Db, projectId: string, ruleId: string): Promise<AlertRuleRow | null> {
  const [row] = await db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.projectId, projectId), eq(alertRules.id, ruleId)));
  return row ?? null;
}

/** Opens an episode unless one is open (the unique key decides between racing checkers); true when this call opened it. */
export async function openEpisode(db: Db, rule: AlertRuleRow, reason: AlertReason, now: Date): Promise<boolean> {
  const rows = await db
    .insert(alertEpisodes)
    .values({ projectId: rule.projectId, ruleId: rule.id, openedAt: now, reason })
    .onConflictDoNothing()
    .returning({ id: alertEpisodes.id });
  return rows.length > 0;
}

/** Resolves the rule's open episode, if any. */
export async function resolveEpisode(db: Db, rule: AlertRuleRow, now: Date): Promise<void> {
  await db
    .update(alertEpisodes)
    .set({ resolvedAt: now })
    .where(and(eq(alertEpisodes.projectId, rule.projectId), eq(alertEpisodes.ruleId, rule.id), isNull(alertEpisodes.resolvedAt)));
}

/**
 * Claims the open episode's notification (at most once: the claim is recorded before mailing);
 * returns the episode when this caller must mail it. `release` gives it back after a failed send.
 */
export async function claimEpisodeNotice(db: Db, rule: AlertRuleRow, now: Date) {
  const [row] = await db
    .update(alertEpisodes)
    .set({ notifiedAt: now, notifyError: null })
    .where(
      and(
        eq(alertEpisodes.projectId, rule.projectId),
        eq(alertEpisodes.ruleId, rule.id),
        isNull(alertEpisodes.resolvedAt),
        isNull(alertEpisodes.notifiedAt),
      ),
    )
    .returning();
  return row ?? null;
}

export async function releaseEpisodeNotice(db: Db, projectId: string, episodeId: number, error: string): Promise<void> {
  await db
    .update(alertEpisodes)
    .set({ notifiedAt: null, notifyError: error.slice(0, 300) })
    .where(and(eq(alertEpisodes.projectId, projectId), eq(alertEpisodes.id, episodeId)));
}

/** The members a rule mails who are still in the team, with address, name and language. */
export async function alertRecipients(db: Db, rule: AlertRuleRow, teamId: string) {
  if (!rule.recipients.length) return [];
  return db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.teamId, teamId), inArray(memberships.userId, rule.recipients)));
}

/** Queues the hourly check of each due rule (as db/digests-due.ts does for digests). */
export async function enqueueDueAlertChecks(db: Db, now: Date): Promise<number> {
  const due = await db
    .select({ projectId: alertRules.projectId, id: alertRules.id, nextCheckAt: alertRules.nextCheckAt })
    .from(alertRules)
    .where(and(eq(alertRules.enabled, true), sql`${alertRules.nextCheckAt} <= ${now.toISOString()}::timestamptz`))
    .limit(500);
  let queued = 0;
  for (const r of due) {
    const key = `alert:${r.id}:${r.nextCheckAt.toISOString()}`;
    if (await enqueueJob(db, { projectId: r.projectId, kind: "alert_check", key, payload: { ruleId: r.id }, runAt: now, maxAttempts: 3 }))
      queued++;
    await db
      .update(alertRules)
      .set({ nextCheckAt: new Date(now.getTime() + 3600_000) })
      .where(and(eq(alertRules.projectId, r.projectId), eq(alertRules.id, r.id), eq(alertRules.nextCheckAt, r.nextCheckAt)));
  }
  return queued;
}
