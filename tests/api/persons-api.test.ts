import { it, expect, vi, beforeAll, beforeEach } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb } from "../db";
import { ownerWithProject, viewerOf } from "../fixtures";
import { queryRows, setDbHandle } from "../../db/client";
import { insertEvents } from "../../db/events/insert";
import { teamScopeForUser, type TeamScope } from "../../db/tenant";
import { memberships } from "../../db/schema";

// DELETE /api/v1/projects/:id/persons/:personId as a privacy officer's script or the app calls it:
// real Requests into the route handler, a real database, the session as the guard would give it.
const session = vi.hoisted(() => ({ team: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/server/guard", async (original) => {
  const { unauthenticated } = await import("../../lib/errors");
  return {
    ...(await original<object>()),
    apiTeamScope: async () => {
      if (!session.team) throw unauthenticated();
      return session.team;
    },
    sessionUserId: async () => (session.team as TeamScope | null)?.userId ?? null,
  };
});
const { DELETE } = await import("../../app/api/v1/projects/[projectId]/persons/[personId]/route");

describeEachDb("person deletion API", (db, kind) => {
  let owner: Awaited<ReturnType<typeof ownerWithProject>>;
  let other: Awaited<ReturnType<typeof ownerWithProject>>;
  let viewerTeam: TeamScope;
  let adminTeam: TeamScope;

  beforeAll(async () => {
    setDbHandle({ db: db(), kind, close: async () => {} });
    owner = await ownerWithProject(db(), `persons-api-${kind}@example.nl`);
    other = await ownerWithProject(db(), `persons-api-other-${kind}@example.nl`);
    const viewer = await viewerOf(db(), owner.scope, `persons-viewer-${kind}@example.nl`);
    viewerTeam = (await teamScopeForUser(db(), (viewer.actor as { userId: string }).userId, owner.scope.teamId))!;
    const { createAccount } = await import("../../db/accounts");
    const { user } = await createAccount(db(), { name: "Admin", email: `persons-admin-${kind}@example.nl`, password: "long enough pw" });
    await db().insert(memberships).values({ teamId: owner.scope.teamId, userId: user.id, role: "admin" });
    adminTeam = (await teamScopeForUser(db(), user.id, owner.scope.teamId))!;
    const t = Date.parse("2026-05-10T10:00:00Z");
    await insertEvents(db(), owner.project.id, [
      { anonymousId: "dev 1@home", name: "pageview", path: "/", time: new Date(t), messageId: "1" },
      {
        anonymousId: "dev 1@home",
        userId: "klant-7",
        name: "identify",
        time: new Date(t + 60_000),
        messageId: "2",
        traits: { email: "k7@example.nl" },
      },
      { anonymousId: "dev-2", name: "pageview", path: "/", time: new Date(t + 120_000), messageId: "3" },
      { anonymousId: "dev-2", userId: "klant-7", name: "identify", time: new Date(t + 180_000), messageId: "4" },
      { anonymousId: "bystander", name: "pageview", path: "/", time: new Date(t), messageId: "5" },
    ]);
    await insertEvents(db(), other.project.id, [{ anonymousId: "theirs", name: "pageview", path: "/", time: new Date(t), messageId: "1" }]);
  });
  beforeEach(() => {
    session.team = null;
  });

  const del = (projectId: string, personId: string, opts: { key?: string; origin?: string; qs?: string } = {}) =>
    DELETE(
      new Request(`http://trechter.test/api/v1/projects/${projectId}/persons/${encodeURIComponent(personId)}${opts.qs ?? ""}`, {
        method: "DELETE",
        headers: {
          host: "trechter.test",
          ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}),
          ...(opts.origin ? { origin: opts.origin } : {}),
        },
      }),
      { params: Promise.resolve({ projectId, personId }) },
    );
  const eventsOf = async (projectId: string) =>
    Number((await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from events where project_id = ${projectId}::uuid`))[0].n);

  it("refuses anyone but a project admin, and changes nothing when it does", async () => {
    const expectRefused = async (res: Response, status: number, code: string) => {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    };
    await expectRefused(await del(owner.project.id, "klant-7"), 401, "unauthenticated");
    // The read key reads; it never deletes.
    await expectRefused(await del(owner.project.id, "klant-7", { key: owner.readKey }), 403, "forbidden");
    // Another project's key, and another team's admin: the project is not theirs (404, not revealed).
    await expectRefused(await del(owner.project.id, "klant-7", { key: other.readKey }), 404, "not_found");
    session.team = other.team;
    await expectRefused(await del(owner.project.id, "klant-7"), 404, "not_found");
    session.team = viewerTeam;
    await expectRefused(await del(owner.project.id, "klant-7"), 403, "forbidden");
    // A signed-in admin's browser made to send it by another site.
    session.team = adminTeam;
    await expectRefused(await del(owner.project.id, "klant-7", { origin: "https://evil.example" }), 403, "forbidden");
    expect(await eventsOf(owner.project.id)).toBe(5);
    expect(await eventsOf(other.project.id)).toBe(1);
  });

  it("answers bad input with a 400 that names it, and an unknown person with a 404", async () => {
    session.team = adminTeam;
    const bad = await del(owner.project.id, "x".repeat(201));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_input", field: "personId" } });
    const nul = await del(owner.project.id, "a\u0000b");
    expect(nul.status).toBe(400);
    const extra = await del(owner.project.id, "klant-7", { qs: "?dryRun=1" });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ error: { field: "dryRun" } });
    // The other project's person is nobody here.
    const unknown = await del(owner.project.id, "theirs");
    expect(unknown.status).toBe(404);
    expect(await eventsOf(other.project.id)).toBe(1);
    expect(await eventsOf(owner.project.id)).toBe(5);
  });

  it("erases the person named by any of their ids for an admin, says what went, and logs it", async () => {
    session.team = adminTeam;
    const res = await del(owner.project.id, "dev 1@home", { origin: "http://trechter.test" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      personId: "klant-7",
      deleted: { events: 4, devices: 2, identityLinks: 2, persons: 3, funnelFacts: 0 },
    });
    expect(await eventsOf(owner.project.id)).toBe(1);
    const log = await queryRows<{ requested_id: string; actor_user_id: string }>(
      db(),
      sql`select requested_id, actor_user_id from person_deletions where project_id = ${owner.project.id}::uuid`,
    );
    expect(log).toEqual([{ requested_id: "dev 1@home", actor_user_id: adminTeam.userId }]);
    // Gone means gone: asking again is a 404.
    expect((await del(owner.project.id, "klant-7")).status).toBe(404);
  });
});
