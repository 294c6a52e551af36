import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./client";
import { dashboards, digestDeliveries, digestRecipients, digestSchedules, funnels, memberships, users } from "./schema";
import type { ProjectScope } from "./tenant";
import { createShareLink, revokeShareLink } from "./share";
import { createDashboardShare, revokeDashboardShare } from "./dashboards-share";
import { getDashboardRow } from "./dashboards";
import { AccessError, InputError, notFound } from "../lib/errors";
import { encryptSecret } from "../lib/keys";
import { LOCALES, isLocale, type Locale } from "../lib/i18n/locales";
import { DIGEST_FREQUENCIES, DIGEST_REPORTS, type DigestFrequency } from "../lib/digests/types";
import { nextDigestRun } from "../lib/digests/schedule";
import { hasUnstorableText } from "../lib/text/safe";

/**
 * Scheduled digests: a report (a saved funnel, the conversions overview or a dashboard) e-mailed daily, weekly
 * on a weekday or monthly on the 1st, at a local hour of the project, to members (in their account's
 * language) and outside addresses (in a chosen language). Each schedule owns a share link: the
 * mail's "open the live report" (a dashboard's: a dashboard share link). A paused schedule sends
 * nothing until it is resumed. Sending: db/digests-due.ts queues each period once,
 * server/digest/job.ts sends it through db/digests-send.ts. Admins manage schedules.
 */

/** Error messages are codes; the settings form words them (digests.errors.*). */
export const digestInputSchema = z
  .strictObject({
    report: z.enum(DIGEST_REPORTS, "report"),
    funnelId: z.uuid("funnel").optional(),
    dashboardId: z.uuid("dashboard").optional(),
    label: z.string().trim().max(100, "label_long").optional(),
    frequency: z.enum(DIGEST_FREQUENCIES, "frequency"),
    weekday: z.number().int().min(1, "weekday").max(7, "weekday").optional(),
    hour: z.number("hour").int("hour").min(0, "hour").max(23, "hour"),
    members: z.array(z.uuid("members")).max(50, "too_many").default([]),
    outside: z
      .array(z.strictObject({ email: z.email("email").max(254, "email"), locale: z.enum(LOCALES, "locale") }))
      .max(50, "too_many")
      .default([]),
  })
  .refine((v) => v.report !== "funnel" || v.funnelId, { message: "funnel", path: ["funnelId"] })
  .refine((v) => v.report !== "dashboard" || v.dashboardId, { message: "dashboard", path: ["dashboardId"] })
  .refine((v) => v.frequency !== "weekly" || v.weekday, { message: "weekday", path: ["weekday"] })
  .refine((v) => v.members.length + v.outside.length > 0, { message: "recipients", path: ["recipients"] })
  .refine((v) => !hasUnstorableText({ label: v.label, outside: v.outside }), { message: "unsafe_text", path: ["label"] });
export type DigestInput = z.input<typeof digestInputSchema>;

/** Days the live link shows: the period the digest covers and some before it. */
const LINK_DAYS: Record<DigestFrequency, number> = { daily: 7, weekly: 28, monthly: 90 };

/** The team's members among these user ids, with their address and language. */
async function teamMembers(scope: ProjectScope, userIds: string[]) {
  if (!userIds.length) return [];
  return scope.db
    .select({ userId: users.id, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.teamId, scope.teamId), inArray(memberships.userId, userIds)));
}

