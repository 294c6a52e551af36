import { it, expect } from "vitest";
import { describeEachDb, alsoOnCitus } from "../../../tests/db";
import { ownerWithProject } from "../../../tests/fixtures";
import { insertEvents } from "../../events/insert";
import { OTHER, funnelStepCounts, type StepCountsQuery } from "./engine";
import { sql } from "drizzle-orm";
import { factsKey, factsCanAnswer, factsStepCounts, factsBreakdownWithTrend } from "./facts";
import { buildFacts, refreshFacts, readyFacts, factsBuilt, prepareFacts } from "./factsUpkeep";
import { queryRows } from "../../client";
import { updateFunnel, listFunnels } from "../../funnels";
import { funnelResults } from "./funnelResults";
import type { ProjectScope } from "../../tenant";
import { localIsoDay } from "../../../lib/funnel/ranges";
import { DEF, TZ, day, insertInBatches, prng, randomEvents, sorted } from "./facts.traffic";

alsoOnCitus();

/** Queries the facts can answer: ranges of whole local days, filters, breakdowns and trends. */
function queries(): StepCountsQuery[] {
  const base = { ...DEF, from: day(2), to: day(16) };
  return [
    base,
    { ...base, from: day(0), to: day(30) },
    { ...base, from: day(8), to: day(9) },
    { ...base, filters: { device: ["mobile"] } },
    { ...base, filters: { source: ["google", "(none)"], country: ["NL"] } },
    { ...base, filters: { age_group: ["25-34"] } },
    { ...base, groupBy: { kind: "field", field: "source", limit: 2 } },
    { ...base, groupBy: { kind: "field", field: "country", limit: 10 } },
    { ...base, groupBy: { kind: "field", field: "medium", limit: 10 } },
    { ...base, filters: { source: ["google", "newsletter"] }, groupBy: { kind: "field", field: "browser", limit: 1 } },
    { ...base, groupBy: { kind: "field", field: "age_group", limit: 10 } },
    { ...base, groupBy: { kind: "period", unit: "day", timeZone: TZ } },
    // The daily trend as the dashboard asks for it: each person's first row of a day with the day's level (dayTrendCounts).
    { ...base, groupBy: { kind: "period", unit: "day", timeZone: TZ }, medians: false },
    { ...base, from: day(0), to: day(28), filters: { device: ["desktop"] }, groupBy: { kind: "period", unit: "week", timeZone: TZ } },
    // Starts on a Saturday: the first week's visitors include those who came earlier that week too.
    { ...base, from: day(1), to: day(26), groupBy: { kind: "period", unit: "week", timeZone: TZ } },
    // Months: the first one starts before the range, as the first week does.
    { ...base, from: day(1), to: day(40), groupBy: { kind: "period", unit: "month", timeZone: TZ } },
    // Trends as the dashboard asks for them (no medians: one pass, facts.ts trendCounts).
    { ...base, from: day(1), to: day(26), groupBy: { kind: "period", unit: "week", timeZone: TZ }, medians: false },
    { ...base, from: day(1), to: day(40), groupBy: { kind: "period", unit: "month", timeZone: TZ }, medians: false },
    { ...base, filters: { source: ["google", "(none)"] }, groupBy: { kind: "period", unit: "day", timeZone: TZ }, medians: false },
  ];
}

