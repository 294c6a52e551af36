import { it, expect, beforeAll } from "vitest";
import { sql } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/pg-core";
import { describeEachDb, alsoOnCitus } from "../tests/db";
import { ownerWithProject, viewerOf } from "../tests/fixtures";
import { deleteProject, originRefusals, projectTables, setAllowedOrigins, updateProject } from "./projects";
import { queryRows, type Db } from "./client";
import { insertEvents, ProjectGoneError } from "./events/insert";
import { recordBotsDropped, recordOriginsRefused } from "./events/store";
import { seedDemoData } from "./demo/seed";
import { funnelDefinitionOf, listFunnels } from "./funnels";
import { addSpend } from "./spend";
import { createShareLink, listShareLinks } from "./share";
import { buildFacts, prepareFacts } from "./queries/funnel/factsUpkeep";
import { funnelResults } from "./queries/funnel/funnelResults";
import { zonedMidnight } from "../lib/funnel/ranges";
import type { ProjectScope, TeamScope } from "./tenant";

alsoOnCitus();

/** Every table of the database with a project_id column, read from the catalogue (not from the schema the code uses). */
async function tenantTablesInCatalogue(db: Db): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql`select distinct c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.column_name = 'project_id' and c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by 1`,
  );
  return rows.map((r) => r.table_name);
}

/** Rows of a project per tenant table (and its own row in `projects`). */
async function rowsOf(db: Db, projectId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tenantTablesInCatalogue(db)) {
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where project_id = ${projectId}::uuid`,
    );
    out[table] = Number(n);
  }
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from projects where id = ${projectId}::uuid`);
  out.projects = Number(n);
  return out;
}

/** Fills every kind of a project's data: demo traffic (events, persons, identity links, an experiment), facts, spend, a share link, counters. */
async function fill(scope: ProjectScope) {
  await seedDemoData(scope, { visitors: 40, days: 7, seed: 7 });
  const [funnel] = await listFunnels(scope);
  await prepareFacts(scope, funnel);
  await addSpend(scope, { date: "2026-10-01", source: "google", medium: "cpc", campaign: "", amount: "12.50" });
  await createShareLink(scope, { report: "conversions", range: { kind: "rolling", days: 30 } });
  await recordBotsDropped(scope.db, scope.projectId, new Date(), 2);
  await recordOriginsRefused(scope.db, scope.projectId, new Date(), 3);
}

describeEachDb("deleting a project", (db) => {
  let a: { team: TeamScope; scope: ProjectScope };
  let b: { team: TeamScope; scope: ProjectScope };

  beforeAll(async () => {
    a = await ownerWithProject(db(), "delete-a@example.nl", { name: "Keep me" });
    b = await ownerWithProject(db(), "delete-b@example.nl", { name: "Fietsen.nl" });
    await fill(a.scope);
    await fill(b.scope);
  });

  it("the schema's tenant tables are exactly the catalogue's, so deleting them leaves none out", async () => {
    const fromSchema = projectTables()
      .map((t) => getTableConfig(t).name)
      .sort();
    const catalogue = await tenantTablesInCatalogue(db());
    // A partitioned table lists its partitions in the catalogue too: each belongs to a table of the schema.
    expect(catalogue.filter((t) => !fromSchema.some((s) => t === s || t.startsWith(`${s}_`)))).toEqual([]);
    expect(fromSchema.every((s) => catalogue.includes(s))).toBe(true);
  });

  it("is refused to a viewer and without the project's name typed exactly", async () => {
    const viewer = await viewerOf(db(), b.scope, "delete-viewer@example.nl");
    await expect(deleteProject(viewer, "Fietsen.nl")).rejects.toMatchObject({ status: 403 });
    await expect(deleteProject(b.scope, "fietsen.nl")).rejects.toMatchObject({ status: 400, field: "confirmName" });
    await expect(deleteProject(b.scope, "")).rejects.toMatchObject({ status: 400, field: "confirmName" });
    expect((await rowsOf(db(), b.scope.projectId)).projects).toBe(1);
  });

  it("removes every row of the project from every tenant table, and nothing of another project", async () => {
    const before = await rowsOf(db(), b.scope.projectId);
    const otherBefore = await rowsOf(db(), a.scope.projectId);
    // The test data reaches every kind of table, so the counts after mean something.
    for (const table of [
      "events",
      "persons",
      "identity_links",
      "ingest_stats",
      "funnels",
      "goals",
      "funnel_fact_sets",
      "funnel_fact_rows",
      "funnel_segments",
      "share_links",
      "share_link_tokens",
      "ad_spend",
      "experiments",
    ])
      expect(before[table], table).toBeGreaterThan(0);

    await deleteProject(b.scope, "  Fietsen.nl ");

    const after = await rowsOf(db(), b.scope.projectId);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await rowsOf(db(), a.scope.projectId)).toEqual(otherBefore);
    expect((await b.team.projects()).map((p) => p.id)).not.toContain(b.scope.projectId);
    await expect(b.team.project(b.scope.projectId)).rejects.toMatchObject({ status: 404 });
  });
});

