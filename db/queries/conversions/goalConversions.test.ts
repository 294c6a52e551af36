import { it, expect, beforeAll } from "vitest";
import { describeEachDb, alsoOnCitus } from "../../../tests/db";
import { createAccount } from "../../accounts";
import { teamScopeForUser, type ProjectScope } from "../../tenant";
import { createProject } from "../../projects";
import { insertEvents, type EventInput } from "../../events/insert";
import { goalConversions } from "./goalConversions";

alsoOnCitus();

const T0 = Date.parse("2026-04-01T10:00:00Z");
const FROM = new Date(T0 - 86400_000);
const TO = new Date(T0 + 86400_000);
let n = 0;
const ev = (person: string, m: number, name: string, extra: Partial<EventInput> = {}): EventInput => ({
  anonymousId: person,
  time: new Date(T0 + m * 60_000),
  name,
  messageId: `g${n++}`,
  ...extra,
});

// Hand-computed fixture: 5 visitors; a buys twice (counts once), b buys once, c signs up for the pro plan,
// d signs up for free, e only browses; f came before the range and converts inside it (f is a visitor too).
describeEachDb("goal conversions", (db) => {
  let scope: ProjectScope;
  beforeAll(async () => {
    const { user } = await createAccount(db(), { name: "G", email: "goals@example.nl", password: "long enough pw" });
    const team = (await teamScopeForUser(db(), user.id))!;
    scope = await team.project((await createProject(team, { name: "P", sector: "ecommerce" })).project.id);
    await insertEvents(db(), scope.projectId, [
      ev("a", 0, "pageview", { device: "desktop", source: "google" }),
      ev("a", 5, "purchase", { revenue: 50, device: "mobile" }),
      ev("a", 60, "purchase", { revenue: 30 }),
      ev("b", 0, "pageview", { device: "mobile", source: "google" }),
      ev("b", 3, "purchase", { revenue: 20 }),
      ev("c", 0, "pageview", { device: "mobile" }),
      ev("c", 2, "signup", { properties: { plan: "pro" } }),
      ev("d", 0, "pageview", { device: "desktop" }),
      ev("d", 2, "signup", { properties: { plan: "free" } }),
      ev("e", 0, "pageview", { device: "tablet" }),
      ev("f", -3000, "pageview", { device: "desktop" }),
      ev("f", 10, "purchase", { revenue: 10, device: "desktop" }),
    ]);
  });

  const goals = [{ event: "purchase" }, { event: "signup", where: { plan: "pro" } }];

  it("counts converted unique visitors, conversions and revenue per goal", async () => {
    const [all] = await goalConversions(scope, { goals, from: FROM, to: TO });
    expect(all.visitors).toBe(6);
    expect(all.goals[0]).toEqual({ converted: 3, conversions: 4, revenue: 110, repeaters: 1 });
    expect(all.goals[1]).toEqual({ converted: 1, conversions: 1, revenue: null, repeaters: 0 });
    // e only viewed one page; f's page view is before the range, so f's only event inside is a purchase
    expect(all.bounced).toBe(1);
    expect(all.newVisitors).toBe(0);
  });

  it("counts new visitors (first seen inside the range) only when asked, and any-of goals once per event", async () => {
    const [all] = await goalConversions(scope, {
      goals: [[{ event: "purchase" }, { event: "signup" }]],
      from: FROM,
      to: TO,
      newVisitors: true,
    });
    expect(all.newVisitors).toBe(5);
    expect(all.goals[0]).toMatchObject({ converted: 5, conversions: 6, repeaters: 1 });
  });

  it("segments visitors by their first event in the range, and filters the same way", async () => {
    const rows = await goalConversions(scope, { goals, from: FROM, to: TO, groupBy: "device" });
    const byDevice = Object.fromEntries(rows.map((r) => [r.group, [r.visitors, r.goals[0].converted]]));
    expect(byDevice).toEqual({ desktop: [3, 2], mobile: [2, 1], tablet: [1, 0] });
    const [google] = await goalConversions(scope, { goals, from: FROM, to: TO, filters: { source: ["google"] } });
    expect([google.visitors, google.goals[0].converted, google.goals[0].revenue]).toEqual([2, 2, 100]);
  });

  it("has no rows for an empty range", async () => {
    expect(await goalConversions(scope, { goals, from: new Date(T0 + 5 * 86400_000), to: new Date(T0 + 6 * 86400_000) })).toEqual([]);
  });
});
