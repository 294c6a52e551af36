import { it, expect, beforeAll } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb, alsoOnCitus } from "../tests/db";
import { ownerWithProject } from "../tests/fixtures";
import { insertEvents, type EventInput } from "./events/insert";
import { funnelStepCounts, type StepCountsQuery, type StepCountsRow } from "./queries/funnel/engine";
import { factsStepCounts } from "./queries/funnel/facts";
import { prepareFacts, readyFacts } from "./queries/funnel/factsUpkeep";
import { funnelResults } from "./queries/funnel/funnelResults";
import { projectConversions } from "./conversions";
import { listFunnels } from "./funnels";
import { queryRows } from "./client";
import { applyRetention, getRetention, retentionTick, setRetention } from "./retention";
import { retentionHorizon } from "../lib/privacy/retention";
import { zonedMidnight } from "../lib/funnel/ranges";
import type { ProjectScope } from "./tenant";

// The hourly claim, retention and a person's erasure on a Citus cluster too (tenant data, DDL on partitions).
alsoOnCitus();

const TZ = "Europe/Amsterdam";
// Data from 1 February to 1 April 2026; "now" is 10 April with 2 months kept: the horizon is local midnight of 10 February.
const NOW = new Date("2026-04-10T09:00:00Z");
const HORIZON = zonedMidnight(2026, 2, 10, TZ);
const day = (n: number) => zonedMidnight(2026, 2, 1 + n, TZ);

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Anonymous visitors over 59 days who come back several times (so that many have visits on both
 * sides of the horizon, which is what the facts' links between a person's rows are about), from
 * several sources and devices, through the e-commerce funnel's steps.
 */
function traffic(): EventInput[] {
  const rand = prng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const out: EventInput[] = [];
  let m = 0;
  for (let p = 0; p < 220; p++) {
    const visits = 1 + Math.floor(rand() * 4);
    const first = Math.floor(rand() * 50);
    for (let v = 0; v < visits; v++) {
      let t = day(first + Math.floor(rand() * 9) * v).getTime() + Math.floor(rand() * 86400_000);
      const source = pick(["google", "newsletter", null]);
      const device = pick(["mobile", "desktop"]);
      const country = pick(["NL", "BE"]);
      for (const [name, path] of [
        ["pageview", "/"],
        ["pageview", "/product/fiets"],
        ["add_to_cart", null],
        ["checkout_started", null],
        ["purchase", null],
      ] as const) {
        if (name !== "pageview" && rand() < 0.4) break;
        t += pick([0, 60_000, 3600_000, 26 * 3600_000]);
        if (t >= day(59).getTime()) break;
        const e: EventInput = { anonymousId: `v${p}`, time: new Date(t), name, path, source, device, country, messageId: `r${m++}` };
        if (name === "purchase") e.revenue = 10 + Math.floor(rand() * 90);
        out.push(e);
      }
    }
  }
  return out;
}

const sorted = (rows: StepCountsRow[]) => [...rows].sort((a, b) => a.group.localeCompare(b.group) || a.step - b.step);

async function insertAll(scope: ProjectScope, events: EventInput[]) {
  for (let i = 0; i < events.length; i += 300) await insertEvents(scope.db, scope.projectId, events.slice(i, i + 300));
}