describeEachDb("deleting a project while its events arrive", (db) => {
  it("leaves no event behind: batches in flight finish first or find the project gone, and say so", async () => {
    const c = await ownerWithProject(db(), "delete-race@example.nl", { name: "Race" });
    const batch = (n: number) =>
      Array.from({ length: 20 }, (_, i) => ({
        time: new Date(Date.UTC(2026, 10, 2, 10, 0, i)),
        name: "page_view",
        anonymousId: `race-${n}-${i % 5}`,
        messageId: `race-${n}-${i}`,
      }));
    // Batches before, beside and after the deletion (events have no foreign key that would refuse them).
    const sends = Array.from({ length: 12 }, (_, n) => insertEvents(db(), c.scope.projectId, batch(n)));
    const deleting = deleteProject(c.scope, "Race");
    const late = Array.from({ length: 4 }, (_, n) => insertEvents(db(), c.scope.projectId, batch(100 + n)));
    const outcomes = await Promise.allSettled([...sends, deleting, ...late]);
    expect(outcomes[12].status).toBe("fulfilled");
    for (const o of [...outcomes.slice(0, 12), ...outcomes.slice(13)])
      if (o.status === "rejected") expect(o.reason).toBeInstanceOf(ProjectGoneError);
      else expect(o.value).toEqual({ stored: 20, duplicates: 0 });
    // Sent after the deletion committed: refused, never counted as stored.
    await expect(insertEvents(db(), c.scope.projectId, batch(200))).rejects.toBeInstanceOf(ProjectGoneError);
    const left = await rowsOf(db(), c.scope.projectId);
    expect(Object.entries(left).filter(([, n]) => n > 0)).toEqual([]);
  });
});

describeEachDb("deleting a project while its funnel facts are built", (db) => {
  it("leaves no fact row behind: the build finishes first and its rows go, or it finds the project gone", async () => {
    const c = await ownerWithProject(db(), "delete-facts-race@example.nl", { name: "Facts race" });
    await insertEvents(
      db(),
      c.scope.projectId,
      Array.from({ length: 400 }, (_, i) => ({
        time: new Date(Date.UTC(2026, 10, 2, 10, 0, i)),
        name: "pageview",
        anonymousId: `facts-race-${i % 40}`,
        messageId: `facts-race-${i}`,
      })),
    );
    const [funnel] = await listFunnels(c.scope);
    const building = buildFacts(c.scope, funnelDefinitionOf(funnel));
    const deleting = deleteProject(c.scope, "Facts race");
    const [built, deleted] = await Promise.allSettled([building, deleting]);
    expect(deleted.status).toBe("fulfilled");
    // Refused: by the build's own check, or by the foreign key of the set or segments it writes first.
    if (built.status === "rejected") {
      const err = built.reason as Error & { cause?: { code?: string } };
      expect(err.message.includes("no longer exists") || err.cause?.code === "23503", String(err)).toBe(true);
    }
    const left = await rowsOf(db(), c.scope.projectId);
    expect(Object.entries(left).filter(([, n]) => n > 0)).toEqual([]);
  });
});

