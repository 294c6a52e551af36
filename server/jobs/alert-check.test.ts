import { it, expect, beforeAll, afterAll } from "vitest";
import { eq } from "drizzle-orm";
import { describeEachDb } from "../../tests/db";
import { ownerWithProject, viewerOf } from "../../tests/fixtures";
import { startSmtpServer, closedPort } from "../../tests/smtp";
import { insertEvents, type EventInput } from "../../db/events/insert";
import { createAlertRule, enqueueDueAlertChecks, listAlertRules, openAlerts } from "../../db/alerts";
import { users } from "../../db/schema";
import { zonedMidnight } from "../../lib/funnel/ranges";
import { runDueJobs } from "./runner";
import { runAlertCheck, type AlertDeps } from "./alert-check";
import type { ProjectScope } from "../../db/tenant";

const TZ = "Europe/Amsterdam";
// Thursday 10 December 2026, 11:00 local: the checked week is 3–9 December.
const NOW = new Date("2026-12-10T10:00:00Z");
const hours = (n: number) => new Date(NOW.getTime() + n * 3600_000);
let m = 0;

/** `visitors` visitors on each of the 7 days before NOW's day, `buyers` of them (per day) purchasing. */
function week(visitors: number, buyers: number, tag: string, receivedAt = NOW): EventInput[] {
  const out: EventInput[] = [];
  for (let d = 3; d <= 9; d++)
    for (let v = 0; v < visitors; v++) {
      const t = zonedMidnight(2026, 12, d, TZ).getTime() + 10 * 3600_000 + v * 1000;
      const id = `${tag}-${d}-${v}`;
      out.push({ time: new Date(t), name: "pageview", path: "/", anonymousId: id, messageId: `al-${m++}`, receivedAt });
      if (v < buyers) out.push({ time: new Date(t + 500), name: "purchase", anonymousId: id, messageId: `al-${m++}`, receivedAt });
    }
  return out;
}

