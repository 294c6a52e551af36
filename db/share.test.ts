import { it, expect, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import { describeEachDb, alsoOnCitus } from "../tests/db";
import { createAccount } from "./accounts";
import { teamScopeForUser, type ProjectScope } from "./tenant";
import { createProject } from "./projects";
import { createShareLink, openShareLink, revokeShareLink, listShareLinks, checkSharePassword, SHARE_PASSWORD_LIMIT } from "./share";
import { listFunnels } from "./funnels";
import { shareLinks, memberships } from "./schema";
import { templateSetup } from "../lib/templates";
import { hashToken } from "../lib/keys";
import { AccessError } from "../lib/errors";

alsoOnCitus();

describeEachDb("share links", (db) => {
  let owner: ProjectScope;
  let outsider: ProjectScope;
  let funnelId: string;

  beforeAll(async () => {
    const make = async (email: string) => {
      const { user } = await createAccount(db(), { name: "S", email, password: "long enough pw" });
      const team = (await teamScopeForUser(db(), user.id))!;
      const { project } = await createProject(team, { name: "Shop", sector: "ecommerce" }, templateSetup("ecommerce", "en"));
      return team.project(project.id);
    };
    owner = await make("share-owner@example.nl");
    outsider = await make("share-outsider@example.nl");
    funnelId = (await listFunnels(owner))[0].id;
  });

  it("stores only the hash of a 256-bit token and opens exactly that report", async () => {
    const { token, link } = await createShareLink(owner, { report: "funnel", funnelId, range: { kind: "rolling", days: 30 } });
    expect(Buffer.from(token, "base64url").length).toBe(32);
    const [row] = await db().select().from(shareLinks).where(eq(shareLinks.id, link.id));
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const opened = await openShareLink(db(), token);
    expect(opened.state).toBe("ok");
    if (opened.state !== "ok") return;
    expect(opened.scope.projectId).toBe(owner.projectId);
    // A share scope reads; it can never act as an admin.
    expect(opened.scope.can("viewer")).toBe(false);
    expect(() => opened.scope.require("admin")).toThrow(AccessError);
    expect((await listShareLinks(owner)).find((l) => l.id === link.id)?.lastOpenedAt).not.toBeNull();
  });

  it("revocation and expiry take effect at once", async () => {
    const a = await createShareLink(owner, { report: "funnel", funnelId, range: { kind: "rolling", days: 7 } });
    await revokeShareLink(owner, a.link.id);
    expect((await openShareLink(db(), a.token)).state).toBe("revoked");
    const b = await createShareLink(owner, {
      report: "funnel",
      funnelId,
      range: { kind: "rolling", days: 7 },
      expiresAt: new Date(Date.now() + 60_000),
    });
    await db()
      .update(shareLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(shareLinks.id, b.link.id));
    expect((await openShareLink(db(), b.token)).state).toBe("expired");
    expect((await openShareLink(db(), "made-up-token")).state).toBe("unknown");
  });

  it("another team cannot list, revoke or create links to this project's funnels", async () => {
    const { link } = await createShareLink(owner, { report: "funnel", funnelId, range: { kind: "rolling", days: 7 } });
    await expect(revokeShareLink(outsider, link.id)).rejects.toMatchObject({ status: 404 });
    expect((await listShareLinks(outsider)).length).toBe(0);
    await expect(createShareLink(outsider, { report: "funnel", funnelId, range: { kind: "rolling", days: 7 } })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("viewers cannot create share links", async () => {
    const { user } = await createAccount(db(), { name: "V", email: "share-viewer@example.nl", password: "long enough pw" });
    await db().insert(memberships).values({ teamId: owner.teamId, userId: user.id, role: "viewer" });
    const viewer = await (await teamScopeForUser(db(), user.id, owner.teamId))!.project(owner.projectId);
    await expect(createShareLink(viewer, { report: "funnel", funnelId, range: { kind: "rolling", days: 7 } })).rejects.toMatchObject({
      status: 403,
    });
  });

  it("asks for the password and limits attempts", async () => {
    const { token } = await createShareLink(owner, {
      report: "funnel",
      funnelId,
      range: { kind: "rolling", days: 7 },
      password: "geheim123",
    });
    const gated = await openShareLink(db(), token);
    expect(gated.state).toBe("password");
    if (gated.state !== "password") return;
    expect(await checkSharePassword(db(), gated.link, "nope", "1.2.3.4")).toBe("wrong");
    expect(await checkSharePassword(db(), gated.link, "geheim123", "1.2.3.4")).toBe("ok");
    for (let i = 0; i < SHARE_PASSWORD_LIMIT.attempts; i++) await checkSharePassword(db(), gated.link, "nope", "5.6.7.8");
    expect(await checkSharePassword(db(), gated.link, "geheim123", "5.6.7.8")).toBe("limited");
  });

  it("keeps what was on screen: label, comma-separated filters, breakdown, comparison and fixed days in the project's calendar", async () => {
    const { link } = await createShareLink(owner, {
      report: "funnel",
      funnelId,
      label: "  Klant BV, mobiel  ",
      range: { kind: "fixed", from: "2026-11-01", to: "2026-11-14" },
      filters: { source: ["google,newsletter"], device: ["mobile"] },
      breakdown: "source",
      compare: true,
    });
    const listed = (await listShareLinks(owner)).find((l) => l.id === link.id)!;
    expect(listed.label).toBe("Klant BV, mobiel");
    expect(listed.filters).toEqual({ source: ["google", "newsletter"], device: ["mobile"] });
    expect([listed.breakdown, listed.compare]).toEqual(["source", true]);
    expect(listed.fixedDays).toEqual({ from: "2026-11-01", to: "2026-11-14" });
    // Whole local days of the project (Europe/Amsterdam, UTC+1 in November), the last one included.
    expect(listed.fixedFrom?.toISOString()).toBe("2026-10-31T23:00:00.000Z");
    expect(listed.fixedTo?.toISOString()).toBe("2026-11-14T23:00:00.000Z");
    expect(listed.lastOpenedAt).toBeNull();
    expect(listed.createdAt).toBeInstanceOf(Date);
  });

  it("a conversions link has no breakdown; bad days, breakdowns and labels are refused", async () => {
    const { link } = await createShareLink(owner, { report: "conversions", range: { kind: "rolling", days: 14 }, breakdown: "device" });
    expect((await listShareLinks(owner)).find((l) => l.id === link.id)?.breakdown).toBeNull();
    for (const bad of [
      { range: { kind: "fixed", from: "2026-02-30", to: "2026-03-02" } },
      { range: { kind: "fixed", from: "2026-03-02", to: "2026-03-01" } },
      { range: { kind: "fixed", from: "2025-01-01", to: "2026-06-01" } },
      { range: { kind: "rolling", days: 7 }, breakdown: "prop:email" },
      { range: { kind: "rolling", days: 7 }, label: "x".repeat(101) },
    ]) {
      await expect(createShareLink(owner, { report: "funnel", funnelId, ...(bad as object) } as never)).rejects.toThrow();
    }
  });
});
