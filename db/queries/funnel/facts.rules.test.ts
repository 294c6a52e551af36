import { it, expect } from "vitest";
import { describeEachDb, alsoOnCitus } from "../../../tests/db";
import { ownerWithProject } from "../../../tests/fixtures";
import { funnelStepCounts, OTHER, type EngineDefinition, type StepCountsQuery } from "./engine";
import { factsBreakdownWithTrend, factsCanAnswer, factsStepCounts, factsStepsWithTrend } from "./facts";
import { buildFacts, readyFacts, refreshFacts } from "./factsUpkeep";
import { funnelResults } from "./funnelResults";
import { createFunnel } from "../../funnels";
import type { ProjectScope } from "../../tenant";
import type { FunnelStepDefinition } from "../../../lib/funnel/types";
import { TRAFFIC_SOURCES, TZ, day, insertInBatches, prng, randomEvents, sorted } from "./facts.traffic";

alsoOnCitus();

const VIEW: FunnelStepDefinition = { event: "pageview" };
const PRODUCT: FunnelStepDefinition = { event: "pageview", path: "/p/*" };
const CART: FunnelStepDefinition = { event: "cart" };
const PAID: FunnelStepDefinition = { event: "buy", where: { paid: true } };
const ANY: FunnelStepDefinition = { event: ["pageview", "cart", "buy"] };
const DAYS2 = 2 * 86400;

/**
 * One definition per rule of DESIGN.md "Funnel definitions" (and some together), with the time
 * to convert between two of its required steps: facts must give the engine's numbers for each.
 */
const RULES: { name: string; def: EngineDefinition; ttc: { from: number; to: number } }[] = [
  {
    name: "optional steps",
    def: { steps: [VIEW, { ...PRODUCT, optional: true }, CART, { ...VIEW, optional: true }, PAID], windowSeconds: DAYS2 },
    ttc: { from: 3, to: 5 },
  },
  {
    name: "within",
    def: { steps: [VIEW, { ...CART, within: 3600 }, { ...PAID, within: 60 }], windowSeconds: DAYS2 },
    ttc: { from: 1, to: 3 },
  },
  {
    name: "exclusions",
    def: {
      steps: [VIEW, CART, PAID],
      windowSeconds: DAYS2,
      exclusions: [
        { event: "pageview", path: "/about", between: [1, 2] },
        { event: "other", between: [1, 3] },
      ],
    },
    ttc: { from: 2, to: 3 },
  },
  {
    name: "strict order",
    def: { steps: [VIEW, CART, { event: ["buy", "cart"] }], windowSeconds: DAYS2, order: "strict" },
    ttc: { from: 1, to: 2 },
  },
  { name: "any order", def: { steps: [CART, PRODUCT, PAID], windowSeconds: 86400, order: "any" }, ttc: { from: 1, to: 3 } },
  { name: "a held segment field", def: { steps: [VIEW, PRODUCT, CART], windowSeconds: DAYS2, hold: ["device"] }, ttc: { from: 1, to: 3 } },
  {
    name: "a held property",
    def: { steps: [VIEW, PRODUCT, { event: "pageview", path: "/about" }], windowSeconds: DAYS2, hold: ["prop:plan"] },
    ttc: { from: 1, to: 2 },
  },
  {
    name: "13 steps",
    def: {
      steps: [VIEW, ...Array.from({ length: 11 }, (_, i) => (i === 5 ? { event: "other", optional: true } : ANY)), PAID],
      windowSeconds: 10 * 86400,
    },
    ttc: { from: 4, to: 13 },
  },
  {
    name: "optional, within, exclusion and hold together",
    def: {
      steps: [VIEW, { ...PRODUCT, optional: true }, { ...CART, within: 86400 }, PAID],
      windowSeconds: DAYS2,
      exclusions: [{ event: "pageview", path: "/about", between: [3, 4] }],
      hold: ["browser"],
    },
    ttc: { from: 1, to: 4 },
  },
];

/** The sources of randomEvents' visits as a filter names them ("(none)": without one). */
const SOURCES = TRAFFIC_SOURCES.map((s) => s ?? "(none)");

/** Every kind of query facts answer: ranges, filters, breakdowns (also filtered, also by age group) and trends. */
function queries(def: EngineDefinition): StepCountsQuery[] {
  const base = { ...def, from: day(2), to: day(16) };
  return [
    base,
    { ...base, from: day(0), to: day(30) },
    { ...base, filters: { device: ["mobile"] } },
    { ...base, filters: { age_group: ["25-34"] } },
    { ...base, groupBy: { kind: "field", field: "source", limit: 2 } },
    { ...base, filters: { country: ["NL", "(none)"] }, groupBy: { kind: "field", field: "browser", limit: 1 } },
    { ...base, groupBy: { kind: "field", field: "age_group", limit: 10 } },
    { ...base, groupBy: { kind: "period", unit: "day", timeZone: TZ } },
    { ...base, from: day(0), to: day(28), filters: { medium: ["cpc"] }, groupBy: { kind: "period", unit: "week", timeZone: TZ } },
  ];
}

