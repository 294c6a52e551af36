import { it, expect, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import { describeEachDb } from "../tests/db";
import { ownerWithProject, viewerOf } from "../tests/fixtures";
import type { ProjectScope } from "./tenant";
import { insertEvents, type EventInput } from "./events/insert";
import { listFunnels, deleteFunnel } from "./funnels";
import { listGoals } from "./goals";
import {
  addTile,
  createDashboard,
  deleteDashboard,
  getDashboard,
  listDashboards,
  removeTile,
  reorderTiles,
  resizeTile,
  updateDashboard,
  updateTile,
} from "./dashboards";
import { dashboardReader } from "./dashboards-tiles";
import { createDashboardShare, listDashboardShares, openDashboardShare, revokeDashboardShare } from "./dashboards-share";
import { annotationsFor, createAnnotation, deleteAnnotation, listAnnotations } from "./annotations";
import { checkSharePassword, shareRange } from "./share";
import { dashboardShareLinks } from "./schema";
import { AccessError, InputError } from "../lib/errors";
import { hashToken } from "../lib/keys";
import { sharePasswordProof } from "../lib/share-cookie";
import { ZodError } from "zod";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]).toString("base64");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').toString("base64");

async function status(p: Promise<unknown>): Promise<number | string> {
  try {
    await p;
    return "ok";
  } catch (err) {
    if (err instanceof AccessError) return err.status;
    if (err instanceof InputError) return err.status;
    if (err instanceof ZodError) return 400;
    throw err;
  }
}