/** Creates a schedule, its share link and its recipients; the first send is the next due time after `now`. Admins only. */
export async function createDigestSchedule(scope: ProjectScope, input: DigestInput, opts: { secret: string; now?: Date }) {
  scope.require("admin");
  const data = digestInputSchema.parse(input);
  const now = opts.now ?? new Date();
  if (data.report === "funnel") {
    const [f] = await scope.db
      .select({ id: funnels.id, name: funnels.name })
      .from(funnels)
      .where(and(eq(funnels.projectId, scope.projectId), eq(funnels.id, data.funnelId!)));
    if (!f) throw new InputError("funnel", "funnelId", 400);
  }
  const dashboard =
    data.report === "dashboard"
      ? await getDashboardRow(scope, data.dashboardId!).catch((err) =>
          Promise.reject(err instanceof AccessError ? new InputError("dashboard", "dashboardId", 400) : err),
        )
      : null;
  const members = await teamMembers(scope, [...new Set(data.members)]);
  if (members.length !== new Set(data.members).size) throw new InputError("members", "members", 400);
  const linkTerms = {
    label: `Digest${data.label ? `: ${data.label}` : ""}`.slice(0, 100),
    range: { kind: "rolling" as const, days: LINK_DAYS[data.frequency] },
  };
  // A dashboard's mail opens the dashboard's own kind of share link (/share/dashboard/<token>).
  const { link, token } = dashboard
    ? await createDashboardShare(scope, dashboard.id, linkTerms).then((l) => ({ link: { id: l.linkId }, token: l.token }))
    : await createShareLink(scope, {
        report: data.report as "funnel" | "conversions",
        funnelId: data.funnelId,
        ...linkTerms,
        compare: data.report === "funnel",
      });
  const timing = { frequency: data.frequency, weekday: data.frequency === "weekly" ? data.weekday! : null, hour: data.hour };
  // The link is live from here: if the schedule cannot be stored, no schedule would ever revoke it.
  try {
    return await storeSchedule(scope, data, { dashboard, link, token, timing, members, secret: opts.secret, now });
  } catch (err) {
    await (dashboard ? revokeDashboardShare : revokeShareLink)(scope, link.id).catch(() => {});
    throw err;
  }
}

/** The schedule's row and its recipients (createDigestSchedule made its share link). */
async function storeSchedule(
  scope: ProjectScope,
  data: z.infer<typeof digestInputSchema>,
  x: {
    dashboard: { id: string } | null;
    link: { id: string };
    token: string;
    timing: { frequency: DigestFrequency; weekday: number | null; hour: number };
    members: { email: string; userId: string; locale: string | null }[];
    secret: string;
    now: Date;
  },
) {
  const { dashboard, link, token, timing, members, now } = x;
  const [schedule] = await scope.db
    .insert(digestSchedules)
    .values({
      projectId: scope.projectId,
      report: data.report,
      funnelId: data.report === "funnel" ? data.funnelId! : null,
      dashboardId: dashboard?.id ?? null,
      label: data.label || null,
      ...timing,
      shareLinkId: link.id,
      shareTokenEnc: encryptSecret(token, x.secret),
      nextRunAt: nextDigestRun(timing, scope.project.timeZone, now),
      createdBy: scope.actor.kind === "member" && scope.actor.userId !== "operator" ? scope.actor.userId : null,
    })
    .returning();
  const rows = new Map<string, { email: string; userId: string | null; locale: Locale }>();
  for (const m of members)
    rows.set(m.email.toLowerCase(), { email: m.email.toLowerCase(), userId: m.userId, locale: isLocale(m.locale) ? m.locale : "en" });
  for (const o of data.outside)
    if (!rows.has(o.email.toLowerCase())) rows.set(o.email.toLowerCase(), { email: o.email.toLowerCase(), userId: null, locale: o.locale });
  await scope.db
    .insert(digestRecipients)
    .values([...rows.values()].map((r) => ({ projectId: scope.projectId, scheduleId: schedule.id, ...r })));
  return schedule;
}

/** The project's schedules with their recipients and the last 30 deliveries of each (the history). Admins only. */
export async function listDigestSchedules(scope: ProjectScope) {
  scope.require("admin");
  const schedules = await scope.db
    .select({ schedule: digestSchedules, funnelName: funnels.name, dashboardName: dashboards.name })
    .from(digestSchedules)
    .leftJoin(funnels, and(eq(funnels.projectId, digestSchedules.projectId), eq(funnels.id, digestSchedules.funnelId)))
    .leftJoin(dashboards, and(eq(dashboards.projectId, digestSchedules.projectId), eq(dashboards.id, digestSchedules.dashboardId)))
    .where(eq(digestSchedules.projectId, scope.projectId))
    .orderBy(desc(digestSchedules.createdAt));
  const recipients = await scope.db.select().from(digestRecipients).where(eq(digestRecipients.projectId, scope.projectId));
  const deliveries = await scope.db
    .select()
    .from(digestDeliveries)
    .where(eq(digestDeliveries.projectId, scope.projectId))
    .orderBy(desc(digestDeliveries.startedAt))
    .limit(500);
  return schedules.map(({ schedule: { shareTokenEnc: _secret, ...s }, funnelName, dashboardName }) => ({
    ...s,
    funnelName,
    dashboardName,
    recipients: recipients
      .filter((r) => r.scheduleId === s.id)
      .map((r) => ({ id: r.id, email: r.email, member: Boolean(r.userId), locale: r.locale, unsubscribedAt: r.unsubscribedAt })),
    history: deliveries.filter((d) => d.scheduleId === s.id).slice(0, 30),
  }));
}