describeEachDb("funnel facts", (db) => {
  async function expectSameAsEngine(scope: ProjectScope) {
    const id = await readyFacts(scope, DEF);
    expect(id).not.toBeNull();
    for (const q of queries()) {
      expect(factsCanAnswer(q, TZ)).toBe(true);
      const [raw, facts] = await Promise.all([funnelStepCounts(scope, q), factsStepCounts(scope, id!, q)]);
      expect(raw.length, JSON.stringify(q)).toBeGreaterThan(0);
      expect(sorted(facts), JSON.stringify({ filters: q.filters, groupBy: q.groupBy, from: q.from })).toEqual(sorted(raw));
    }
  }

  it("gives the engine's counts and medians, and stays equal as events and identities arrive", async () => {
    const { scope } = await ownerWithProject(db(), "facts@example.nl");
    const rand = prng(7);
    await insertInBatches(scope, randomEvents(rand, 150, "a"));
    await buildFacts(scope, DEF);
    await expectSameAsEngine(scope);

    // New visitors, late events of known visitors (earlier in time), and identifies that merge them.
    const more = randomEvents(rand, 60, "b").concat(randomEvents(rand, 40, "a", 25));
    more.push({ anonymousId: "a3", userId: "user1", time: day(5), name: "identify", messageId: "merge1" });
    more.push({ anonymousId: "b7", userId: "user1", time: day(6), name: "identify", messageId: "merge2" });
    await insertInBatches(scope, more);
    expect(await refreshFacts(scope, DEF)).toBeGreaterThan(50);
    await expectSameAsEngine(scope);
  });

  it("leaves what facts cannot answer to the engine, and builds facts behind a saved funnel's first view", async () => {
    const { scope } = await ownerWithProject(db(), "facts-saved@example.nl");
    await insertInBatches(scope, randomEvents(prng(11), 40, "c"));
    const whole = { ...DEF, from: day(2), to: day(16) };
    expect(factsCanAnswer({ ...whole, from: new Date(day(2).getTime() + 3600_000) }, TZ)).toBe(false);
    expect(factsCanAnswer({ ...whole, filters: { "prop:plan": ["pro"] } }, TZ)).toBe(false);
    expect(factsCanAnswer({ ...whole, groupBy: { kind: "field", field: "prop:variant", limit: 10 } }, TZ)).toBe(false);
    expect(factsCanAnswer({ ...whole, groupBy: { kind: "period", unit: "day", timeZone: "UTC" } }, TZ)).toBe(false);

    // Not built yet: the engine answers while the facts build; not refreshed: a new visitor is not lost.
    expect(await refreshFacts(scope, DEF)).toBeNull();
    const first = await funnelResults(scope, { ...whole, breakdown: "source", compare: true, saved: true });
    await factsBuilt(scope, DEF);
    expect(await funnelResults(scope, { ...whole, breakdown: "source", compare: true, saved: true })).toEqual(first);
    // The previous period's trend comes with the answer: the trend that period has when asked for itself.
    const prev = first.previous!.range;
    const own = await funnelResults(scope, { ...DEF, from: new Date(prev.from), to: new Date(prev.to), saved: true });
    expect(first.previous!.trend).toEqual(own.trend);
    expect(own.trend.points.some((p) => p.entered > 0)).toBe(true);
    // A time-to-convert pair outside the funnel's steps is the caller's mistake, named (a 400), not an empty chart.
    await expect(funnelResults(scope, { ...whole, timeToConvert: { from: 1, to: 9 }, saved: true })).rejects.toThrow(
      /ttc names steps 1 to 9, but this funnel has \d steps/,
    );
    await insertEvents(scope.db, scope.projectId, [{ anonymousId: "late", time: day(3), name: "pageview", path: "/", messageId: "late1" }]);
    const after = await funnelResults(scope, { ...whole, saved: true });
    expect(after.steps[0].visitors).toBe(first.steps[0].visitors + 1);
  });

  it("keeps apart segments whose texts run together, and finds a segment first seen after the build began", async () => {
    const { scope } = await ownerWithProject(db(), "facts-segments@example.nl");
    // ("ab", none) and ("a", "b") are one text when run together; "" is not a missing value; ("b", "a")
    // has ("a", "b")'s values in other fields (the id combines each field's hash, seeded by its place).
    const visitor = (anon: string, source: string | null, medium: string | null, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        anonymousId: anon,
        time: new Date(day(3).getTime() + i * 60_000),
        name: i === 0 ? "pageview" : "cart",
        path: i === 0 ? "/" : null,
        source,
        medium,
        messageId: `${anon}-${i}`,
      }));
    await insertEvents(scope.db, scope.projectId, [
      ...visitor("s1", "ab", null, 1),
      ...visitor("s2", "a", "b", 2),
      ...visitor("s3", "", "", 2),
      ...visitor("s4", null, null, 1),
      ...visitor("s7", "b", "a", 1),
    ]);
    await buildFacts(scope, DEF);
    const segments = await queryRows<{ utm_source: string | null; utm_medium: string | null }>(
      scope.db,
      sql`select utm_source, utm_medium from funnel_segments where project_id = ${scope.projectId}::uuid order by utm_source nulls last, utm_medium`,
    );
    expect(segments).toEqual([
      { utm_source: "", utm_medium: "" },
      { utm_source: "a", utm_medium: "b" },
      { utm_source: "ab", utm_medium: null },
      { utm_source: "b", utm_medium: "a" },
      { utm_source: null, utm_medium: null },
    ]);
    // A segment the project has not had yet, arriving with a known one: the refresh adds it.
    await insertEvents(scope.db, scope.projectId, [...visitor("s5", "ab", "b", 2), ...visitor("s6", "a", "b", 1)]);
    expect(await refreshFacts(scope, DEF)).toBe(2);
    const id = await readyFacts(scope, DEF);
    for (const field of ["source", "medium"] as const) {
      const q: StepCountsQuery = { ...DEF, from: day(2), to: day(16), groupBy: { kind: "field", field, limit: 10 } };
      const [raw, facts] = await Promise.all([funnelStepCounts(scope, q), factsStepCounts(scope, id!, q)]);
      expect(sorted(facts)).toEqual(sorted(raw));
      expect(new Set(facts.map((r) => r.group)).size).toBe(field === "source" ? 5 : 4);
    }
  });

  /** A visitor from `source` on day `on` with `n` events: the home page, a product page, then carts. */
  const sourcedVisitor = (anon: string, source: string, on: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      anonymousId: anon,
      time: new Date(day(on).getTime() + 3600_000 + i * 60_000),
      name: i === 0 ? "pageview" : i === 1 ? "pageview" : "cart",
      path: i === 1 ? "/p/1" : "/",
      source,
      messageId: `${anon}-${i}`,
    }));
  /** The results broken down by source with a daily trend, from the engine and then from the funnel's facts. */
  async function engineAndFacts(scope: ProjectScope) {
    const q = { ...DEF, from: day(2), to: day(9), breakdown: "source" as const, trendUnit: "day" as const };
    const engine = await funnelResults(scope, q);
    await buildFacts(scope, DEF);
    expect(await readyFacts(scope, DEF)).not.toBeNull();
    return [engine, await funnelResults(scope, { ...q, saved: true })];
  }

  it("keeps a breakdown value that holds the group separator apart from its prefix, in its row and its trend, on both paths", async () => {
    const { scope } = await ownerWithProject(db(), "facts-separator@example.nl");
    // Only NUL is refused at ingestion: "a\u0001b" is a source of its own, not "a" with a period "b".
    await insertEvents(scope.db, scope.projectId, [
      ...sourcedVisitor("x1", "a", 3, 1),
      ...sourcedVisitor("x2", "a", 3, 2),
      ...sourcedVisitor("x3", "a\u0001b", 4, 3),
    ]);
    const [engine, facts] = await engineAndFacts(scope);
    for (const answer of [engine, facts]) {
      const series = answer.breakdown!.series;
      expect(series.map((s) => [s.value, s.steps[0].visitors, s.steps[2].visitors])).toEqual([
        ["a", 2, 0],
        ["a\u0001b", 1, 1],
      ]);
      const entered = (value: string) =>
        series
          .find((s) => s.value === value)!
          .trend!.points.filter((p) => p.entered > 0)
          .map((p) => [p.period, p.entered]);
      expect(entered("a")).toEqual([[localIsoDay(day(3), TZ), 2]]);
      expect(entered("a\u0001b")).toEqual([[localIsoDay(day(4), TZ), 1]]);
    }
    expect(facts).toEqual(engine);
  });

  it('keeps a real breakdown value named like the engine\'s "other" apart from Other, on both paths', async () => {
    const { scope } = await ownerWithProject(db(), "facts-other-name@example.nl");
    await insertEvents(scope.db, scope.projectId, [
      ...sourcedVisitor("o1", "__other__", 3, 1),
      ...sourcedVisitor("o2", "__other__", 4, 1),
      ...sourcedVisitor("o3", "a", 4, 1),
      ...sourcedVisitor("o4", "b", 5, 1),
    ]);
    const [engine, facts] = await engineAndFacts(scope);
    for (const answer of [engine, facts]) {
      expect(answer.breakdown!.series.map((s) => [s.value, s.other, s.steps[0].visitors])).toEqual([
        ["__other__", false, 2],
        ["a", false, 1],
        ["b", false, 1],
      ]);
    }
    expect(facts).toEqual(engine);
  });

  it("gives each breakdown value's trend, and other's, as the engine gives that value's entries (filtered to it)", async () => {
    const { scope } = await ownerWithProject(db(), "facts-value-trends@example.nl");
    await insertInBatches(scope, randomEvents(prng(11), 150, "t"));
    await buildFacts(scope, DEF);
    const id = (await readyFacts(scope, DEF))!;
    type Case = {
      field: "source" | "country" | "device";
      values: string[];
      others: string[];
      unit: "day" | "week";
      filters?: StepCountsQuery["filters"];
    };
    const cases: [Case, Date, Date][] = [
      [{ field: "source", values: ["google"], others: ["newsletter", "facebook", "(none)"], unit: "day" }, day(2), day(16)],
      [{ field: "source", values: ["google", "(none)"], others: ["newsletter", "facebook"], unit: "week" }, day(1), day(26)],
      [{ field: "country", values: ["NL"], others: ["BE", "(none)"], unit: "day", filters: { device: ["mobile"] } }, day(2), day(16)],
      [{ field: "device", values: [], others: ["mobile", "desktop"], unit: "week", filters: { source: ["google"] } }, day(0), day(30)],
    ];
    for (const [c, from, to] of cases) {
      const base = { ...DEF, from, to, medians: false };
      const facts = await factsStepCounts(scope, id, {
        ...base,
        filters: c.filters,
        groupBy: { kind: "fieldPeriod", field: c.field, values: c.values, unit: c.unit, timeZone: TZ },
      });
      const expected = [];
      for (const [name, values] of [...c.values.map((v) => [v, [v]] as const), [OTHER, c.others] as const]) {
        const rows = await funnelStepCounts(scope, {
          ...base,
          filters: { ...c.filters, [c.field]: values },
          groupBy: { kind: "period", unit: c.unit, timeZone: TZ },
        });
        expected.push(...rows.map((r) => ({ ...r, group: `${name}\u0001${r.group}` })));
      }
      expect(expected.some((r) => r.group.startsWith(OTHER) && r.step === 2 && r.visitors > 0)).toBe(true);
      expect(sorted(facts), JSON.stringify(c)).toEqual(sorted(expected));
    }
    // The dashboard's one statement for a breakdown and its per-value trend (over the breakdown's top
    // values, found in the same statement) gives what the two queries above give, "other" included.
    const dashboards: [StepCountsQuery["filters"], "day" | "week"][] = [
      [undefined, "day"],
      [{ device: ["mobile"] }, "week"],
    ];
    for (const [filters, unit] of dashboards) {
      const q: StepCountsQuery = { ...DEF, from: day(1), to: day(26), filters, groupBy: { kind: "field", field: "source", limit: 2 } };
      const both = await factsBreakdownWithTrend(scope, id, q, unit);
      const breakdown = await factsStepCounts(scope, id, q);
      const values = [...new Set(breakdown.map((r) => r.group))].filter((g) => g !== OTHER);
      expect(values).toHaveLength(2);
      expect(breakdown.some((r) => r.group === OTHER)).toBe(true);
      const trend = await factsStepCounts(scope, id, {
        ...q,
        medians: false,
        groupBy: { kind: "fieldPeriod", field: "source", values, unit, timeZone: TZ },
      });
      expect(sorted(both.breakdown)).toEqual(sorted(breakdown));
      expect(sorted(both.trend)).toEqual(sorted(trend));
    }
  });

  it("leaves no facts half-built when a build fails part-way, and the next build is whole", async () => {
    const { scope } = await ownerWithProject(db(), "facts-failed-build@example.nl");
    await insertInBatches(scope, randomEvents(prng(11), 80, "fb"));
    // The rows' insert fails for this project (on PostgreSQL the build reads in two slices at once:
    // whichever slice's rows come first fail, and the other must stop and the build roll back).
    await db().execute(sql.raw(`alter table funnel_fact_rows add constraint facts_fail check (project_id <> '${scope.projectId}')`));
    try {
      const err = (await buildFacts(scope, DEF).then(
        () => null,
        (e: unknown) => e,
      )) as Error | null;
      // The insert's own error, whichever slice met it first.
      expect(err?.message).toMatch(/^Failed query: insert into funnel_fact_rows/);
      expect(String((err?.cause as Error | undefined)?.message)).toMatch(/facts_fail/);
    } finally {
      await db().execute(sql`alter table funnel_fact_rows drop constraint facts_fail`);
    }
    const state = async () =>
      queryRows<{ rows: number; built: boolean }>(
        scope.db,
        sql`select (select count(*)::int from funnel_fact_rows r where r.project_id = s.project_id and r.facts_id = s.id) as rows,
          s.built_at is not null as built from funnel_fact_sets s where s.project_id = ${scope.projectId}::uuid`,
      );
    expect(await state()).toEqual([{ rows: 0, built: false }]);
    expect(await readyFacts(scope, DEF)).toBeNull(); // not built: the engine answers, a build starts
    await factsBuilt(scope, DEF);
    expect((await state())[0].built).toBe(true);
    await expectSameAsEngine(scope);
  });

  it("builds an edited funnel's facts anew and drops the facts no saved funnel uses", async () => {
    const { scope } = await ownerWithProject(db(), "facts-edit@example.nl");
    const [funnel] = await listFunnels(scope);
    await insertInBatches(scope, randomEvents(prng(3), 30, "e"));
    const old = { steps: funnel.steps, windowSeconds: funnel.windowSeconds };
    await prepareFacts(scope, old);
    const keys = async () =>
      (
        await queryRows<{ funnel_key: string }>(
          scope.db,
          sql`select s.funnel_key from funnel_fact_sets s where s.project_id = ${scope.projectId}::uuid
            and exists (select 1 from funnel_fact_rows r where r.project_id = s.project_id and r.facts_id = s.id)`,
        )
      ).map((r) => r.funnel_key);
    expect(await keys()).toEqual([factsKey(old, TZ)]);

    const edited = await updateFunnel(scope, funnel.id, { name: funnel.name, steps: funnel.steps, windowSeconds: 86400 });
    const def = { steps: edited.steps, windowSeconds: edited.windowSeconds };
    await funnelResults(scope, { ...def, from: day(2), to: day(16), saved: true });
    await factsBuilt(scope, def);
    expect(await keys()).toEqual([factsKey(def, TZ)]);
  });
});