describeEachDb("dashboards, their share links and annotations", (db) => {
  let owner: ProjectScope;
  let viewer: ProjectScope;
  let other: ProjectScope;
  let funnelId: string;
  let goalId: string;

  beforeAll(async () => {
    owner = (await ownerWithProject(db(), "dash-owner@example.nl")).scope;
    other = (await ownerWithProject(db(), "dash-other@example.nl", { name: "Other shop" })).scope;
    viewer = await viewerOf(db(), owner, "dash-viewer@example.nl");
    funnelId = (await listFunnels(owner))[0].id;
    goalId = (await listGoals(owner)).find((g) => g.kind === "macro")!.id;
    // Ten visitors yesterday: all view the shop, four from google also buy.
    const day = new Date(Date.now() - 86400_000);
    const events: EventInput[] = [];
    for (let i = 0; i < 10; i++) {
      const t = (m: number) => new Date(day.getTime() + i * 60_000 + m * 1000);
      const base = { anonymousId: `v${i}`, source: i < 4 ? "google" : "bing", device: "desktop" };
      events.push({ ...base, time: t(0), name: "pageview", path: "/", messageId: `d${i}a` });
      events.push({ ...base, time: t(1), name: "pageview", path: "/product/x", messageId: `d${i}b` });
      if (i < 4) {
        events.push({ ...base, time: t(2), name: "add_to_cart", messageId: `d${i}c` });
        events.push({ ...base, time: t(3), name: "checkout_started", messageId: `d${i}d` });
        events.push({ ...base, time: t(4), name: "purchase", revenue: 50, messageId: `d${i}e` });
      }
    }
    await insertEvents(owner.db, owner.projectId, events);
  });

  it("an admin composes a dashboard from every kind of tile; reorder and resize stick", async () => {
    const d = await createDashboard(owner, { name: "Client A", description: "Weekly" });
    const funnel = await addTile(owner, d.id, {
      kind: "funnel",
      funnelId,
      filters: { source: ["google,bing"] },
      breakdown: "device",
      width: 2,
    });
    const goal = await addTile(owner, d.id, { kind: "goal", goalId });
    const seg = await addTile(owner, d.id, { kind: "segments", field: "source" });
    const stages = await addTile(owner, d.id, { kind: "stages", width: 3 });
    const note = await addTile(owner, d.id, { kind: "note", text: "Campaign live since Monday", height: 2 });
    // `source=google,bing` is two sources, as everywhere.
    expect(funnel.settings).toEqual({ filters: { source: ["google", "bing"] }, breakdown: "device" });
    expect((await getDashboard(owner, d.id)).tiles.map((t) => t.kind)).toEqual(["funnel", "goal", "segments", "stages", "note"]);

    await reorderTiles(owner, d.id, [note.id, funnel.id, goal.id, seg.id, stages.id]);
    await resizeTile(owner, d.id, funnel.id, { width: 3, height: 2 });
    const after = await getDashboard(owner, d.id);
    expect(after.tiles.map((t) => t.kind)).toEqual(["note", "funnel", "goal", "segments", "stages"]);
    expect(after.tiles[1]).toMatchObject({ width: 3, height: 2 });
    // The order must name every tile once: a stale page's order is a conflict, not a half-applied move.
    expect(await status(reorderTiles(owner, d.id, [note.id, funnel.id]))).toBe(409);
    expect(await status(reorderTiles(owner, d.id, [note.id, note.id, goal.id, seg.id, stages.id]))).toBe(409);
    expect(await status(resizeTile(owner, d.id, funnel.id, { width: 4 as 3, height: 1 }))).toBe(400);

    await updateTile(owner, d.id, note.id, { kind: "note", text: "Nieuwe checkout" });
    expect((await getDashboard(owner, d.id)).tiles[0].settings.text).toBe("Nieuwe checkout");
    expect(await status(updateTile(owner, d.id, note.id, { kind: "stages" }))).toBe(400);
    expect((await listDashboards(owner)).find((x) => x.id === d.id)?.tiles).toBe(5);
  });

  it("reads each tile from the existing queries, with the tile's filters and breakdown", async () => {
    const d = await createDashboard(owner, { name: "Figures" });
    const f = await addTile(owner, d.id, { kind: "funnel", funnelId, filters: { source: ["google"] }, breakdown: "device" });
    const all = await addTile(owner, d.id, { kind: "funnel", funnelId });
    const g = await addTile(owner, d.id, { kind: "goal", goalId });
    const s = await addTile(owner, d.id, { kind: "segments", field: "source" });
    const st = await addTile(owner, d.id, { kind: "stages" });
    const n = await addTile(owner, d.id, { kind: "note", text: "Hello" });
    const view = await getDashboard(owner, d.id);
    const range = { from: new Date(Date.now() - 7 * 86400_000), to: new Date(Date.now() + 86400_000), filters: {} };
    const reader = dashboardReader(owner, view.tiles, range);
    // All at once, as the page's Suspense boundaries ask: the reader queues them within the project's report slots.
    const [fd, alld, gd, sd, std, nd] = await Promise.all(
      [f, all, g, s, st, n].map((t) => reader.tile(view.tiles.find((x) => x.id === t.id)!)),
    );
    if (fd.kind !== "funnel" || alld.kind !== "funnel") throw new Error("funnel tiles");
    expect(fd.results.steps[0].visitors).toBe(4);
    expect(fd.results.breakdown?.field).toBe("device");
    expect(alld.results.steps[0].visitors).toBe(10);
    expect(alld.results.steps.at(-1)!.visitors).toBe(4);
    expect(gd).toMatchObject({ kind: "goal", visitors: 10, goal: { converted: 4 } });
    if (sd.kind !== "segments") throw new Error("segment tile");
    expect(Object.fromEntries(sd.rows.map((r) => [r.value, r.visitors]))).toMatchObject({ google: 4, bing: 6 });
    expect(std.kind === "stages" && std.stages.length).toBeGreaterThan(0);
    expect(nd).toEqual({ kind: "note", text: "Hello" });

    // A share link's locked filters narrow every tile; a tile whose filters cannot meet them counts nobody.
    const locked = dashboardReader(owner, view.tiles, { ...range, filters: { source: ["bing"] } });
    expect(await locked.tile(view.tiles.find((x) => x.id === f.id)!)).toEqual({ kind: "empty" });
    const lockedAll = await locked.tile(view.tiles.find((x) => x.id === all.id)!);
    expect(lockedAll.kind === "funnel" && lockedAll.results.steps[0].visitors).toBe(6);

    // Deleting the funnel removes its tiles (the foreign key leads with project_id).
    const d2 = await createDashboard(owner, { name: "Doomed funnel" });
    const { createFunnel } = await import("./funnels");
    const doomed = await createFunnel(owner, { name: "Tmp", steps: [{ event: "pageview" }, { event: "purchase" }], windowSeconds: 3600 });
    await addTile(owner, d2.id, { kind: "funnel", funnelId: doomed.id });
    await deleteFunnel(owner, doomed.id);
    expect((await getDashboard(owner, d2.id)).tiles).toHaveLength(0);
  });

  it("another team's dashboard, tile, funnel, goal, link and annotation are 404s; a viewer reads but changes nothing", async () => {
    const d = await createDashboard(owner, { name: "Private" });
    const tile = await addTile(owner, d.id, { kind: "note", text: "secret" });
    const { linkId } = await createDashboardShare(owner, d.id, { range: { kind: "rolling", days: 30 } });
    const note = await createAnnotation(owner, { from: "2026-11-02", note: "private to the team" });
    const o = other;
    const calls: [string, () => Promise<unknown>][] = [
      ["getDashboard", () => getDashboard(o, d.id)],
      ["updateDashboard", () => updateDashboard(o, d.id, { name: "x" })],
      ["deleteDashboard", () => deleteDashboard(o, d.id)],
      ["addTile", () => addTile(o, d.id, { kind: "note", text: "x" })],
      ["updateTile", () => updateTile(o, d.id, tile.id, { kind: "note", text: "x" })],
      ["resizeTile", () => resizeTile(o, d.id, tile.id, { width: 2, height: 1 })],
      ["removeTile", () => removeTile(o, d.id, tile.id)],
      ["reorderTiles", () => reorderTiles(o, d.id, [tile.id])],
      ["createDashboardShare", () => createDashboardShare(o, d.id, { range: { kind: "rolling", days: 7 } })],
      ["listDashboardShares", () => listDashboardShares(o, d.id)],
      ["revokeDashboardShare", () => revokeDashboardShare(o, linkId)],
      ["deleteAnnotation", () => deleteAnnotation(o, note.id)],
    ];
    for (const [name, call] of calls) expect([name, await status(call())]).toEqual([name, 404]);
    // Their own dashboard cannot take our funnel or goal either.
    const theirs = await createDashboard(o, { name: "Theirs" });
    expect(await status(addTile(o, theirs.id, { kind: "funnel", funnelId }))).toBe(404);
    expect(await status(addTile(o, theirs.id, { kind: "goal", goalId }))).toBe(404);
    expect(await status(addTile(o, theirs.id, { kind: "segments", field: "source", goalId }))).toBe(404);
    expect(await listAnnotations(o)).toEqual([]);
    expect((await listDashboards(o)).map((x) => x.name)).toEqual(["Theirs"]);

    expect((await getDashboard(viewer, d.id)).tiles).toHaveLength(1);
    for (const call of [
      () => createDashboard(viewer, { name: "x" }),
      () => addTile(viewer, d.id, { kind: "note", text: "x" }),
      () => resizeTile(viewer, d.id, tile.id, { width: 2, height: 1 }),
      () => reorderTiles(viewer, d.id, [tile.id]),
      () => removeTile(viewer, d.id, tile.id),
      () => deleteDashboard(viewer, d.id),
      () => createDashboardShare(viewer, d.id, { range: { kind: "rolling", days: 7 } }),
      () => revokeDashboardShare(viewer, linkId),
      () => createAnnotation(viewer, { from: "2026-11-01", note: "x" }),
      () => deleteAnnotation(viewer, note.id),
    ])
      expect(await status(call())).toBe(403);
    expect((await getDashboard(owner, d.id)).tiles).toHaveLength(1);
  });

  it("a share link opens its dashboard only, with password, expiry, revocation, last opened, logo and colour", async () => {
    const d = await createDashboard(owner, { name: "For the client" });
    const { token, linkId } = await createDashboardShare(owner, d.id, {
      label: "Client",
      range: { kind: "fixed", from: "2026-11-01", to: "2026-11-30" },
      filters: { device: ["desktop"] },
      password: "client-secret",
      colour: "#1E3A8A",
      logo: { type: "image/png", data: PNG },
    });
    const [row] = await db().select().from(dashboardShareLinks).where(eq(dashboardShareLinks.id, linkId));
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify({ ...row, logo: null })).not.toContain(token);
    expect(row.colour).toBe("#1e3a8a");
    expect(Buffer.from(row.logo!).toString("base64")).toBe(PNG);
    expect(shareRange(row, owner.project.timeZone).to.getTime() - shareRange(row, owner.project.timeZone).from.getTime()).toBe(
      30 * 86400_000,
    );

    expect((await openDashboardShare(db(), token)).state).toBe("password");
    expect(await checkSharePassword(db(), row, "wrong", "1.2.3.4", "dashboard-share")).toBe("wrong");
    expect(await checkSharePassword(db(), row, "client-secret", "1.2.3.4", "dashboard-share")).toBe("ok");
    const proof = sharePasswordProof(token, row.passwordHash!);
    const opened = await openDashboardShare(db(), token, { proofCookie: (id) => (id === linkId ? proof : undefined), touch: true });
    expect(opened.state).toBe("ok");
    if (opened.state !== "ok") return;
    expect(opened.dashboardName).toBe("For the client");
    expect(opened.link.dashboardId).toBe(d.id);
    expect(opened.scope.can("viewer")).toBe(false);
    // The share scope reads only this project: another team's dashboard is not there.
    const theirs = await createDashboard(other, { name: "Other's" });
    expect(await status(getDashboard(opened.scope, theirs.id))).toBe(404);
    const listed = (await listDashboardShares(owner, d.id))[0];
    expect(listed).toMatchObject({
      id: linkId,
      hasPassword: true,
      hasLogo: true,
      colour: "#1e3a8a",
      fixedDays: { from: "2026-11-01", to: "2026-11-30" },
    });
    expect(listed.lastOpenedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain("passwordHash");

    await revokeDashboardShare(owner, linkId);
    expect((await openDashboardShare(db(), token, { passwordOk: true })).state).toBe("revoked");
    const short = await createDashboardShare(owner, d.id, {
      range: { kind: "rolling", days: 7 },
      expiresAt: new Date(Date.now() + 60_000),
    });
    await db()
      .update(dashboardShareLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(dashboardShareLinks.id, short.linkId));
    expect((await openDashboardShare(db(), short.token)).state).toBe("expired");
    expect((await openDashboardShare(db(), "nope")).state).toBe("unknown");
    // Deleting the dashboard deletes its links.
    const gone = await createDashboardShare(owner, d.id, { range: { kind: "rolling", days: 7 } });
    await deleteDashboard(owner, d.id);
    expect((await openDashboardShare(db(), gone.token)).state).toBe("unknown");
  });

  it("refuses an SVG logo, a mislabelled image, and a colour white text cannot be read on", async () => {
    const d = await createDashboard(owner, { name: "Branding" });
    const r = { range: { kind: "rolling" as const, days: 7 } };
    const issues = async (input: object) => {
      try {
        await createDashboardShare(owner, d.id, { ...r, ...input });
        return [];
      } catch (err) {
        if (!(err instanceof ZodError)) throw err;
        return err.issues.map((i) => i.path.join("."));
      }
    };
    expect(await issues({ logo: { type: "image/svg+xml", data: SVG } })).toContain("logo.type");
    expect(await issues({ logo: { type: "image/png", data: SVG } })).toContain("logo");
    expect(await issues({ logo: { type: "image/jpeg", data: PNG } })).toContain("logo");
    expect(await issues({ colour: "#ffcc00" })).toContain("colour");
    expect(await issues({ colour: "red" })).toContain("colour");
    expect(await issues({ colour: "#2546dc", logo: { type: "image/png", data: PNG } })).toEqual([]);
  });

  it("annotationsFor gives the notes that overlap a range, in the project's calendar", async () => {
    const scope = owner;
    const one = await createAnnotation(scope, { from: "2026-10-05", note: "campagne live" });
    const span = await createAnnotation(scope, { from: "2026-10-10", to: "2026-10-20", note: "nieuwe checkout" });
    await createAnnotation(scope, { from: "2026-12-01", note: "later" });
    const tz = scope.project.timeZone;
    const { zonedMidnight } = await import("../lib/funnel/ranges");
    const at = (d: number, m = 10) => zonedMidnight(2026, m, d, tz);
    expect((await annotationsFor(scope, at(1), at(8))).map((a) => a.note)).toEqual(["campagne live"]);
    // [from, to) : the 10th starts exactly at `to`, so it is outside.
    expect((await annotationsFor(scope, at(6), at(10))).map((a) => a.note)).toEqual([]);
    expect(await annotationsFor(scope, at(15), at(16))).toEqual([
      { id: span.id, from: "2026-10-10", to: "2026-10-20", note: "nieuwe checkout" },
    ]);
    expect((await annotationsFor(scope, at(1), at(1, 11))).map((a) => a.note)).toEqual(["campagne live", "nieuwe checkout"]);
    expect(await annotationsFor(other, at(1), at(1, 12))).toEqual([]);
    expect(await status(createAnnotation(scope, { from: "2026-10-10", to: "2026-10-01", note: "backwards" }))).toBe(400);
    expect(await status(createAnnotation(scope, { from: "2026-02-30", note: "no such day" }))).toBe(400);
    expect(await status(createAnnotation(scope, { from: "2026-10-10", note: "   " }))).toBe(400);
    await deleteAnnotation(scope, one.id);
    expect((await listAnnotations(scope)).map((a) => a.note)).not.toContain("campagne live");
    expect(await status(deleteAnnotation(scope, one.id))).toBe(404);
  });
});