/** Deletes a schedule (its recipients and history with it) and revokes its share link. Admins only; another project's is 404. */
export async function deleteDigestSchedule(scope: ProjectScope, scheduleId: string) {
  scope.require("admin");
  const [gone] = await scope.db
    .delete(digestSchedules)
    .where(and(eq(digestSchedules.projectId, scope.projectId), eq(digestSchedules.id, scheduleId)))
    .returning({ shareLinkId: digestSchedules.shareLinkId, report: digestSchedules.report });
  if (!gone) throw notFound("Schedule not found");
  const revoke = gone.report === "dashboard" ? revokeDashboardShare : revokeShareLink;
  if (gone.shareLinkId) await revoke(scope, gone.shareLinkId).catch(() => {});
}

/**
 * Pauses a schedule (nothing is sent until it is resumed) or resumes it: from the next due time
 * after `now`, so the periods it missed while paused are not sent late. Admins only; another
 * project's is 404. Answers the next send time (null while paused).
 */
export async function setDigestPaused(scope: ProjectScope, scheduleId: string, paused: boolean, now = new Date()) {
  scope.require("admin");
  const where = and(eq(digestSchedules.projectId, scope.projectId), eq(digestSchedules.id, scheduleId));
  const [s] = await scope.db
    .select({ frequency: digestSchedules.frequency, weekday: digestSchedules.weekday, hour: digestSchedules.hour })
    .from(digestSchedules)
    .where(where);
  if (!s) throw notFound("Schedule not found");
  if (paused) {
    await scope.db.update(digestSchedules).set({ paused }).where(where);
    return null;
  }
  // Resuming only what is paused, in one statement: a second click or a stale tab on an active
  // schedule must not move its due send past a period that is about to go out.
  const nextRunAt = nextDigestRun(s, scope.project.timeZone, now);
  const [resumed] = await scope.db
    .update(digestSchedules)
    .set({ paused: false, nextRunAt })
    .where(and(where, eq(digestSchedules.paused, true)))
    .returning({ nextRunAt: digestSchedules.nextRunAt });
  if (resumed) return resumed.nextRunAt;
  const [current] = await scope.db.select({ nextRunAt: digestSchedules.nextRunAt }).from(digestSchedules).where(where);
  return current?.nextRunAt ?? null;
}

/** A schedule of the project as the sender reads it (with the encrypted token), or null. */
export async function digestScheduleForSend(db: Db, projectId: string, scheduleId: string) {
  const [row] = await db
    .select()
    .from(digestSchedules)
    .where(and(eq(digestSchedules.projectId, projectId), eq(digestSchedules.id, scheduleId)));
  return row ?? null;
}

/** Its recipients who still get it: outside addresses not unsubscribed, members still in the team (with their language now). */
export async function activeDigestRecipients(db: Db, projectId: string, teamId: string, scheduleId: string) {
  const rows = await db
    .select()
    .from(digestRecipients)
    .where(and(eq(digestRecipients.projectId, projectId), eq(digestRecipients.scheduleId, scheduleId)));
  const memberIds = rows.filter((r) => r.userId).map((r) => r.userId!);
  const current = memberIds.length
    ? await db
        .select({ userId: users.id, email: users.email, locale: users.locale })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.teamId, teamId), inArray(memberships.userId, memberIds)))
    : [];
  const byUser = new Map(current.map((m) => [m.userId, m]));
  return rows.flatMap((r) => {
    if (r.unsubscribedAt) return [];
    if (!r.userId) return [{ id: r.id, email: r.email, locale: r.locale as Locale, member: false }];
    const m = byUser.get(r.userId);
    return m ? [{ id: r.id, email: m.email, locale: (isLocale(m.locale) ? m.locale : r.locale) as Locale, member: true }] : [];
  });
}
