import { it, expect, beforeAll, afterAll } from "vitest";
import { describeEachDb } from "../../tests/db";
import { ownerWithProject } from "../../tests/fixtures";
import { startSmtpServer } from "../../tests/smtp";
import { shopTraffic } from "../../tests/shop-traffic";
import { inlineImages, pngStats } from "../../tests/mail-images";
import { insertEvents } from "../../db/events/insert";
import { listFunnels } from "../../db/funnels";
import { listGoals } from "../../db/goals";
import { addTile, createDashboard, deleteDashboard } from "../../db/dashboards";
import { openDashboardShare } from "../../db/dashboards-share";
import { createAnnotation } from "../../db/annotations";
import { createDigestSchedule, listDigestSchedules } from "../../db/digests";
import { enqueueDueDigests } from "../../db/digests-due";
import { runDueJobs } from "../jobs/runner";
import { runDigestJob, type DigestDeps } from "./job";
import type { ProjectScope } from "../../db/tenant";

const SECRET = "dashboard-digest-secret-dashboard-digest";
// Thursday 3 December 2026; the weekly digest goes out on Mondays at 08:00 local (07:00 UTC).
const NOW = new Date("2026-12-03T10:00:00Z");
const MONDAY = new Date("2026-12-07T07:00:00Z");

