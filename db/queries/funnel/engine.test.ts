import { it, expect, beforeAll } from "vitest";
import { describeEachDb, alsoOnCitus } from "../../../tests/db";
import { createAccount } from "../../accounts";
import { teamScopeForUser, type ProjectScope } from "../../tenant";
import { createProject } from "../../projects";
import { insertEvents, type EventInput } from "../../events/insert";
import { funnelResults, type FunnelQuery } from "./funnelResults";
import { funnelStepCounts, runEngine } from "./engine";
import type { Db } from "../../client";
import { InputError } from "../../../lib/errors";
import { limitedStatements } from "../../limits";
import { sql } from "drizzle-orm";
import type { FunnelStep } from "../../../lib/funnel/types";

alsoOnCitus();

const T0 = Date.parse("2026-03-02T10:00:00Z");
const min = (m: number) => new Date(T0 + m * 60_000);
const FROM = new Date(T0 - 86400_000);
const TO = new Date(T0 + 86400_000);
const HOUR = 3600;

let n = 0;
/** One event for `person` at minute `m` (ties broken by insertion order). */
const ev = (person: string, m: number, name: string, extra: Partial<EventInput> = {}): EventInput => ({
  anonymousId: person,
  time: min(m),
  name,
  messageId: `m${n++}`,
  ...extra,
});