describeEachDb("renaming a project and changing its site and time zone", (db) => {
  let owner: { team: TeamScope; scope: ProjectScope };

  beforeAll(async () => {
    owner = await ownerWithProject(db(), "rename@example.nl", { name: "Old name" });
  });

  it("renames and changes the site; bad input names its field; viewers cannot", async () => {
    const row = await updateProject(owner.scope, {
      name: " Nieuwe naam ",
      siteUrl: "https://www.fietsen.nl",
      timeZone: "Europe/Amsterdam",
    });
    expect(row).toMatchObject({ name: "Nieuwe naam", siteUrl: "https://www.fietsen.nl", timeZone: "Europe/Amsterdam" });
    const again = await owner.team.project(owner.scope.projectId);
    expect(again.project.name).toBe("Nieuwe naam");
    await expect(updateProject(again, { name: "", timeZone: "Europe/Amsterdam" })).rejects.toMatchObject({ issues: [{ path: ["name"] }] });
    await expect(updateProject(again, { name: "X", timeZone: "Mars/Olympus" })).rejects.toMatchObject({ issues: [{ path: ["timeZone"] }] });
    await expect(updateProject(again, { name: "X", siteUrl: "fietsen", timeZone: "UTC" })).rejects.toMatchObject({
      issues: [{ path: ["siteUrl"] }],
    });
    const viewer = await viewerOf(db(), again, "rename-viewer@example.nl");
    await expect(updateProject(viewer, { name: "Hijack", timeZone: "UTC" })).rejects.toMatchObject({ status: 403 });
    expect((await owner.team.project(owner.scope.projectId)).project.name).toBe("Nieuwe naam");
  });

  it("a new time zone moves the funnel's days with it and keeps a shared fixed range on its dates", async () => {
    const scope = await owner.team.project(owner.scope.projectId);
    const [funnel] = await listFunnels(scope);
    const first = funnel.steps[0];
    // 03:00 UTC on 10 October: the 10th in Amsterdam (05:00), still the 9th in New York (23:00).
    await insertEvents(scope.db, scope.projectId, [
      {
        time: new Date("2026-10-10T03:00:00Z"),
        name: first.event as string,
        path: "path" in first && typeof first.path === "string" ? first.path.replace("*", "x") : "/",
        anonymousId: "night-owl",
        messageId: "tz-1",
      },
    ]);
    const entered = async (s: ProjectScope, d: number) =>
      (
        await funnelResults(s, {
          steps: funnel.steps,
          windowSeconds: funnel.windowSeconds,
          from: zonedMidnight(2026, 10, d, s.project.timeZone),
          to: zonedMidnight(2026, 10, d + 1, s.project.timeZone),
          saved: true,
        })
      ).steps[0].visitors;
    await prepareFacts(scope, funnel);
    expect([await entered(scope, 9), await entered(scope, 10)]).toEqual([0, 1]);
    const [{ n: setsBefore }] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from funnel_fact_sets where project_id = ${scope.projectId}::uuid`,
    );
    expect(Number(setsBefore)).toBeGreaterThan(0);

    const fixed = await createShareLink(scope, {
      report: "conversions",
      // October 2026 as calendar days of the project's zone (Amsterdam), the last day included.
      range: { kind: "fixed", from: "2026-10-01", to: "2026-10-31" },
    });
    await createShareLink(scope, { report: "conversions", range: { kind: "rolling", days: 7 } });

    await updateProject(scope, { name: scope.project.name, timeZone: "America/New_York" });
    const moved = await owner.team.project(scope.projectId);
    expect(moved.project.timeZone).toBe("America/New_York");
    // The facts of the old zone are gone; the next read builds them in the new one.
    const [{ n: setsAfter }] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from funnel_fact_sets where project_id = ${scope.projectId}::uuid`,
    );
    expect(Number(setsAfter)).toBe(0);
    await prepareFacts(moved, funnel);
    expect([await entered(moved, 9), await entered(moved, 10)]).toEqual([1, 0]);

    const links = await listShareLinks(moved);
    const fixedLink = links.find((l) => l.id === fixed.link.id)!;
    expect([fixedLink.fixedFrom, fixedLink.fixedTo]).toEqual([
      zonedMidnight(2026, 10, 1, "America/New_York"),
      zonedMidnight(2026, 11, 1, "America/New_York"),
    ]);
    expect(links.find((l) => l.id !== fixed.link.id)).toMatchObject({ rollingDays: 7, fixedFrom: null });
  });
});

describeEachDb("allowed origins settings", (db) => {
  let owner: { scope: ProjectScope; team: TeamScope };
  beforeAll(async () => {
    owner = await ownerWithProject(db(), "origins@example.nl");
  });

  it("stores entries in their normal form, once, and refuses a wrong one by its index", async () => {
    const stored = await setAllowedOrigins(owner.scope, {
      origins: ["https://WWW.Fietsen.nl/", "", "https://*.fietsen.nl", "https://www.fietsen.nl:443", "http://localhost:3000"],
      acceptWithoutOrigin: false,
    });
    expect(stored).toEqual(["https://www.fietsen.nl", "https://*.fietsen.nl", "http://localhost:3000"]);
    const row = (await owner.team.project(owner.scope.projectId)).project;
    expect([row.allowedOrigins, row.acceptWithoutOrigin]).toEqual([stored, false]);
    await expect(
      setAllowedOrigins(owner.scope, { origins: ["https://ok.nl", "https://x.nl/shop"], acceptWithoutOrigin: true }),
    ).rejects.toMatchObject({
      status: 400,
      field: "origins.1",
    });
    const viewer = await viewerOf(db(), owner.scope, "origins-viewer@example.nl");
    await expect(setAllowedOrigins(viewer, { origins: [], acceptWithoutOrigin: true })).rejects.toMatchObject({ status: 403 });
    expect((await owner.team.project(owner.scope.projectId)).project.allowedOrigins).toEqual(stored);
  });

  it("counts refused events of the last 30 days", async () => {
    expect(await originRefusals(owner.scope)).toEqual({ refused: 0, lastDay: null });
    await recordOriginsRefused(db(), owner.scope.projectId, new Date(), 4);
    await recordOriginsRefused(db(), owner.scope.projectId, new Date(), 1);
    await recordOriginsRefused(db(), owner.scope.projectId, new Date(Date.now() - 40 * 86400_000), 100);
    expect(await originRefusals(owner.scope)).toEqual({ refused: 5, lastDay: new Date().toISOString().slice(0, 10) });
  });
});