describeEachDb("a dashboard's scheduled digest, end to end", (db) => {
  let scope: ProjectScope;
  let ownerId: string;
  let dashboardId: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let deps: DigestDeps;
  const run = (at: Date) =>
    runDueJobs(db(), { digest: (job, ctx) => runDigestJob(job, ctx, deps) }, { worker: "w1", now: () => at, leaseMs: 10 * 60_000 });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    deps = {
      mail: { smtpUrl: smtp.url, from: "Trechter <digest@example.nl>" },
      appUrl: "https://trechter.example.nl",
      secret: SECRET,
      leaseMs: 600_000,
    };
    const owner = await ownerWithProject(db(), "dash-digest@example.nl", { name: "Fietsenwinkel" });
    scope = owner.scope;
    ownerId = owner.user.id;
    // The week reported (Mon 30 Nov – Sun 6 Dec): 40 a day, 1 in 8 buys; the week before: 20 a day, 1 in 4.
    await insertEvents(db(), scope.projectId, shopTraffic([30, 31, 32, 33, 34, 35, 36], 40, 8, "a"));
    await insertEvents(db(), scope.projectId, shopTraffic([23, 24, 25, 26, 27, 28, 29], 20, 4, "p"));
    await createAnnotation(scope, { from: "2026-12-02", note: "campagne live" });
    const funnel = (await listFunnels(scope))[0];
    const purchase = (await listGoals(scope)).find((g) => g.key === "purchase")!;
    const d = await createDashboard(scope, { name: "Klant: Fietsenwinkel" });
    dashboardId = d.id;
    await addTile(scope, d.id, { kind: "note", text: "Kerstcampagne loopt tot 24 december" });
    await addTile(scope, d.id, { kind: "funnel", funnelId: funnel.id, title: "Webshop funnel" });
    await addTile(scope, d.id, { kind: "goal", goalId: purchase.id });
    await addTile(scope, d.id, { kind: "stages" });
    await addTile(scope, d.id, { kind: "segments", field: "device" });
    // A funnel tile for mobile only: nobody in this traffic, so its figures are zeros.
    await addTile(scope, d.id, { kind: "funnel", funnelId: funnel.id, title: "Mobiel", filters: { device: ["mobile"] } });
    const schedule = await createDigestSchedule(
      scope,
      {
        report: "dashboard",
        dashboardId: d.id,
        frequency: "weekly",
        weekday: 1,
        hour: 8,
        members: [ownerId],
        outside: [{ email: "klant@example.com", locale: "nl" }],
      },
      { secret: SECRET, now: NOW },
    );
    expect(schedule.nextRunAt.toISOString()).toBe(MONDAY.toISOString());
  });
  afterAll(async () => smtp?.close());

  it("refuses a dashboard schedule without a dashboard of this project", async () => {
    const base = { report: "dashboard" as const, frequency: "daily" as const, hour: 8, members: [ownerId] };
    await expect(createDigestSchedule(scope, base, { secret: SECRET })).rejects.toThrow(/dashboard/);
    const other = await ownerWithProject(db(), "dash-digest-other@example.nl");
    const theirs = await createDashboard(other.scope, { name: "Theirs" });
    await expect(createDigestSchedule(scope, { ...base, dashboardId: theirs.id }, { secret: SECRET })).rejects.toMatchObject({
      status: 400,
      field: "dashboardId",
    });
  });

  it("mails every tile with figures, intervals, verdicts and charts, in each reader's language, linking the shared dashboard", async () => {
    expect(await enqueueDueDigests(db(), MONDAY)).toBe(1);
    expect(await run(MONDAY)).toMatchObject({ done: 1 });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(["dash-digest@example.nl", "klant@example.com"]);
    const en = smtp.received.find((m) => m.to[0] === "dash-digest@example.nl")!;
    const nl = smtp.received.find((m) => m.to[0] === "klant@example.com")!;

    expect(en.subject).toBe("Fietsenwinkel · Klant: Fietsenwinkel: 30 Nov 2026 – 6 Dec 2026");
    // The tiles in grid order, each under its heading.
    const order = ["Kerstcampagne loopt tot 24 december", "Webshop funnel", "Purchase", "Stage KPIs", "Segments by Device", "Mobiel"];
    const at = order.map((s) => en.text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The funnel tile: 280 entered, 35 bought (12.50 %, 9.13–16.89 %) against 140 and 35 (25.00 %), the verdict.
    expect(en.text).toMatch(/Conversion rate: 12\.50% \(period before: 25\.00%\)/);
    expect(en.text).toMatch(/95 % interval: 9\.13% – 16\.89% \(period before: 18\.56% – 32\.78%\)/);
    expect(en.text).toMatch(/Change: [−-]50\.00%/);
    expect(en.html).toContain("Above the benchmark");
    expect(en.text).toMatch(/Completed the purchase \| 35 \| 12\.50% \| 100\.00%/);
    // The goal card, the stage KPIs and the segment table read from the same week.
    const goal = en.text.slice(at[2], at[3]);
    expect(goal).toMatch(/Converted: 35/);
    expect(goal).toMatch(/Conversion rate: 12\.50% \(period before: 25\.00%\)/);
    expect(en.text.slice(at[4], at[5])).toMatch(/desktop \| 280 \| 12\.50% \(9\.13% – 16\.89%\)/);
    // The mobile tile has nobody: zeros, not the desktop figures.
    expect(en.text.slice(at[5])).toMatch(/Entered: 0 \(period before: 0\)/);
    // The week's annotation, and the live link: the schedule's own share link of this dashboard.
    expect(en.text).toMatch(/2 Dec: campagne live/);
    const token = en.html.match(/https:\/\/trechter\.example\.nl\/share\/dashboard\/([A-Za-z0-9_-]+)/)?.[1];
    const opened = await openDashboardShare(db(), token!, { touch: false });
    expect(opened).toMatchObject({ state: "ok", dashboardName: "Klant: Fietsenwinkel" });

    // Dutch for the outside recipient, with the unsubscribe link.
    expect(nl.html).toContain('lang="nl"');
    expect(nl.subject).toMatch(/30 nov\.? 2026 – 6 dec\.? 2026/);
    expect(nl.text).toMatch(/Conversieratio: 12,50% \(periode ervoor: 25,00%\)/i);
    expect(nl.text).toContain("Segmenten per Apparaat");
    expect(nl.html).toMatch(/Afmelden voor dit rapport/);
    expect(nl.text).toMatch(/2 dec\.?: campagne live/);

    // One funnel and one trend image per funnel tile, real pictures of the promised size.
    for (const mail of [en, nl]) {
      const images = inlineImages(mail);
      expect([...images.keys()].sort()).toEqual(["tile2-funnel", "tile2-trend", "tile6-funnel", "tile6-trend"]);
      const s = await pngStats(images.get("tile2-funnel")!);
      expect(s).toMatchObject({ width: 1280, height: 600 });
      expect(s.inked).toBeGreaterThan(0.03);
      expect(mail.html).toContain('src="cid:tile2-trend"');
    }
  });

  it("goes with its dashboard: deleting the dashboard deletes its schedules", async () => {
    expect((await listDigestSchedules(scope)).map((s) => s.dashboardName)).toEqual(["Klant: Fietsenwinkel"]);
    await deleteDashboard(scope, dashboardId);
    expect(await listDigestSchedules(scope)).toEqual([]);
  });
});