describeEachDb("funnel engine", (db, kind) => {
  let counter = 0;
  /** A fresh project with these events, so every case stands alone. */
  async function project(events: EventInput[][]): Promise<ProjectScope> {
    const { user } = await createAccount(db(), { name: "F", email: `f${counter++}@engine.nl`, password: "long enough pw" });
    const team = (await teamScopeForUser(db(), user.id))!;
    const { project } = await createProject(team, { name: "P", sector: "ecommerce" });
    const scope = await team.project(project.id);
    for (const batch of events) await insertEvents(db(), project.id, batch);
    return scope;
  }
  const steps = (...names: string[]): FunnelStep[] => names.map((event) => ({ event }));
  const counts = async (scope: ProjectScope, q: Partial<FunnelQuery> & { steps: FunnelStep[] }) =>
    (await funnelResults(scope, { windowSeconds: HOUR, from: FROM, to: TO, ...q })).steps.map((s) => s.visitors);

  it("counts visitors per step and needs each step strictly after the previous", async () => {
    const s = await project([
      [
        ev("a", 0, "view"),
        ev("a", 1, "cart"),
        ev("a", 2, "buy"),
        ev("b", 0, "view"),
        ev("b", 5, "buy"),
        ev("c", 0, "cart"),
        ev("c", 1, "view"),
      ],
    ]);
    // c added to cart before viewing: it entered, but the cart does not count after the view.
    expect(await counts(s, { steps: steps("view", "cart", "buy") })).toEqual([3, 1, 1]);
  });

  it("orders equal timestamps by the order they were received", async () => {
    const s = await project([
      [ev("a", 0, "view"), ev("a", 3, "cart"), ev("a", 3, "buy")],
      [ev("b", 0, "view"), ev("b", 3, "buy")],
      [ev("b", 3, "cart")],
    ]);
    // a: cart received before buy at the same instant → completes; b: buy received first → stops at cart.
    expect(await counts(s, { steps: steps("view", "cart", "buy") })).toEqual([2, 2, 1]);
  });

  it("does not let one event count for two steps", async () => {
    const s = await project([[ev("a", 0, "pageview", { path: "/product/1" })]]);
    expect(await counts(s, { steps: [{ event: "pageview" }, { event: "pageview", path: "/product/*" }] })).toEqual([1, 0]);
  });

  it("takes the best attempt over several starts", async () => {
    // First attempt reaches cart but times out; a later start completes the funnel.
    const s = await project([
      [
        ev("a", 0, "view"),
        ev("a", 10, "cart"),
        ev("a", 200, "view"),
        ev("a", 210, "cart"),
        ev("a", 220, "buy"),
        ev("b", 0, "view"),
        ev("b", 10, "cart"),
        ev("b", 100, "buy"),
      ],
    ]);
    expect(await counts(s, { steps: steps("view", "cart", "buy") })).toEqual([2, 2, 1]);
  });

  it("counts the window's edge: exactly the window is in, one second more is out", async () => {
    const s = await project([
      [ev("a", 0, "view"), ev("a", 60, "buy"), ev("b", 0, "view"), ev("b", 60, "buy", { time: new Date(T0 + 3601_000) })],
    ]);
    expect(await counts(s, { steps: steps("view", "buy") })).toEqual([2, 1]);
  });

  it("lets later steps fall after the range's end, but entries must be inside it", async () => {
    const end = new Date(T0 + 30 * 60_000);
    const s = await project([
      [
        ev("a", 20, "view"),
        ev("a", 45, "buy"),
        ev("b", -5, "view", { time: new Date(FROM.getTime() - 60_000) }),
        ev("b", 1, "buy", { time: new Date(FROM.getTime() + 60_000) }),
        ev("c", 40, "view"),
        ev("c", 41, "buy"),
      ],
    ]);
    expect(await counts(s, { steps: steps("view", "buy"), to: end })).toEqual([1, 1]);
  });

  it("applies segment filters to the entry event only (OR within a field, AND across)", async () => {
    const s = await project([
      [
        ev("a", 0, "view", { device: "mobile", source: "google" }),
        ev("a", 1, "buy", { device: "desktop" }),
        ev("b", 0, "view", { device: "desktop", source: "google" }),
        ev("b", 1, "buy", { device: "mobile" }),
        ev("c", 0, "view", { device: "tablet", source: "facebook" }),
        ev("c", 1, "buy"),
        ev("d", 0, "view", { device: "mobile", source: "facebook" }),
      ],
    ]);
    expect(await counts(s, { steps: steps("view", "buy"), filters: { device: ["mobile"] } })).toEqual([2, 1]);
    expect(await counts(s, { steps: steps("view", "buy"), filters: { device: ["mobile", "tablet"] } })).toEqual([3, 2]);
    expect(await counts(s, { steps: steps("view", "buy"), filters: { device: ["mobile", "tablet"], source: ["facebook"] } })).toEqual([
      2, 1,
    ]);
    expect(await counts(s, { steps: steps("view", "buy"), filters: { source: ["(none)"] } })).toEqual([0, 0]);
  });

  it("restricts which events may start an attempt, not which may continue one", async () => {
    // Entered first from facebook (no conversion), later from google and converted.
    const s = await project([
      [ev("a", 0, "view", { source: "facebook" }), ev("a", 120, "view", { source: "google" }), ev("a", 130, "buy")],
    ]);
    expect(await counts(s, { steps: steps("view", "buy"), filters: { source: ["facebook"] } })).toEqual([1, 0]);
    expect(await counts(s, { steps: steps("view", "buy"), filters: { source: ["google"] } })).toEqual([1, 1]);
  });

  it("breaks down by a field: a visitor who entered through two values counts in both series", async () => {
    const s = await project([
      [
        ev("a", 0, "view", { source: "google" }),
        ev("a", 1, "buy"),
        ev("a", 100, "view", { source: "facebook" }),
        ev("b", 0, "view", { source: "google" }),
        ev("c", 0, "view"),
      ],
    ]);
    const r = await funnelResults(s, { steps: steps("view", "buy"), windowSeconds: HOUR, from: FROM, to: TO, breakdown: "source" });
    const bySource = Object.fromEntries(r.breakdown!.series.map((x) => [x.value, x.steps.map((st) => st.visitors)]));
    expect(bySource).toEqual({ google: [2, 1], facebook: [1, 0], "(none)": [1, 0] });
    expect(r.steps.map((x) => x.visitors)).toEqual([3, 1]);
  });

  it("puts values beyond the top 10 in one 'other' series", async () => {
    const events = Array.from({ length: 12 }, (_, i) => ev(`v${i}`, 0, "view", { campaign: `c${String(i).padStart(2, "0")}` }));
    events.push(ev("v0b", 0, "view", { campaign: "c00" }));
    const s = await project([events]);
    const r = await funnelResults(s, { steps: steps("view", "buy"), windowSeconds: HOUR, from: FROM, to: TO, breakdown: "campaign" });
    expect(r.breakdown!.series).toHaveLength(11);
    expect(r.breakdown!.series[0]).toMatchObject({ value: "c00", other: false });
    expect(r.breakdown!.series[10]).toMatchObject({ value: null, other: true });
    expect(r.breakdown!.series[10].steps[0].visitors).toBe(2);
  });

  it("counts people, not devices: events before an identify count as the user's", async () => {
    const s = await project([
      [ev("phone", 0, "view"), ev("laptop", 5, "cart")],
      [ev("phone", 6, "identify", { userId: "u1" }), ev("laptop", 7, "identify", { userId: "u1" })],
      [ev("x", 8, "buy", { anonymousId: null, userId: "u1" })],
    ]);
    expect(await counts(s, { steps: steps("view", "cart", "buy") })).toEqual([1, 1, 1]);
  });

  it("matches path patterns with * and keeps % and _ literal", async () => {
    const s = await project([
      [
        ev("a", 0, "pageview", { path: "/product/fiets" }),
        ev("b", 0, "pageview", { path: "/products" }),
        ev("c", 0, "pageview", { path: "/sale/50%" }),
        ev("d", 0, "pageview", { path: "/sale/50x" }),
        ev("e", 0, "pageview", { path: "/a_b" }),
        ev("f", 0, "pageview", { path: "/axb" }),
      ],
    ]);
    const one = async (path: string) => (await counts(s, { steps: [{ event: "pageview", path }, { event: "none" }] }))[0];
    expect(await one("/product/*")).toBe(1);
    expect(await one("/sale/50%")).toBe(1);
    expect(await one("/a_b")).toBe(1);
    expect(await one("*")).toBe(6);
  });

  it("matches property equalities of strings, numbers and booleans", async () => {
    const s = await project([
      [
        ev("a", 0, "view"),
        ev("a", 1, "signup", { properties: { plan: "pro", seats: 5, trial: true } }),
        ev("b", 0, "view"),
        ev("b", 1, "signup", { properties: { plan: "pro", seats: "5", trial: false } }),
        ev("c", 0, "view"),
        ev("c", 1, "signup", { properties: { plan: "free" } }),
      ],
    ]);
    expect(await counts(s, { steps: [{ event: "view" }, { event: "signup", where: { plan: "pro" } }] })).toEqual([3, 2]);
    expect(await counts(s, { steps: [{ event: "view" }, { event: "signup", where: { plan: "pro", seats: 5 } }] })).toEqual([3, 1]);
    expect(await counts(s, { steps: [{ event: "view" }, { event: "signup", where: { trial: false } }] })).toEqual([3, 1]);
  });

  it("reports rates with Wilson intervals, medians, a trend and the previous period", async () => {
    const s = await project([
      [
        ev("a", 0, "view"),
        ev("a", 2, "buy"),
        ev("b", 0, "view"),
        ev("b", 6, "buy"),
        ev("c", 0, "view"),
        ev("c", 10, "buy"),
        ev("d", 0, "view"),
        ev("old", -2000, "view", { time: new Date(FROM.getTime() - 3600_000) }),
      ],
    ]);
    const r = await funnelResults(s, { steps: steps("view", "buy"), windowSeconds: HOUR, from: FROM, to: TO, compare: true });
    expect(r.steps[1].conversionFromStart).toBe(0.75);
    expect(r.overall.rate).toBe(0.75);
    expect(r.overall.interval.low).toBeLessThan(0.75);
    expect(r.steps[1].medianSecondsFromStart).toBe(360);
    expect(r.steps[1].medianSecondsFromPrevious).toBe(360);
    // Every local day the range touches is there (the quiet ones as 0); a range that does not start at midnight cuts off its ends.
    expect(r.trend.points).toEqual([
      { period: "2026-03-01", entered: 0, converted: 0, rate: null, partial: true },
      { period: "2026-03-02", entered: 4, converted: 3, rate: 0.75, partial: false },
      { period: "2026-03-03", entered: 0, converted: 0, rate: null, partial: true },
    ]);
    const months = await funnelResults(s, { steps: steps("view", "buy"), windowSeconds: HOUR, from: FROM, to: TO, trendUnit: "month" });
    expect(months.trend).toEqual({
      unit: "month",
      points: [{ period: "2026-03-01", entered: 4, converted: 3, rate: 0.75, partial: true }],
    });
    expect(r.previous!.steps[0].visitors).toBe(1);
  });

  it("reads an estimate's people in one statement, with the same answer as the cursor gives for them", async () => {
    // 200 visitors, a quarter of whom a 4-bucket sample reads (by the hash of their person id).
    const events = Array.from({ length: 200 }, (_, p) => [
      ev(`v${p}`, p % 7, "view", { source: p % 3 ? "google" : "mail" }),
      ...(p % 2 ? [ev(`v${p}`, 10 + (p % 5), "cart")] : []),
      ...(p % 4 === 1 ? [ev(`v${p}`, 30, "buy")] : []),
    ]).flat();
    const s = await project([events]);
    const q = { steps: steps("view", "cart", "buy"), windowSeconds: HOUR, from: FROM, to: TO };
    const bySource = { ...q, groupBy: { kind: "field" as const, field: "source" as const, limit: 10 } };
    const sampled = await funnelStepCounts(s, bySource, { sampleBuckets: 4 });
    const same = await funnelStepCounts(s, bySource, { personCondition: sql`(hashtext(e.person_id) & 3) = 0` });
    expect(sampled).toEqual(same);
    const entered = sampled.filter((r) => r.step === 1).reduce((n, r) => n + r.visitors, 0);
    // A real subset: some people, not all (the hash spreads 200 ids over the 4 buckets).
    expect(entered).toBeGreaterThan(20);
    expect(entered).toBeLessThan(100);
  });

  it("reads its people in two slices at once when the database has connections to spare, with the answer of one piece", async () => {
    // 300 visitors with ties, several attempts, an identify between steps and a held field.
    const events = Array.from({ length: 300 }, (_, p) => [
      ev(`w${p}`, p % 11, "view", { source: ["google", "mail", "ads"][p % 3] }),
      ...(p % 2 ? [ev(`w${p}`, p % 11, "cart"), ev(`w${p}`, 40 + (p % 7), "view")] : []),
      ...(p % 5 === 1 ? [ev(`w${p}`, 50, "identify", { userId: `u${p}`, traits: {} })] : []),
      ...(p % 3 === 1 ? [ev(`w${p}`, 55 + (p % 13), "cart"), ev(`w${p}`, 70, "buy")] : []),
    ]).flat();
    const s = await project([events]);
    const q = { steps: steps("view", "cart", "buy"), windowSeconds: HOUR, from: FROM, to: TO, hold: ["source" as const] };
    const bySource = { ...q, groupBy: { kind: "field" as const, field: "source" as const, limit: 10 } };
    const whole = (query: typeof q | typeof bySource) => db().transaction((tx) => funnelStepCounts(s, query, { db: tx as unknown as Db }));
    expect(await funnelStepCounts(s, q)).toEqual(await whole(q));
    expect(await funnelStepCounts(s, bySource)).toEqual(await whole(bySource));
    const run = await runEngine(s, q);
    // PGlite has one connection: one piece there; PostgreSQL's pool has more.
    expect(run.slices).toBe(kind === "pglite" ? 1 : 2);
    expect(run.people).toBe(300);
    // A second slice only when a heavy-statement slot stays free for others: with two held elsewhere
    // (the run takes a third of four), the run reads in one piece, with the same answer.
    if (kind !== "pglite") {
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      const holders = [0, 1].map(() => limitedStatements(db(), "heavyMs", () => held));
      try {
        const busy = await runEngine(s, q);
        expect(busy.slices).toBe(1);
        expect(busy.rows).toBe(run.rows);
      } finally {
        release();
        await Promise.all(holders);
      }
    }
    // The rows of both slices count against one limit: one row fewer than the run reads is refused.
    await expect(runEngine(s, q, {}, { maxRows: run.rows - 1 })).rejects.toBeInstanceOf(InputError);
    expect((await runEngine(s, q, {}, { maxRows: run.rows })).rows).toBe(run.rows);
  });

  it("filters by age group through the person", async () => {
    const s = await project([[ev("a", 0, "identify", { traits: { age: 30 }, ageGroup: "25-34" }), ev("a", 1, "view"), ev("b", 1, "view")]]);
    expect(await counts(s, { steps: steps("view", "buy"), filters: { age_group: ["25-34"] } })).toEqual([1, 0]);
  });
});
