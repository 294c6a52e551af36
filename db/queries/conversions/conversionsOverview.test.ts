import { it, expect, beforeAll } from "vitest";
import { ownerWithProject } from "../../../tests/fixtures";
import { describeEachDb, alsoOnCitus } from "../../../tests/db";
import type { ProjectScope } from "../../tenant";
import { insertEvents, type EventInput } from "../../events/insert";
import { projectConversions } from "../../conversions";
import { conversionsOverview } from "./conversionsOverview";

alsoOnCitus();

// Europe/Amsterdam is UTC+2 in April: the range is the local days 1 and 2 April.
const FROM = new Date("2026-03-31T22:00:00Z");
const TO = new Date("2026-04-02T22:00:00Z");
const APR1 = Date.parse("2026-04-01T08:00:00Z");
const APR2 = APR1 + 86400_000;
const MAR30 = APR1 - 2 * 86400_000;
let n = 0;
const ev = (person: string, at: number, minutes: number, name: string, extra: Partial<EventInput> = {}): EventInput => ({
  anonymousId: person,
  time: new Date(at + minutes * 60_000),
  name,
  messageId: `o${n++}`,
  ...extra,
});

// Hand-computed fixture (see the expectations for the arithmetic):
// a: came on 30 March (previous period), then on 1 April from google: product page, cart, buys 50; buys 30 on 2 April.
// b: 1 April from facebook on mobile: newsletter, red cart item, no purchase.
// c: 2 April from google on mobile, one page view (a bounce).
// d: 2 April, no source, desktop: a product page, buys 20 three minutes later.
// e, f: previous period only; e buys 40.
describeEachDb("conversions overview", (db) => {
  let scope: ProjectScope;
  beforeAll(async () => {
    scope = (await ownerWithProject(db(), "overview@example.nl")).scope;
    await insertEvents(db(), scope.projectId, [
      ev("a", MAR30, 0, "pageview", { path: "/" }),
      ev("e", MAR30, 0, "pageview", { path: "/" }),
      ev("e", MAR30, 2, "purchase", { revenue: 40 }),
      ev("f", MAR30, 0, "pageview", { path: "/" }),
      ev("a", APR1, 0, "pageview", { path: "/", source: "google", device: "desktop" }),
      ev("a", APR1, 1, "pageview", { path: "/product/x", device: "desktop" }),
      ev("a", APR1, 2, "add_to_cart", { device: "desktop" }),
      ev("a", APR1, 4, "purchase", { revenue: 50, device: "desktop" }),
      ev("a", APR2, 0, "purchase", { revenue: 30, device: "desktop" }),
      ev("b", APR1, 0, "pageview", { path: "/", source: "facebook", device: "mobile" }),
      ev("b", APR1, 1, "newsletter_signup", { device: "mobile" }),
      ev("b", APR1, 2, "add_to_cart", { device: "mobile", properties: { color: "red" } }),
      ev("c", APR2, 0, "pageview", { path: "/", source: "google", device: "mobile" }),
      ev("d", APR2, 0, "pageview", { path: "/product/y", device: "desktop" }),
      ev("d", APR2, 3, "purchase", { revenue: 20, device: "desktop" }),
    ]);
  });

  it("rates each goal as converted unique visitors over unique visitors, with revenue, repeats and the previous period", async () => {
    const o = await projectConversions(scope, { from: FROM, to: TO, filters: {}, segments: [] });
    expect([o.visitors, o.newVisitors, o.returningVisitors, o.previousVisitors]).toEqual([4, 3, 1, 3]);
    expect(o.goals.map((g) => g.key)).toEqual(["purchase", "add_to_cart", "newsletter_signup", "account_created", "wishlist_add"]);
    const purchase = o.goals[0];
    // a buys twice: one converted visitor, two conversions
    expect([purchase.converted, purchase.conversions, purchase.rate.rate, purchase.repeatConverters]).toEqual([2, 3, 0.5, 1]);
    expect(purchase.rate.low).toBeLessThan(0.5);
    expect(purchase.rate.high).toBeGreaterThan(0.5);
    expect(purchase.small).toBe(true);
    expect(purchase.revenue!.total).toBe(100);
    expect(purchase.revenue!.averageOrderValue).toBeCloseTo(100 / 3, 10);
    expect(purchase.revenue!.perVisitor).toBe(25);
    // previous period: a, e, f visited and e bought: 1/3, so 1/2 is half as much again
    expect(purchase.previous).toEqual({ visitors: 3, converted: 1, rate: 1 / 3 });
    expect(purchase.change).toBeCloseTo(0.5, 10);
    expect(o.goals[1]).toMatchObject({ converted: 2, conversions: 2, revenue: null });
    expect(o.goals[2]).toMatchObject({ converted: 1, conversions: 1 });
    expect(o.goals[3].rate.rate).toBe(0);
  });

  it("has a sparkline point for every local day, empty days included", async () => {
    const o = await projectConversions(scope, { from: FROM, to: TO, filters: {}, segments: [] });
    expect(o.goals[0].daily).toEqual([
      { day: "2026-04-01", visitors: 2, converted: 1, rate: 0.5 },
      { day: "2026-04-02", visitors: 3, converted: 2, rate: 2 / 3 },
    ]);
    const week = await projectConversions(scope, { from: new Date("2026-03-28T23:00:00Z"), to: TO, filters: {}, segments: [] });
    expect(week.goals[0].daily.map((d) => [d.day, d.visitors, d.converted])).toEqual([
      ["2026-03-29", 0, 0],
      ["2026-03-30", 3, 1],
      ["2026-03-31", 0, 0],
      ["2026-04-01", 2, 1],
      ["2026-04-02", 3, 2],
    ]);
  });

  it("segments by first touch in the range, marks small rows, and filters the whole overview", async () => {
    const o = await projectConversions(scope, { from: FROM, to: TO, filters: {}, segments: ["source", "device"] });
    const rows = (field: "source" | "device") =>
      Object.fromEntries(o.segments[field]!.map((r) => [r.value, [r.visitors, r.goals[0].converted, r.goals[0].rate.rate, r.small]]));
    expect(rows("source")).toEqual({ google: [2, 1, 0.5, true], facebook: [1, 0, 0, true], "(none)": [1, 1, 1, true] });
    expect(rows("device")).toEqual({ desktop: [2, 2, 1, true], mobile: [2, 0, 0, true] });
    const google = await projectConversions(scope, { from: FROM, to: TO, filters: { source: ["google"] }, segments: [] });
    expect([google.visitors, google.goals[0].converted, google.goals[0].conversions, google.goals[0].revenue!.total]).toEqual([
      2, 1, 2, 80,
    ]);
    expect(google.goals[0].daily.map((d) => d.visitors)).toEqual([1, 2]);
  });

  it("counts goals with property equalities, and stage KPIs from the template", async () => {
    const o = await conversionsOverview(scope, {
      from: FROM,
      to: TO,
      goals: [
        { key: "red", name: "Red cart", kind: "micro", revenue: false, match: { event: "add_to_cart", where: { color: "red" } } },
        { key: "buy", name: "Buy", kind: "macro", revenue: true, match: { event: "purchase" } },
      ],
    });
    expect(o.goals.map((g) => [g.key, g.converted])).toEqual([
      ["buy", 2],
      ["red", 1],
    ]);
    const stage = Object.fromEntries(o.stages.map((s) => [s.stage, s.visitors]));
    // Retention keeps customers: a bought again on 2 April (nobody fired a retention marker).
    expect(stage).toEqual({ awareness: 4, interest: 3, decision: 2, action: 2, retention: 1 });
    const kpi = Object.fromEntries(o.stages.flatMap((s) => s.kpis.map((k) => [k.id, k.value])));
    expect(kpi.visitors).toBe(4);
    expect(kpi.new_visitors).toBe(3);
    expect(kpi.returning_visitors).toBe(1);
    expect(kpi.bounce_rate).toBe(0.25);
    expect(kpi.visitor_to_lead_rate).toBe(0.75);
    expect(kpi.product_page_click_through).toBe(0.5);
    expect(kpi.time_on_key_pages).toBe(120);
    expect(kpi.purchases).toBe(3);
    expect(kpi.average_order_value).toBeCloseTo(100 / 3, 10);
    expect(kpi.revenue).toBe(100);
    expect(kpi.repeat_purchases).toBe(1);
    // all time: a 80, d 20, e 40 over three customers
    expect(kpi.customer_lifetime_value).toBeCloseTo(140 / 3, 10);
    expect(o.stages[0].kpis.find((k) => k.id === "visitors_per_source")!.items).toEqual([
      { label: "google", value: 2 },
      { label: "facebook", value: 1 },
    ]);
    // four visitors are far too few to hold a rate against the sector
    expect(o.benchmark).toMatchObject({ goalKey: "buy", rate: 0.0263, verdict: "insufficient" });
    expect(o.whatIf).toEqual({ goalKey: "buy", visitors: 4, currentRate: 0.5, valuePerConversion: 50 });
  });

  it("is empty, not broken, for a range without events", async () => {
    const o = await projectConversions(scope, {
      from: new Date("2026-06-01T00:00:00Z"),
      to: new Date("2026-06-03T00:00:00Z"),
      filters: {},
      segments: ["source"],
    });
    expect(o.visitors).toBe(0);
    expect(o.goals[0].rate.rate).toBeNull();
    expect(o.goals[0].change).toBeNull();
    expect(o.segments.source).toEqual([]);
    expect(o.whatIf).toBeNull();
  });
});
