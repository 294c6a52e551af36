import { it, expect, vi, beforeAll, beforeEach } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb } from "../db";
import { ownerWithProject, viewerOf } from "../fixtures";
import { setDbHandle } from "../../db/client";
import { insertEvents, type EventInput } from "../../db/events/insert";
import { openEventExport } from "../../db/queries/export/eventExport";
import { EXPORT_COLUMNS } from "../../lib/export/events";
import { teamScopeForUser, type TeamScope } from "../../db/tenant";

// The event export as an admin's browser calls it: real Requests into the route, a real database.
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
const { GET: exportRoute } = await import("../../app/api/v1/projects/[projectId]/export/route");

describeEachDb("event export API", (db, kind) => {
  let owner: Awaited<ReturnType<typeof ownerWithProject>>;
  let other: Awaited<ReturnType<typeof ownerWithProject>>;
  let viewerTeam: TeamScope;
  // Amsterdam: 2026-05-10 runs from 2026-05-09T22:00Z to 2026-05-10T22:00Z.
  const events: EventInput[] = [
    { anonymousId: "v1", name: "pageview", path: "/", time: new Date("2026-05-09T21:59:59Z"), messageId: "before" },
    {
      anonymousId: "v1",
      name: "pageview",
      path: "/",
      time: new Date("2026-05-09T22:00:00Z"),
      messageId: "a",
      source: "google",
      country: "NL",
    },
    {
      anonymousId: "v1",
      name: "purchase",
      time: new Date("2026-05-10T08:00:00Z"),
      messageId: "b",
      revenue: 59.95,
      properties: { sku: "F1", note: 'say "hi", ok' },
      source: "=cmd()",
    },
    { anonymousId: "v2", userId: "u2", name: "identify", time: new Date("2026-05-10T08:00:00Z"), messageId: "c", traits: { age: 30 } },
    { anonymousId: "v3", name: "pageview", path: "/p", time: new Date("2026-05-11T21:59:59.999Z"), messageId: "d" },
    { anonymousId: "v3", name: "pageview", path: "/", time: new Date("2026-05-11T22:00:00Z"), messageId: "after" },
  ];

  beforeAll(async () => {
    setDbHandle({ db: db(), kind, close: async () => {} });
    owner = await ownerWithProject(db(), `export-${kind}@example.nl`, { name: "Fietsen Shop" });
    other = await ownerWithProject(db(), `export-other-${kind}@example.nl`);
    await insertEvents(db(), owner.project.id, events);
    await insertEvents(db(), other.project.id, [
      { anonymousId: "x", name: "pageview", time: new Date("2026-05-10T10:00:00Z"), messageId: "x" },
    ]);
    const viewer = await viewerOf(db(), owner.scope, `export-viewer-${kind}@example.nl`);
    viewerTeam = (await teamScopeForUser(db(), (viewer.actor as { userId: string }).userId, owner.scope.teamId))!;
  });
  beforeEach(() => {
    session.team = owner.team;
  });

  const get = (qs: string, headers: Record<string, string> = {}, projectId = owner.project.id) =>
    exportRoute(new Request(`http://x/api/v1/projects/${projectId}/export?${qs}`, { headers }), {
      params: Promise.resolve({ projectId }),
    });

  it("streams the range's events as NDJSON, whole local days, oldest first, exactly what is stored", async () => {
    const res = await get("from=2026-05-10&to=2026-05-11");
    expect(res.status).toBe(200);
    expect(res.body).toBeInstanceOf(ReadableStream);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="fietsen-shop-events-2026-05-10_2026-05-11.ndjson"');
    expect(res.headers.get("x-export-rows")).toBe("4");
    const rows = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r.message_id)).toEqual(["a", "b", "c", "d"]);
    expect(Object.keys(rows[0])).toEqual([...EXPORT_COLUMNS]);
    expect(rows[0]).toMatchObject({
      time: "2026-05-09T22:00:00.000Z",
      name: "pageview",
      person_id: "v1",
      utm_source: "google",
      country: "NL",
    });
    expect(rows[1]).toMatchObject({ revenue: 59.95, properties: { sku: "F1", note: 'say "hi", ok' }, utm_source: "=cmd()" });
    expect(rows[2]).toMatchObject({ person_id: "u2", user_id: "u2", anonymous_id: "v2", name: "identify" });
  });

  it("with check=1 only counts, with the same errors as the download", async () => {
    const res = await get("from=2026-05-10&to=2026-05-11&check=1");
    expect([res.status, await res.json()]).toEqual([200, { rows: 4 }]);
    expect((await get("from=2026-05-10&check=1")).status).toBe(400);
  });

  it("streams CSV with a header, JSON properties and formula-like cells defused", async () => {
    const res = await get("from=2026-05-10&to=2026-05-10&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A byte-order mark, so Excel reads UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n");
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(","));
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain(`'=cmd()`);
    expect(lines[2]).toContain(`"{""sku"":""F1"",""note"":""say \\""hi\\"", ok""}"`);
    expect(lines[2]).toContain(",59.95,");
    expect(lines.at(-1)).toBe("");
  });

  it("pages by (time, id) without skipping or repeating an event, also at equal and sub-millisecond times", async () => {
    // 11 events: several at the same microsecond, some a microsecond apart (JavaScript would round them together).
    await db().execute(sql`insert into events (project_id, time, name, person_id, anonymous_id, message_id)
      select ${owner.project.id}::uuid, timestamptz '2026-06-01 10:00:00.000001+00' + (g / 4) * interval '1 microsecond', 'tick', 'p', 'p', 'tick-' || g
      from generate_series(0, 10) g`);
    const opened = await openEventExport(
      owner.scope,
      { from: new Date("2026-06-01T00:00:00Z"), to: new Date("2026-06-02T00:00:00Z") },
      { pageSize: 3 },
    );
    expect(opened.rows).toBe(11);
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const page of opened.pages) {
      sizes.push(page.length);
      ids.push(...page.map((e) => e.messageId));
    }
    expect(sizes).toEqual([3, 3, 3, 2]);
    expect(ids).toEqual(Array.from({ length: 11 }, (_, g) => `tick-${g}`));
  });

  it("counts events stored just before the download starts, whatever the app server's clock says", async () => {
    // The cut-off is the database's clock (it stamps received_at), not the app's: an app server whose
    // clock runs behind, or merely its millisecond rounding (seen in CI), must not drop fresh events.
    // (PGlite runs on Node's clock, so there the skew moves the database's clock too.)
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 2_000);
    try {
      for (let i = 0; i < 5; i++) {
        await db().execute(sql`insert into events (project_id, time, name, person_id, anonymous_id, message_id)
          values (${owner.project.id}::uuid, timestamptz '2026-07-02 10:00:00+00', 'tick', 'p', 'p', ${`now-${i}`})`);
        const opened = await openEventExport(owner.scope, {
          from: new Date("2026-07-02T00:00:00Z"),
          to: new Date("2026-07-03T00:00:00Z"),
        });
        expect(opened.rows).toBe(i + 1);
        let n = 0;
        for await (const page of opened.pages) n += page.length;
        expect(n).toBe(i + 1);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a range with more events than one download may hold, before sending anything", async () => {
    await expect(
      openEventExport(owner.scope, { from: new Date("2026-05-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z") }, { maxRows: 10 }),
    ).rejects.toMatchObject({
      status: 422,
    });
    expect(
      (
        await openEventExport(
          owner.scope,
          { from: new Date("2026-05-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z") },
          { maxRows: 17 },
        )
      ).rows,
    ).toBe(17);
  });

  it("is for the team's admins and owners only: not signed in 401, read key 403, viewer 403, another team's project 404", async () => {
    const qs = "from=2026-05-10&to=2026-05-11";
    session.team = null;
    expect((await get(qs)).status).toBe(401);
    expect((await get(qs, { authorization: `Bearer ${owner.readKey}` })).status).toBe(403);
    session.team = viewerTeam;
    const viewer = await get(qs);
    expect(viewer.status).toBe(403);
    session.team = other.team;
    const foreign = await get(qs);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain("pageview");
  });

  it.each([
    ["from=2026-05-10", 400, "to"],
    ["from=2026-05-10&to=2026-05-11&range=30d", 400, "range"],
    ["from=2026-05-10&from=2026-05-11&to=2026-05-12", 400, "from"],
    ["from=2026-02-30&to=2026-03-01", 400, "from"],
    ["from=2026-05-12&to=2026-05-11", 400, "from"],
    ["from=2026-05-10&to=2026-05-11&format=xlsx", 400, "format"],
  ])("%s is a %s naming %s", async (qs, status, field) => {
    const res = await get(qs);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_input", field } });
  });
});
