import { test, expect, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { signUp, signUpWithDemoProject } from "./helpers";

/** Every route handler in app/, read from the file tree so a new route is covered without editing this test. */
function routeHandlers(): { file: string; pattern: string; methods: string[] }[] {
  const out: { file: string; pattern: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === "route.ts") {
        const src = fs.readFileSync(full, "utf8");
        const methods = [...src.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
        const pattern =
          "/" +
          path
            .relative("app", path.dirname(full))
            .split(path.sep)
            .filter((s) => !/^\(.*\)$/.test(s))
            .join("/");
        out.push({ file: full, pattern, methods });
      }
    }
  };
  walk("app");
  return out;
}

async function projectWithFunnel(page: Page, team: string) {
  const projectId = await signUpWithDemoProject(page, { teamName: team, project: `${team} shop` });
  await page.getByTestId("edit-funnel").click();
  await expect(page).toHaveURL(/\/funnels\/[0-9a-f-]{36}\/edit$/);
  const funnelId = page.url().split("/").slice(-2)[0];
  // A dashboard of its own, for the routes under a dashboard (its PDF).
  await page.goto(`/projects/${projectId}/dashboards`);
  await page.getByTestId("dashboard-new-name").fill(`${team} client`);
  await page.getByTestId("dashboard-create").click();
  await expect(page).toHaveURL(/\?d=[0-9a-f-]{36}$/);
  const dashboardId = new URL(page.url()).searchParams.get("d")!;
  return { projectId, funnelId, dashboardId };
}

test("a member of team A reaches none of team B's data through any route handler", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const b = await projectWithFunnel(page, "Team B");
  const ctxA = await browser.newContext();
  const a = await ctxA.newPage();
  await signUp(a, { teamName: "Team A" });

  const routes = routeHandlers();
  expect(routes.length).toBeGreaterThan(5);
  const checked: string[] = [];
  for (const r of routes) {
    // Public by design, each with its own credential: sign-in, write-key ingestion, share tokens (share.spec),
    // the Plausible and Umami drop-in ingestion (the claimed site; dropin.spec) and their scripts.
    const dropIn = ["/api/event", "/api/send", "/script.js", "/js/[script]"].includes(r.pattern);
    if (r.pattern.includes("[...nextauth]") || r.pattern.startsWith("/v1/") || r.pattern.includes("[token]") || dropIn) continue;
    // A person of B's demo traffic exists under any id; the route must not reach it either way.
    const url = r.pattern
      .replace("[projectId]", b.projectId)
      .replace("[funnelId]", b.funnelId)
      .replace("[dashboardId]", b.dashboardId)
      .replace("[personId]", "customer-1-1");
    expect(url, `${r.file} has a parameter this test does not know`).not.toMatch(/\[/);
    for (const method of r.methods) {
      const body = {
        projectId: b.projectId,
        steps: [{ event: "pageview" }, { event: "purchase" }],
        from: "2026-01-01T00:00:00Z",
        to: "2026-12-01T00:00:00Z",
      };
      const res = await a.request.fetch(url + (method === "GET" ? "?field=source" : ""), {
        method,
        data: method === "GET" ? undefined : body,
      });
      const text = await res.text();
      expect(text, `${method} ${r.pattern} leaked team B's ids`).not.toContain(b.projectId);
      expect(text).not.toContain(b.funnelId);
      expect(text).not.toContain(b.dashboardId);
      if (!r.pattern.endsWith("/api/v1/projects"))
        expect([401, 403, 404], `${method} ${r.pattern} answered ${res.status()}`).toContain(res.status());
      checked.push(`${method} ${r.pattern}`);
    }
  }
  expect(checked).toContain("POST /api/v1/funnels/query");
  expect(checked).toContain("GET /api/v1/funnels/[funnelId]/results");
  expect(checked).toContain("DELETE /api/v1/projects/[projectId]/persons/[personId]");
  expect(checked).toContain("GET /api/v1/projects/[projectId]/export");
  expect(checked).toContain("GET /api/v1/projects/[projectId]/dashboards/[dashboardId]/pdf");

  // Pages too: another team's project is a 404, not its content.
  const pageRes = await a.goto(`/projects/${b.projectId}`);
  expect(pageRes?.status()).toBe(404);
  await expect(a.getByText("Team B shop")).toHaveCount(0);
  const settings = await a.goto(`/projects/${b.projectId}/settings`);
  expect(settings?.status()).toBe(404);
  await ctxA.close();
});
