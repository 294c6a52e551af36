import fs from "node:fs";
import { it, expect, vi, beforeAll } from "vitest";
import { createCanvas } from "@napi-rs/canvas";
import { describeEachDb } from "../db";
import { ownerWithProject, viewerOf } from "../fixtures";
import { shopTraffic } from "../shop-traffic";
import { inspectPdf } from "../pdf-pages";
import { colourShare, pngStats } from "../mail-images";
import { setDbHandle } from "../../db/client";
import { insertEvents } from "../../db/events/insert";
import { listFunnels } from "../../db/funnels";
import { listGoals } from "../../db/goals";
import { addTile, createDashboard } from "../../db/dashboards";
import { createDashboardShare } from "../../db/dashboards-share";
import { createAnnotation } from "../../db/annotations";
import type { ProjectScope } from "../../db/tenant";

// The dashboard PDF as a browser or a script calls it: real Requests into the route, a real database.
const session = vi.hoisted(() => ({ scope: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/server/guard", async (original) => {
  const real = await original<typeof import("../../server/guard")>();
  const { unauthenticated, notFound } = await import("../../lib/errors");
  return {
    ...real,
    // A session: the signed-in member's scope on their project (another project is 404); a bearer key as in production.
    apiProjectScope: async (request: Request, projectId: string) => {
      if (request.headers.get("authorization")) return real.apiProjectScope(request, projectId);
      const scope = session.scope as ProjectScope | null;
      if (!scope) throw unauthenticated();
      if (scope.projectId !== projectId) throw notFound("Project not found");
      return scope;
    },
  };
});
const { GET } = await import("../../app/api/v1/projects/[projectId]/dashboards/[dashboardId]/pdf/route");

const RED: [number, number, number] = [220, 38, 38];
/** A client logo: a red PNG band. */
function redLogo(): string {
  const c = createCanvas(240, 80);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "rgb(220,38,38)";
  ctx.fillRect(0, 0, 240, 80);
  return c.toBuffer("image/png").toString("base64");
}

describeEachDb("dashboard PDF API", (db, kind) => {
  let owner: Awaited<ReturnType<typeof ownerWithProject>>;
  let other: Awaited<ReturnType<typeof ownerWithProject>>;
  let viewer: ProjectScope;
  let dashboardId: string;
  let plainId: string;
  let shareToken: string;
  const get = (dashboard: string, query: string, headers: Record<string, string> = {}, project = owner.project.id) =>
    GET(new Request(`https://trechter.example.nl/api/v1/projects/${project}/dashboards/${dashboard}/pdf?${query}`, { headers }), {
      params: Promise.resolve({ projectId: project, dashboardId: dashboard }),
    });
  const WEEK = "from=2026-11-30&to=2026-12-06&device=desktop";

  beforeAll(async () => {
    setDbHandle({ db: db(), kind, close: async () => {} });
    owner = await ownerWithProject(db(), `dash-pdf-${kind}@example.nl`, { name: "Fietsenwinkel" });
    other = await ownerWithProject(db(), `dash-pdf-other-${kind}@example.nl`);
    viewer = await viewerOf(db(), owner.scope, `dash-pdf-viewer-${kind}@example.nl`);
    const scope = owner.scope;
    await insertEvents(db(), scope.projectId, shopTraffic([30, 31, 32, 33, 34, 35, 36], 40, 8, "a"));
    await insertEvents(db(), scope.projectId, shopTraffic([23, 24, 25, 26, 27, 28, 29], 20, 4, "p"));
    await createAnnotation(scope, { from: "2026-12-02", note: "campagne live" });
    const funnel = (await listFunnels(scope))[0];
    const purchase = (await listGoals(scope)).find((g) => g.key === "purchase")!;
    const d = await createDashboard(scope, { name: "Maandoverleg" });
    dashboardId = d.id;
    await addTile(scope, d.id, { kind: "funnel", funnelId: funnel.id, title: "Webshop funnel" });
    await addTile(scope, d.id, { kind: "goal", goalId: purchase.id });
    await addTile(scope, d.id, { kind: "stages" });
    await addTile(scope, d.id, { kind: "note", text: "Kerstcampagne loopt tot 24 december" });
    shareToken = (
      await createDashboardShare(scope, d.id, { range: { kind: "rolling", days: 30 }, logo: { type: "image/png", data: redLogo() } })
    ).token;
    plainId = (await createDashboard(scope, { name: "Zonder logo" })).id;
    await addTile(scope, plainId, { kind: "note", text: "Alleen een notitie" });
  });

  it("is an A4 PDF with the logo, project, dashboard, period and filters on every page, each tile and the notes, in English and Dutch", async () => {
    session.scope = owner.scope;
    for (const [locale, headers] of [
      ["en", { authorization: `Bearer ${owner.readKey}`, "accept-language": "en" }],
      ["nl", { "accept-language": "nl-NL,nl;q=0.9" }],
    ] as const) {
      const res = await get(dashboardId, WEEK, headers);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="Fietsenwinkel-Maandoverleg\.pdf"/);
      const { pages, pngs } = inspectPdf(Buffer.from(await res.arrayBuffer()), `dashboard-${locale}`);
      expect(pages.length).toBeGreaterThanOrEqual(2);
      for (const [i, page] of pages.entries()) {
        expect(page).toContain("Fietsenwinkel · Maandoverleg");
        expect(page).toMatch(locale === "nl" ? /Periode: 30 nov\.? 2026 – 6 dec\.? 2026/ : /Period: 30 Nov 2026 – 6 Dec 2026/);
        expect(page).toContain(locale === "nl" ? "Filters: Apparaat: desktop" : "Filters: Device: desktop");
        expect(page).toContain(locale === "nl" ? `Pagina ${i + 1} van ${pages.length}` : `Page ${i + 1} of ${pages.length}`);
        // The client's logo is in the header of every page: its red, which nothing else in the PDF uses.
        expect(await colourShare(fs.readFileSync(pngs[i]), RED)).toBeGreaterThan(0.002);
      }
      const all = pages.join("\n");
      for (const s of ["Webshop funnel", "Purchase", "Kerstcampagne loopt tot 24 december", "campagne live"]) expect(all).toContain(s);
      expect(all).toContain(locale === "nl" ? "12,50%" : "12.50%");
      expect(all).toContain(locale === "nl" ? "9,13% – 16,89%" : "9.13% – 16.89%");
      expect(all).toContain(locale === "nl" ? "Boven de benchmark" : "Above the benchmark");
      expect(all).toContain(locale === "nl" ? "Fase" : "Stage");
      expect(await pngStats(fs.readFileSync(pngs[0]))).toMatchObject({ width: 497, height: 702 });
    }
  });

  it("leaves the logo out when the dashboard's links have none, and answers a viewer", async () => {
    session.scope = viewer;
    const res = await get(plainId, "days=7");
    expect(res.status).toBe(200);
    const { pages, pngs } = inspectPdf(Buffer.from(await res.arrayBuffer()), "plain");
    expect(pages.join("\n")).toContain("Alleen een notitie");
    expect(await colourShare(fs.readFileSync(pngs[0]), RED)).toBe(0);
  });

  it("opens nothing for a stranger, another project's key, a share link's token or a wrong input", async () => {
    session.scope = null;
    expect((await get(dashboardId, WEEK)).status).toBe(401);
    expect((await get(dashboardId, WEEK, { authorization: `Bearer ${shareToken}` })).status).toBe(401);
    expect((await get(dashboardId, WEEK, { authorization: `Bearer ${other.readKey}` })).status).toBe(404);
    session.scope = other.scope;
    expect((await get(dashboardId, WEEK, {}, other.project.id)).status).toBe(404);
    expect((await get("not-a-uuid", WEEK, {}, other.project.id)).status).toBe(404);
    session.scope = owner.scope;
    expect((await get(dashboardId, "days=14")).status).toBe(400);
    expect((await get(dashboardId, "days=7&range=30d")).status).toBe(400);
    expect((await get(dashboardId, "days=7&prop:plan=pro")).status).toBe(400);
  });
});
