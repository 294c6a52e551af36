import { and, desc, eq, gt, isNotNull, isNull, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./client";
import { dashboardShareLinks, dashboards, projects, shareLinkTokens } from "./schema";
import { isUuid, shareProjectScope, type ProjectScope } from "./tenant";
import { getDashboardRow } from "./dashboards";
import { fixedShareRange, shareInputSchema } from "./share";
import { notFound } from "../lib/errors";
import { randomToken, hashToken } from "../lib/keys";
import { hashPassword } from "../lib/auth/password";
import { sharePasswordOk } from "../lib/share-cookie";
import { localIsoDay } from "../lib/funnel/ranges";
import { HEX_COLOUR, readableUnderWhite } from "../lib/dashboards/colour";
import { logoProblem } from "../lib/dashboards/logo";
import { LOGO_MAX_BYTES, LOGO_TYPES } from "../lib/dashboards/types";
import { hasUnstorableText } from "../lib/text/safe";

/**
 * A dashboard's share link: the terms of a report's link (db/share.ts: label, period, locked
 * filters, password, expiry), plus the client's colour and logo. The logo arrives as base64 (a
 * server action's argument); its bytes decide its type (lib/dashboards/logo.ts).
 */
export const dashboardShareInputSchema = z
  .strictObject({
    label: shareInputSchema.shape.label,
    range: shareInputSchema.shape.range,
    filters: shareInputSchema.shape.filters,
    password: shareInputSchema.shape.password,
    expiresAt: shareInputSchema.shape.expiresAt,
    colour: z
      .string()
      .regex(HEX_COLOUR, "Enter a colour as #rrggbb.")
      .refine(readableUnderWhite, "White text on this colour does not reach 4.5:1 (WCAG AA); choose a darker one.")
      .optional(),
    logo: z
      .strictObject({
        type: z.enum(LOGO_TYPES, "Upload a PNG, JPEG or WebP image."),
        // base64 of at most LOGO_MAX_BYTES bytes
        data: z.base64("Upload a PNG, JPEG or WebP image.").max(Math.ceil(LOGO_MAX_BYTES / 3) * 4, "The logo can be at most 200 KB."),
      })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.logo) {
      const problem = logoProblem(Buffer.from(v.logo.data, "base64"), v.logo.type);
      if (problem)
        ctx.addIssue({
          code: "custom",
          path: ["logo"],
          message: problem === "size" ? "The logo can be at most 200 KB." : "Upload a PNG, JPEG or WebP image.",
        });
    }
  })
  .refine((v) => !v.expiresAt || v.expiresAt > new Date(), { message: "The expiry date must be in the future.", path: ["expiresAt"] })
  .refine((v) => !hasUnstorableText({ label: v.label, password: v.password }), { message: "unsafe_text" });
export type DashboardShareInput = z.input<typeof dashboardShareInputSchema>;

export type DashboardShareRow = typeof dashboardShareLinks.$inferSelect;

/** Creates a share link for one dashboard; the token is returned once (only its hash is kept). Admins only. */
export async function createDashboardShare(scope: ProjectScope, dashboardId: string, input: DashboardShareInput) {
  scope.require("admin");
  const data = dashboardShareInputSchema.parse(input);
  const dashboard = await getDashboardRow(scope, dashboardId);
  const fixed = data.range.kind === "fixed" ? fixedShareRange(data.range.from, data.range.to, scope.project.timeZone) : null;
  const token = randomToken(32);
  const tokenHash = hashToken(token);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  // The token's hash also goes into share_link_tokens, where a visitor's token finds its project in
  // one step (db/share.ts); a report's page finds no report under it, so it opens nothing there.
  const link = await scope.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(dashboardShareLinks)
      .values({
        projectId: scope.projectId,
        dashboardId: dashboard.id,
        tokenHash,
        label: data.label || null,
        rollingDays: data.range.kind === "rolling" ? data.range.days : null,
        fixedFrom: fixed?.from ?? null,
        fixedTo: fixed?.to ?? null,
        filters: data.filters,
        passwordHash,
        expiresAt: data.expiresAt ?? null,
        colour: data.colour?.toLowerCase() ?? null,
        logo: data.logo ? new Uint8Array(Buffer.from(data.logo.data, "base64")) : null,
        logoType: data.logo?.type ?? null,
        createdBy: scope.actor.kind === "member" && scope.actor.userId !== "operator" ? scope.actor.userId : null,
      })
      .returning({ id: dashboardShareLinks.id });
    await tx.insert(shareLinkTokens).values({ tokenHash, projectId: scope.projectId, linkId: row.id });
    return row;
  });
  return { linkId: link.id, token };
}

