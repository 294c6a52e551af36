import { and, eq, desc } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./client";
import { shareLinks, shareLinkTokens, projects, funnels, SHARE_REPORTS } from "./schema";
import { shareProjectScope, type ProjectScope } from "./tenant";
import { notFound } from "../lib/errors";
import { randomToken, hashToken } from "../lib/keys";
import { hashPassword, verifyPassword } from "../lib/auth/password";
import { hitRateLimit, clearRateLimit } from "./rate-limit";
import { sharePasswordOk } from "../lib/share-cookie";
import { shareFiltersProblem, shareRangeProblem, SHARE_MAX_DAYS } from "../lib/share-query";
import { isRealDay, lastDays, localIsoDay, zonedMidnight } from "../lib/funnel/ranges";
import { SEGMENT_FIELDS } from "../lib/funnel/types";
import { splitFilterValues } from "../lib/share-form";
import { hasUnstorableText } from "../lib/text/safe";

export const shareInputSchema = z
  .strictObject({
    report: z.enum(SHARE_REPORTS, "Choose the funnel or the conversions report."),
    funnelId: z.uuid("Choose a funnel.").optional(),
    label: z.string().trim().max(100, "Keep the label under 100 characters.").optional(),
    range: z.discriminatedUnion("kind", [
      z.strictObject({
        kind: z.literal("rolling"),
        days: z.number().int().min(1, "At least 1 day.").max(SHARE_MAX_DAYS, `At most ${SHARE_MAX_DAYS} days.`),
      }),
      // Whole local days of the project, the last one included (the dashboard's custom range).
      z.strictObject({ kind: z.literal("fixed"), from: plainDay("Enter a start date."), to: plainDay("Enter an end date.") }),
    ]),
    // The caps of URL parameters, built-in fields only (lib/share-query shareFiltersProblem), as one error on `filters`.
    filters: z
      .record(z.string(), z.array(z.string()))
      // `source=a,b` on screen is two sources, as the report's API reads it: never one value "a,b".
      .transform(splitFilterValues)
      .superRefine((f, ctx) => {
        const problem = shareFiltersProblem(f);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .default({}),
    breakdown: z.enum(SEGMENT_FIELDS, "Break down by a built-in field.").optional(),
    compare: z.boolean().optional(),
    password: z.string().min(6, "Use at least 6 characters for the password.").max(200).optional(),
    expiresAt: z.coerce.date("Enter a valid expiry date.").optional(),
  })
  .refine((v) => v.report !== "funnel" || v.funnelId, { message: "Choose a funnel.", path: ["funnelId"] })
  // A fixed range: years 2000 to 2100 (PostgreSQL refuses some JS dates), at most as long as a rolling one.
  .superRefine((v, ctx) => {
    const problem = v.range.kind === "fixed" ? shareRangeProblem(...utcDays(v.range.from, v.range.to)) : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["range"] });
  })
  .refine((v) => !v.expiresAt || v.expiresAt > new Date(), { message: "The expiry date must be in the future.", path: ["expiresAt"] })
  .refine((v) => !hasUnstorableText({ label: v.label, filters: v.filters, password: v.password }), { message: "unsafe_text" });
export type ShareInput = z.input<typeof shareInputSchema>;

function plainDay(message: string) {
  return z
    .string(message)
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((v) => {
      const [y, m, d] = v.split("-").map(Number);
      return isRealDay(y, m, d);
    }, message);
}

/** [from, to + 1 day) of two plain days, at UTC midnight: for checking the length before the project's time zone is known. */
function utcDays(from: string, to: string): [Date, Date] {
  return [new Date(`${from}T00:00:00Z`), new Date(new Date(`${to}T00:00:00Z`).getTime() + 86400_000)];
}

/** [from, to) of a fixed range of plain days in the project's time zone: from the first day's midnight to the one after the last day. */
export function fixedShareRange(from: string, to: string, timeZone: string): { from: Date; to: Date } {
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  return { from: zonedMidnight(fy, fm, fd, timeZone), to: zonedMidnight(ty, tm, td + 1, timeZone) };
}

export type ShareLinkRow = typeof shareLinks.$inferSelect;

/** Creates a share link for one report; returns the token once (256 bits; only its hash is kept). Admins only. */
export async function createShareLink(scope: ProjectScope, input: ShareInput) {
  scope.require("admin");
  const data = shareInputSchema.parse(input);
  if (data.funnelId) {
    const [f] = await scope.db
      .select({ id: funnels.id })
      .from(funnels)
      .where(and(eq(funnels.projectId, scope.projectId), eq(funnels.id, data.funnelId)));
    if (!f) throw notFound("Funnel not found");
  }
  const fixed = data.range.kind === "fixed" ? fixedShareRange(data.range.from, data.range.to, scope.project.timeZone) : null;
  const token = randomToken(32);
  const tokenHash = hashToken(token);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  // The link on its project's shard and its token in the reference lookup (schema/reports.ts), together.
  const link = await scope.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(shareLinks)
      .values({
        projectId: scope.projectId,
        tokenHash,
        report: data.report,
        funnelId: data.report === "funnel" ? data.funnelId! : null,
        label: data.label || null,
        rollingDays: data.range.kind === "rolling" ? data.range.days : null,
        fixedFrom: fixed?.from ?? null,
        fixedTo: fixed?.to ?? null,
        filters: data.filters,
        // The report offers a breakdown and the comparison only for funnels (the overview has its own tables).
        breakdown: data.report === "funnel" ? (data.breakdown ?? null) : null,
        compare: data.compare ?? false,
        passwordHash,
        expiresAt: data.expiresAt ?? null,
        createdBy: scope.actor.kind === "member" && scope.actor.userId !== "operator" ? scope.actor.userId : null,
      })
      .returning();
    await tx.insert(shareLinkTokens).values({ tokenHash, projectId: row.projectId, linkId: row.id });
    return row;
  });
  return { link, token };
}