describeEachDb("alerts, end to end", (db) => {
  let scope: ProjectScope;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let deps: AlertDeps;
  const run = (at: Date) => runDueJobs(db(), { alert_check: (job, ctx) => runAlertCheck(job, ctx, deps) }, { worker: "w", now: () => at });
  const check = async (at: Date) => {
    await enqueueDueAlertChecks(db(), at);
    return run(at);
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    deps = { mail: { smtpUrl: smtp.url, from: "Trechter <alerts@example.nl>" }, appUrl: "https://trechter.example.nl" };
    const owner = await ownerWithProject(db(), "alert-owner@example.nl", { name: "Fietsenwinkel" });
    scope = owner.scope;
    const viewer = await viewerOf(db(), scope, "alert-viewer@example.nl");
    await db().update(users).set({ locale: "nl" }).where(eq(users.email, "alert-viewer@example.nl"));
    // 1 in 100 visitors buys: 1.00 %, under the rule's 2 %.
    await insertEvents(db(), scope.projectId, week(100, 1, "a"));
    await createAlertRule(
      scope,
      {
        name: "Aankopen onder 2%",
        target: "goal",
        goalKey: "purchase",
        condition: "below",
        thresholdPercent: 2,
        recipients: [owner.user.id, viewer.actor.kind === "member" ? viewer.actor.userId : ""],
      },
      NOW,
    );
  });
  afterAll(async () => smtp?.close());

  it("refuses a rule for someone outside the team, or without its threshold", async () => {
    const base = { name: "x", target: "goal" as const, goalKey: "purchase", condition: "below" as const, recipients: [] as string[] };
    await expect(
      createAlertRule(scope, { ...base, recipients: ["00000000-0000-4000-8000-000000000000"], thresholdPercent: 2 }),
    ).rejects.toThrow("recipients");
    await expect(createAlertRule(scope, { ...base, recipients: ["00000000-0000-4000-8000-000000000000"] })).rejects.toThrow();
  });

  it("fires once, mails each member in their language with why and a link, and stays open without mailing again", async () => {
    expect(await check(NOW)).toMatchObject({ done: 1 });
    expect(smtp.received.map((x) => x.to[0]).sort()).toEqual(["alert-owner@example.nl", "alert-viewer@example.nl"]);
    const en = smtp.received.find((x) => x.to[0] === "alert-owner@example.nl")!;
    const nl = smtp.received.find((x) => x.to[0] === "alert-viewer@example.nl")!;
    expect(en.subject).toBe("Alert: Aankopen onder 2%");
    expect(en.text).toContain("is 1.00% (converted: 7 of 700; 3 Dec 2026 – 9 Dec 2026), below 2.00%");
    expect(en.html).toContain(`href="https://trechter.example.nl/projects/${scope.projectId}"`);
    expect(nl.subject).toBe("Waarschuwing: Aankopen onder 2%");
    expect(nl.text).toContain("is 1,00% (geconverteerd: 7 van 700;");
    expect((await openAlerts(scope)).map((a) => a.name)).toEqual(["Aankopen onder 2%"]);

    smtp.received.length = 0;
    expect(await check(hours(1))).toMatchObject({ done: 1 });
    expect(await check(hours(1.5))).toMatchObject({ done: 0 }); // checked hourly
    expect(smtp.received).toHaveLength(0);
  });

  it("resolves when the rate recovers, and fires again (a new episode, a new mail) when it falls again", async () => {
    // Three more buyers a day in the same week: 4 in 103, about 3.9 %.
    await insertEvents(db(), scope.projectId, week(3, 3, "b"));
    await check(hours(2));
    expect(await openAlerts(scope)).toEqual([]);
    expect(smtp.received).toHaveLength(0);
    // The next day's week (4–10 Dec) has the new buyers' days but a flood of visitors on the 10th without buyers.
    const flood: EventInput[] = [];
    for (let v = 0; v < 800; v++)
      flood.push({
        time: new Date(zonedMidnight(2026, 12, 10, TZ).getTime() + 12 * 3600_000 + v * 1000),
        name: "pageview",
        path: "/",
        anonymousId: `c-${v}`,
        messageId: `al-${m++}`,
      });
    await insertEvents(db(), scope.projectId, flood);
    await check(new Date("2026-12-11T10:00:00Z"));
    expect(smtp.received).toHaveLength(2);
    const [rule] = await listAlertRules(scope);
    expect(rule.episodes.map((e) => Boolean(e.resolvedAt))).toEqual([false, true]);
  });

  it("fires when no events arrived for the hours set, retries a mail that failed, and mails once when the server is back", async () => {
    await insertEvents(db(), scope.projectId, [
      {
        time: new Date("2026-12-11T08:00:00Z"),
        name: "pageview",
        path: "/",
        anonymousId: "late",
        messageId: "late-1",
        receivedAt: new Date("2026-12-11T08:00:00Z"),
      },
    ]);
    const me = scope.actor.kind === "member" ? scope.actor.userId : "";
    await createAlertRule(
      scope,
      { name: "Stil", target: "goal", condition: "no_events", hours: 6, recipients: [me] },
      new Date("2026-12-11T12:00:00Z"),
    );
    smtp.received.length = 0;
    await check(new Date("2026-12-11T12:00:00Z")); // 4 hours quiet: nothing
    expect(smtp.received).toHaveLength(0);
    const good = deps.mail!;
    deps.mail = { ...good, smtpUrl: `smtp://127.0.0.1:${await closedPort()}` };
    const at = new Date("2026-12-11T14:00:00Z");
    expect(await check(at)).toMatchObject({ retried: 1 });
    deps.mail = good;
    expect(await run(new Date(at.getTime() + 60_000))).toMatchObject({ done: 1 });
    expect(smtp.received.map((x) => x.subject)).toEqual(["Alert: Stil"]);
    expect(smtp.received[0].text).toMatch(/No events received for 6 hours/);
  });
});