/** A dashboard's share links, newest first, without any secret or the logo's bytes. Admins only. */
export async function listDashboardShares(scope: ProjectScope, dashboardId: string) {
  scope.require("admin");
  const dashboard = await getDashboardRow(scope, dashboardId);
  const rows = await scope.db
    .select({
      id: dashboardShareLinks.id,
      label: dashboardShareLinks.label,
      rollingDays: dashboardShareLinks.rollingDays,
      fixedFrom: dashboardShareLinks.fixedFrom,
      fixedTo: dashboardShareLinks.fixedTo,
      filters: dashboardShareLinks.filters,
      passwordHash: dashboardShareLinks.passwordHash,
      expiresAt: dashboardShareLinks.expiresAt,
      revokedAt: dashboardShareLinks.revokedAt,
      lastOpenedAt: dashboardShareLinks.lastOpenedAt,
      colour: dashboardShareLinks.colour,
      logoType: dashboardShareLinks.logoType,
      createdAt: dashboardShareLinks.createdAt,
    })
    .from(dashboardShareLinks)
    .where(and(eq(dashboardShareLinks.projectId, scope.projectId), eq(dashboardShareLinks.dashboardId, dashboard.id)))
    .orderBy(desc(dashboardShareLinks.createdAt));
  const tz = scope.project.timeZone;
  return rows.map(({ passwordHash, logoType, ...rest }) => ({
    ...rest,
    hasPassword: Boolean(passwordHash),
    hasLogo: Boolean(logoType),
    fixedDays:
      rest.fixedFrom && rest.fixedTo
        ? { from: localIsoDay(rest.fixedFrom, tz), to: localIsoDay(new Date(rest.fixedTo.getTime() - 1), tz) }
        : null,
  }));
}

/** Revokes a dashboard's share link at once. Admins only; another project's link is 404. */
export async function revokeDashboardShare(scope: ProjectScope, linkId: string): Promise<void> {
  scope.require("admin");
  if (!isUuid(linkId)) throw notFound("Share link not found");
  const done = await scope.db
    .update(dashboardShareLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(dashboardShareLinks.projectId, scope.projectId), eq(dashboardShareLinks.id, linkId)))
    .returning({ id: dashboardShareLinks.id });
  if (!done.length) throw notFound("Share link not found");
}

export type OpenedDashboardShare =
  | { state: "unknown" | "revoked" | "expired" }
  | { state: "password"; link: DashboardShareRow }
  | { state: "ok"; link: DashboardShareRow; scope: ProjectScope; projectName: string; dashboardName: string };

/**
 * Opens a dashboard's share link by its token, checked on every request (revocation and expiry act
 * at once). The scope it gives reads the link's project only, and the page reads only the link's
 * dashboard through it. `touch` records the visit (the page does; the logo's route not).
 */
export async function openDashboardShare(
  db: Db,
  token: string,
  opts: { proofCookie?: (linkId: string) => string | undefined; passwordOk?: boolean; touch?: boolean } = {},
): Promise<OpenedDashboardShare> {
  if (!token || token.length > 200) return { state: "unknown" };
  const tokenHash = hashToken(token);
  // As a report's link (db/share.ts): the token's project from the reference lookup, then the link on that project's shard.
  const [owner] = await db
    .select({ projectId: shareLinkTokens.projectId, linkId: shareLinkTokens.linkId })
    .from(shareLinkTokens)
    .where(eq(shareLinkTokens.tokenHash, tokenHash));
  if (!owner) return { state: "unknown" };
  const [row] = await db
    .select({ link: dashboardShareLinks, project: projects, dashboardName: dashboards.name })
    .from(dashboardShareLinks)
    .innerJoin(projects, eq(projects.id, dashboardShareLinks.projectId))
    .innerJoin(dashboards, and(eq(dashboards.projectId, dashboardShareLinks.projectId), eq(dashboards.id, dashboardShareLinks.dashboardId)))
    .where(
      and(
        eq(dashboardShareLinks.projectId, owner.projectId),
        eq(dashboardShareLinks.id, owner.linkId),
        eq(dashboardShareLinks.tokenHash, tokenHash),
      ),
    );
  if (!row) return { state: "unknown" };
  const { link, project } = row;
  if (link.revokedAt) return { state: "revoked" };
  if (link.expiresAt && link.expiresAt <= new Date()) return { state: "expired" };
  const passwordOk =
    !link.passwordHash || opts.passwordOk === true || sharePasswordOk(opts.proofCookie?.(link.id), token, link.passwordHash);
  if (!passwordOk) return { state: "password", link };
  if (opts.touch) {
    await db
      .update(dashboardShareLinks)
      .set({ lastOpenedAt: new Date() })
      .where(and(eq(dashboardShareLinks.projectId, link.projectId), eq(dashboardShareLinks.id, link.id)));
  }
  return { state: "ok", link, scope: shareProjectScope(db, project, link.id), projectName: project.name, dashboardName: row.dashboardName };
}

/**
 * The client logo a dashboard carries for its PDF: the one of its newest share link that is neither
 * revoked nor expired and has a logo, or null. Any member (or the project's read key).
 */
export async function dashboardLogo(scope: ProjectScope, dashboardId: string, now = new Date()) {
  const dashboard = await getDashboardRow(scope, dashboardId);
  const [row] = await scope.db
    .select({ logo: dashboardShareLinks.logo, type: dashboardShareLinks.logoType })
    .from(dashboardShareLinks)
    .where(
      and(
        eq(dashboardShareLinks.projectId, scope.projectId),
        eq(dashboardShareLinks.dashboardId, dashboard.id),
        isNull(dashboardShareLinks.revokedAt),
        isNotNull(dashboardShareLinks.logo),
        or(isNull(dashboardShareLinks.expiresAt), gt(dashboardShareLinks.expiresAt, now)),
      ),
    )
    .orderBy(desc(dashboardShareLinks.createdAt))
    .limit(1);
  return row?.logo && row.type ? { bytes: Buffer.from(row.logo), type: row.type } : null;
}