describeEachDb("retention", (db) => {
  let kept: Awaited<ReturnType<typeof ownerWithProject>>;
  let fresh: Awaited<ReturnType<typeof ownerWithProject>>;
  const all = traffic();

  beforeAll(async () => {
    kept = await ownerWithProject(db(), "retention@example.nl");
    fresh = await ownerWithProject(db(), "fresh@example.nl");
    await insertAll(kept.scope, all);
    // The project that only ever had the events inside the horizon.
    await insertAll(
      fresh.scope,
      all.filter((e) => e.time >= HORIZON),
    );
    for (const p of [kept, fresh]) {
      const [f] = await listFunnels(p.scope);
      await prepareFacts(p.scope, { steps: f.steps, windowSeconds: f.windowSeconds });
      await db().execute(sql`insert into ingest_stats (project_id, day, bots_dropped) values
        (${p.scope.projectId}::uuid, '2026-02-03', 5), (${p.scope.projectId}::uuid, '2026-03-03', 7)`);
    }
  });

  async function numbers(scope: ProjectScope, from: Date, to: Date) {
    const [funnel] = await listFunnels(scope);
    const def = { steps: funnel.steps, windowSeconds: funnel.windowSeconds };
    const range = { ...def, from, to };
    const queries: StepCountsQuery[] = [
      range,
      { ...range, groupBy: { kind: "field", field: "source", limit: 10 } },
      { ...range, groupBy: { kind: "field", field: "device", limit: 10 } },
      { ...range, filters: { country: ["NL"] }, groupBy: { kind: "field", field: "source", limit: 10 } },
      { ...range, groupBy: { kind: "period", unit: "week", timeZone: TZ } },
    ];
    const factsId = await readyFacts(scope, def);
    expect(factsId).not.toBeNull();
    return {
      engine: (await Promise.all(queries.map((q) => funnelStepCounts(scope, q)))).map(sorted),
      // Row order is the database's; the rows are what count.
      facts: (await Promise.all(queries.map((q) => factsStepCounts(scope, factsId!, q)))).map(sorted),
      saved: await funnelResults(scope, { ...range, breakdown: "source", saved: true }),
      conversions: await projectConversions(scope, { from, to, filters: {}, segments: ["source", "device"] }),
    };
  }

  it("keeps what lies inside the horizon, and reads across it as a project that never had the older events", async () => {
    expect(retentionHorizon(NOW, 2, TZ).cut).toEqual(HORIZON);
    const across = [day(0), day(40)] as const; // 1 February to 13 March: starts before the horizon
    const inside = [day(40), day(55)] as const; // its previous period (same length before it) too
    const before = { across: await numbers(kept.scope, ...across), inside: await numbers(kept.scope, ...inside) };
    const never = await numbers(fresh.scope, ...across);
    expect(before.across.saved.steps[0].visitors).toBeGreaterThan(never.saved.steps[0].visitors);

    const run = await applyRetention(db(), kept.scope.projectId, 2, TZ, NOW, { batch: 97 });
    expect(run.cut).toEqual(HORIZON);
    expect(run.events).toBe(all.filter((e) => e.time < HORIZON).length);
    expect(run.persons).toBeGreaterThan(0);
    expect(run.funnelFacts).toBeGreaterThan(0);

    const after = await numbers(kept.scope, ...across);
    expect(after.engine).toEqual(never.engine);
    expect(after.facts).toEqual(never.facts);
    expect(after.saved).toEqual(never.saved);
    expect(after.conversions).toEqual(never.conversions);
    // A range inside the horizon reads as it did (all but the all-time customer lifetime value, which lost the older purchases).
    const insideAfter = await numbers(kept.scope, ...inside);
    const timeBound = (x: typeof insideAfter) => ({ ...x, conversions: { ...x.conversions, stages: null } });
    expect(timeBound(insideAfter)).toEqual(timeBound(before.inside));
    expect(insideAfter.conversions.visitors).toBeGreaterThan(0);

    const [left] = await queryRows<{ events: string | null; facts: string | null; stats: number; persons: number }>(
      db(),
      sql`select (select min(time)::text from events where project_id = ${kept.scope.projectId}::uuid) as events,
        (select min(day)::text from funnel_fact_rows where project_id = ${kept.scope.projectId}::uuid) as facts,
        (select count(*)::int from ingest_stats where project_id = ${kept.scope.projectId}::uuid) as stats,
        (select count(*)::int from persons p where p.project_id = ${kept.scope.projectId}::uuid
          and not exists (select 1 from events e where e.project_id = p.project_id and e.person_id = p.person_id)) as persons`,
    );
    expect(new Date(left.events!.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")) >= HORIZON).toBe(true);
    expect(left.facts! >= "2026-02-10").toBe(true);
    expect(left.stats).toBe(1);
    expect(left.persons).toBe(0);
    expect((await getRetention(kept.scope)).horizon).toEqual(HORIZON);

    // A second run finds nothing more to do.
    expect(await applyRetention(db(), kept.scope.projectId, 2, TZ, NOW)).toMatchObject({ events: 0, persons: 0, funnelFacts: 0 });
  });

  it("forgets identities with their last events, and keeps those of people still inside the horizon", async () => {
    const { scope } = await ownerWithProject(db(), "identity-retention@example.nl");
    const at = (d: number) => new Date(day(d).getTime() + 3600_000);
    const events: EventInput[] = [
      // gone: identified, and never seen after the horizon
      { anonymousId: "old-a", time: at(1), name: "pageview", path: "/", messageId: "i1" },
      { anonymousId: "old-a", userId: "old-user", time: at(2), name: "identify", traits: { plan: "x" }, messageId: "i2" },
      // kept: identified before the horizon, back afterwards on the same device
      { anonymousId: "kept-a", time: at(1), name: "pageview", path: "/", messageId: "i3" },
      { anonymousId: "kept-a", userId: "kept-user", time: at(2), name: "identify", traits: { plan: "y" }, messageId: "i4" },
      { anonymousId: "kept-a", time: at(30), name: "pageview", path: "/", messageId: "i5" },
    ];
    // One request each, as a browser sends them.
    for (const e of events) await insertEvents(db(), scope.projectId, [e]);
    await applyRetention(db(), scope.projectId, 2, TZ, NOW);
    const rows = await queryRows<{ kind: string; id: string }>(
      db(),
      sql`select 'person' as kind, person_id as id from persons where project_id = ${scope.projectId}::uuid
        union all select 'link', anonymous_id || '>' || user_id from identity_links where project_id = ${scope.projectId}::uuid
        union all select 'event', person_id || ':' || name from events where project_id = ${scope.projectId}::uuid order by 1, 2`,
    );
    expect(rows).toEqual([
      { kind: "event", id: "kept-user:pageview" },
      { kind: "link", id: "kept-a>kept-user" },
      { kind: "person", id: "kept-user" },
    ]);
    const [p] = await queryRows<{ traits: unknown }>(db(), sql`select traits from persons where project_id = ${scope.projectId}::uuid`);
    expect(JSON.stringify(p.traits)).toContain("y");
  });

  it("runs each project once per hour whatever the number of processes, and at once after the setting changes", async () => {
    const { scope } = await ownerWithProject(db(), "tick@example.nl");
    await insertEvents(db(), scope.projectId, [
      { anonymousId: "t", time: new Date(NOW.getTime() - 40 * 86400_000), name: "pageview", path: "/", messageId: "t1" },
    ]);
    // Two processes tick at the same moment: the project runs in exactly one of them.
    const ticks = await Promise.all([retentionTick(db(), NOW), retentionTick(db(), NOW)]);
    expect(ticks.filter((t) => t.has(scope.projectId))).toHaveLength(1);
    expect(ticks.find((t) => t.has(scope.projectId))!.get(scope.projectId)!.events).toBe(0); // 25 months by default
    expect((await retentionTick(db(), NOW)).has(scope.projectId)).toBe(false);

    await setRetention(scope, 1);
    expect(await getRetention(scope)).toMatchObject({ months: 1, checkedAt: null });
    const run = (await retentionTick(db(), NOW)).get(scope.projectId);
    expect(run).toMatchObject({ events: 1, persons: 1 });
    expect((await getRetention(scope)).checkedAt).not.toBeNull();
  });
});