describeEachDb("funnel facts for every rule", (db) => {
  async function expectSameAsEngine(scope: ProjectScope, rule: (typeof RULES)[number]) {
    const id = await readyFacts(scope, rule.def);
    expect(id, rule.name).not.toBeNull();
    let reached = 0;
    for (const q of queries(rule.def)) {
      expect(factsCanAnswer(q, TZ)).toBe(true);
      const [raw, facts] = await Promise.all([funnelStepCounts(scope, q), factsStepCounts(scope, id!, q)]);
      expect(sorted(facts), `${rule.name}: ${JSON.stringify({ filters: q.filters, groupBy: q.groupBy, from: q.from })}`).toEqual(
        sorted(raw),
      );
      reached += raw.filter((r) => r.step === rule.def.steps.length).reduce((n, r) => n + r.visitors, 0);
    }
    // Not an empty funnel: people reach its last step on this traffic.
    expect(reached, rule.name).toBeGreaterThan(0);
    // The dashboard's statement for a breakdown and its per-value trend, with "other" (two top values
    // of four): each value's trend is the engine's for that value's entries, other's for the rest.
    for (const unit of ["day", "week"] as const) {
      const q: StepCountsQuery = { ...rule.def, from: day(2), to: day(16), groupBy: { kind: "field", field: "source", limit: 2 } };
      const both = await factsBreakdownWithTrend(scope, id!, q, unit);
      expect(sorted(both.breakdown), `${rule.name}: breakdown`).toEqual(sorted(await funnelStepCounts(scope, q)));
      const top = [...new Set(both.breakdown.map((r) => r.group))].filter((g) => g !== OTHER);
      const others = SOURCES.filter((v) => !top.includes(v));
      expect(top).toHaveLength(2);
      const expected = [];
      for (const [name, values] of [...top.map((v) => [v, [v]] as const), [OTHER, others] as const]) {
        const rows = await funnelStepCounts(scope, {
          ...q,
          medians: false,
          filters: { source: [...values] },
          groupBy: { kind: "period", unit, timeZone: TZ },
        });
        expected.push(...rows.map((r) => ({ ...r, group: `${name}\u0001${r.group}` })));
      }
      expect(
        expected.some((r) => r.group.startsWith(OTHER) && r.step === 2 && r.visitors > 0),
        rule.name,
      ).toBe(true);
      expect(sorted(both.trend), `${rule.name}: per-value trend by ${unit}`).toEqual(sorted(expected));
    }
    // The whole answer, saved (facts) and not (engine): time to convert, breakdown with its per-value
    // trends, the trend, and the previous period with its trend.
    const q = { ...rule.def, from: day(9), to: day(16), timeToConvert: rule.ttc, breakdown: "source" as const, compare: true };
    const engine = await funnelResults(scope, q);
    expect((await factsStepsWithTrend(scope, id!, q, "day", rule.ttc)).timeToConvert, rule.name).toEqual(engine.timeToConvert);
    expect(engine.timeToConvert!.visitors, rule.name).toBeGreaterThan(0);
    expect(await funnelResults(scope, { ...q, saved: true }), rule.name).toEqual(engine);
    // With a filter the counts combine each person's rows by another statement (stepCountsOf), which
    // brings the time to convert too.
    const filtered = { ...q, filters: { country: ["NL", "(none)"] } };
    const engineFiltered = await funnelResults(scope, filtered);
    expect(engineFiltered.timeToConvert!.visitors, rule.name).toBeGreaterThan(0);
    expect(await funnelResults(scope, { ...filtered, saved: true }), `${rule.name}, filtered`).toEqual(engineFiltered);
  }

  it("gives the engine's counts, medians and times to convert for every rule, also after new events and merges", async () => {
    const { scope } = await ownerWithProject(db(), "facts-rules@example.nl");
    const rand = prng(23);
    await insertInBatches(scope, randomEvents(rand, 160, "r"));
    // Saved funnels, so that building one's facts keeps the others'.
    for (const rule of RULES) await createFunnel(scope, { name: rule.name, ...rule.def });
    for (const rule of RULES) await buildFacts(scope, rule.def);
    for (const rule of RULES) await expectSameAsEngine(scope, rule);

    const more = randomEvents(rand, 40, "s").concat(randomEvents(rand, 30, "r", 25));
    more.push({ anonymousId: "r3", userId: "user2", time: day(5), name: "identify", messageId: "rules-merge1" });
    more.push({ anonymousId: "s7", userId: "user2", time: day(6), name: "identify", messageId: "rules-merge2" });
    await insertInBatches(scope, more);
    for (const rule of RULES) expect(await refreshFacts(scope, rule.def), rule.name).toBeGreaterThan(30);
    for (const rule of RULES) await expectSameAsEngine(scope, rule);
  });
});