/** The project's share links, newest first (without any secret). Admins only. */
export async function listShareLinks(scope: ProjectScope) {
  scope.require("admin");
  const rows = await scope.db
    .select()
    .from(shareLinks)
    .where(eq(shareLinks.projectId, scope.projectId))
    .orderBy(desc(shareLinks.createdAt));
  const tz = scope.project.timeZone;
  return rows.map(({ tokenHash: _t, passwordHash, ...rest }) => ({
    ...rest,
    hasPassword: Boolean(passwordHash),
    // A fixed period as the project's calendar days, the last one included (as the form took them).
    fixedDays:
      rest.fixedFrom && rest.fixedTo
        ? { from: localIsoDay(rest.fixedFrom, tz), to: localIsoDay(new Date(rest.fixedTo.getTime() - 1), tz) }
        : null,
  }));
}

/** Revokes a link at once. Admins only; another project's link is 404. */
export async function revokeShareLink(scope: ProjectScope, linkId: string) {
  scope.require("admin");
  const done = await scope.db
    .update(shareLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(shareLinks.projectId, scope.projectId), eq(shareLinks.id, linkId)))
    .returning({ id: shareLinks.id });
  if (!done.length) throw notFound("Share link not found");
}

export type OpenedShare =
  | { state: "unknown" | "revoked" | "expired" }
  | { state: "password"; link: ShareLinkRow }
  | { state: "ok"; link: ShareLinkRow; scope: ProjectScope; projectName: string };

/** Password attempts per link and client address per 15 minutes. */
export const SHARE_PASSWORD_LIMIT = { attempts: 10, windowSeconds: 15 * 60 };

/**
 * Opens a share link by its token: checked against the database on every request, so revocation
 * and expiry take effect at once. A password-protected link opens only with `passwordOk`.
 */
export async function openShareLink(db: Db, token: string, opts: { passwordOk?: boolean; touch?: boolean } = {}): Promise<OpenedShare> {
  if (!token || token.length > 200) return { state: "unknown" };
  const tokenHash = hashToken(token);
  // Two index probes: the token's project from the reference lookup, then the link on that
  // project's shard (one statement by the token alone would ask every shard on Citus).
  const [owner] = await db
    .select({ projectId: shareLinkTokens.projectId, linkId: shareLinkTokens.linkId })
    .from(shareLinkTokens)
    .where(eq(shareLinkTokens.tokenHash, tokenHash));
  if (!owner) return { state: "unknown" };
  const [row] = await db
    .select({ link: shareLinks, project: projects })
    .from(shareLinks)
    .innerJoin(projects, eq(projects.id, shareLinks.projectId))
    .where(and(eq(shareLinks.projectId, owner.projectId), eq(shareLinks.id, owner.linkId), eq(shareLinks.tokenHash, tokenHash)));
  if (!row) return { state: "unknown" };
  const { link, project } = row;
  if (link.revokedAt) return { state: "revoked" };
  if (link.expiresAt && link.expiresAt <= new Date()) return { state: "expired" };
  if (link.passwordHash && !opts.passwordOk) return { state: "password", link };
  if (opts.touch !== false) {
    await db
      .update(shareLinks)
      .set({ lastOpenedAt: new Date() })
      .where(and(eq(shareLinks.projectId, link.projectId), eq(shareLinks.id, link.id)));
  }
  return { state: "ok", link, scope: shareProjectScope(db, project, link.id), projectName: project.name };
}

/**
 * Checks a link's password, rate-limited per link and client address before it is checked: a
 * report's link (`share`) or a dashboard's (`dashboard-share`), counted apart.
 */
export async function checkSharePassword(
  db: Db,
  link: { id: string; passwordHash: string | null },
  password: string,
  clientAddress: string,
  kind: "share" | "dashboard-share" = "share",
): Promise<"ok" | "wrong" | "limited"> {
  if (!link.passwordHash) return "ok";
  const key = `${kind}:${link.id}:${clientAddress}`;
  const { attempts, windowSeconds } = SHARE_PASSWORD_LIMIT;
  const state = await hitRateLimit(db, key, attempts, windowSeconds);
  if (state.limited) return "limited";
  if (await verifyPassword(link.passwordHash, password)) {
    await clearRateLimit(db, key);
    return "ok";
  }
  return "wrong";
}

/** The date range a report's or a dashboard's link allows: its fixed range, or the last N whole days (today included) in the project's time zone, as the dashboard's presets count them. */
export function shareRange(
  link: { fixedFrom: Date | null; fixedTo: Date | null; rollingDays: number | null },
  timeZone: string,
  now = new Date(),
): { from: Date; to: Date } {
  if (link.fixedFrom && link.fixedTo) return { from: link.fixedFrom, to: link.fixedTo };
  return lastDays(link.rollingDays ?? 30, timeZone, now);
}

/**
 * Opens a share link for a request: a password-protected link opens only with the proof cookie its
 * unlock left (see lib/share-cookie). `touch` records the visit (the page does, its API calls not).
 */
export async function openShareForRequest(
  db: Db,
  token: string,
  proofCookie: (linkId: string) => string | undefined,
  touch = false,
): Promise<OpenedShare> {
  const probe = await openShareLink(db, token, { touch: false, passwordOk: true });
  const passwordOk =
    probe.state === "ok" && probe.link.passwordHash ? sharePasswordOk(proofCookie(probe.link.id), token, probe.link.passwordHash) : true;
  return openShareLink(db, token, { passwordOk, touch });
}
