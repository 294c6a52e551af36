/**
 * npm run bench:funnel — the demo generator's e-commerce traffic laid out in arrival order
 * (scripts/bench/funnel-data.ts), then the template's 5-step funnel over 30 days with a 7-day window,
 * measured in one run, rounds alternated: the floor (a count of the candidate rows), an
 * Umami-shaped chain of per-step joins (window from the previous step, and from the entry), the
 * engine (plain, broken down by source, with an exclusion and an optional step), the sampled first
 * answer, saved funnels (facts) and the facts builds (a project's first, and a new funnel's). Prints
 * medians and ratios to the chain.
 * BENCH_DB (default engine_bench) is kept: generated once (BENCH_VISITORS, default 1,000,000), reused after.
 * BENCH_ROUNDS (default 3) rounds; BENCH_SKIP_BUILD=1 reuses built facts; BENCH_CHAIN_LIMIT_S (default 300)
 * stops a chain that runs longer (the ratios to it are then lower bounds, printed with ≥).
 */
import { sql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import { PG_URL, median, fmt, urlFor } from "./common";
import { openPostgres, queryRows } from "../../db/client";
import { operatorProjectScope } from "../../db/tenant";
import { migrate } from "../../db/migrate";
import { templateSetup } from "../../lib/templates";
import { zonedMidnight } from "../../lib/funnel/ranges";
import { funnelStepCounts, type EngineDefinition } from "../../db/queries/funnel/engine";
import { funnelResults } from "../../db/queries/funnel/funnelResults";
import { buildFacts, readyFacts } from "../../db/queries/funnel/factsUpkeep";
import { factsStepCounts } from "../../db/queries/funnel/facts";
import { stepCondition } from "../../db/queries/funnel/fragments";
import { generateArrivalOrder } from "./funnel-data";
import { errorCodes } from "../../db/events/errors";

const DB = process.env.BENCH_DB ?? "engine_bench";
const VISITORS = Number(process.env.BENCH_VISITORS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const END = new Date(Date.UTC(2026, 5, 1));

async function main() {
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${DB}`).length > 0;
  if (!exists) await admin.unsafe(`create database ${DB}`);
  await admin.end();
  const handle = await openPostgres(urlFor(DB), 4, 0);
  await migrate(handle);
  const found = await queryRows<{ id: string }>(handle.db, sql`select id from projects limit 1`);
  const projectId = found[0]?.id ?? (await generateArrivalOrder(handle.db, VISITORS, END));
  const scope = await operatorProjectScope(handle.db, projectId);
  const [{ n: events }] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from events`);
  const steps = templateSetup("ecommerce", "en").funnels[0].steps;
  const def: EngineDefinition = { steps, windowSeconds: 7 * 86400 };
  const last = new Date(END.getTime() - 86400_000);
  const tz = scope.project.timeZone;
  const to = zonedMidnight(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate(), tz);
  const from = zonedMidnight(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate() - 30, tz);
  const base = { ...def, from, to };
  // An exclusion (a refund-like event between cart and purchase) and an optional step (account creation).
  const rich: EngineDefinition = {
    steps: [steps[0], steps[1], steps[2], { event: "account_created", optional: true }, steps[3], steps[4]],
    windowSeconds: def.windowSeconds,
    exclusions: [{ event: "wishlist_add", between: [2, 3] }],
  };
  const until = new Date(to.getTime() + def.windowSeconds * 1000);
  const names = [...new Set(steps.map((s) => (typeof s.event === "string" ? s.event : s.event[0])))];
  const inRange = sql`e.project_id = ${projectId}::uuid and e.time >= ${from.toISOString()}::timestamptz and e.time < ${until.toISOString()}::timestamptz`;
  const candidates = sql`from events e where ${inRange} and e.name in (${sql.join(
    names.map((n) => sql`${n}`),
    sql`, `,
  )})`;
  const [{ n: rows }] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n ${candidates}`);
  console.log(`${fmt(events)} events in arrival order; candidate rows of the 30-day funnel: ${fmt(rows)}`);

  // Umami's funnel shape: one CTE per step joining the previous step's people to their next matching event.
  const umami = (fromEntry: boolean): SQL => {
    const w = def.windowSeconds;
    const ctes = steps.map((s, i) => {
      const name = sql.raw(`s${i + 1}`);
      if (i === 0)
        return sql`${name} as (select e.person_id, min(e.time) as t, min(e.time) as t0 from events e where ${inRange} and e.time < ${to.toISOString()}::timestamptz and ${stepCondition(s)} group by e.person_id)`;
      const prev = sql.raw(`s${i}`);
      const limit = fromEntry ? sql`p.t0` : sql`p.t`;
      return sql`${name} as (select p.person_id, min(e.time) as t, p.t0 from ${prev} p join events e on e.project_id = ${projectId}::uuid and e.person_id = p.person_id
        and e.time > p.t and e.time <= ${limit} + ${`${w} seconds`}::interval where ${stepCondition(s)} group by p.person_id, p.t0)`;
    });
    const counts = steps.map((_, i) => sql`(select count(*) from ${sql.raw(`s${i + 1}`)})`);
    return sql`with ${sql.join(ctes, sql`, `)} select ${sql.join(counts, sql`, `)}`;
  };

  const chainLimitMs = Number(process.env.BENCH_CHAIN_LIMIT_S ?? 300) * 1000;
  const stopped = new Set<string>();
  /** Runs a chain under the chain limit; a statement that reaches it is stopped and recorded by the caller. */
  const chainRun = (query: SQL) =>
    handle.db.transaction(async (tx) => {
      const t = tx as unknown as typeof handle.db;
      await t.execute(sql`select set_config('statement_timeout', ${String(chainLimitMs)}, true),
        set_config('work_mem', '256MB', true), set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`);
      return queryRows(t, query);
    });
  const facts = async () => (await readyFacts(scope, def))!;
  let buildMs = NaN;
  let rebuildMs = NaN;
  if (process.env.BENCH_SKIP_BUILD !== "1" || (await readyFacts(scope, def)) === null) {
    // A project's first build (its segments are written too), then a new or edited funnel's build
    // in a project that has its segments already (the facts of the first are gone, as an edit drops them).
    await handle.db.execute(sql`truncate funnel_fact_rows, funnel_fact_sets, funnel_segments`);
    let t = performance.now();
    await buildFacts(scope, def);
    buildMs = performance.now() - t;
    await handle.db.execute(sql`truncate funnel_fact_rows, funnel_fact_sets`);
    await handle.db.execute(sql`vacuum analyze funnel_fact_rows, funnel_segments`);
    t = performance.now();
    await buildFacts(scope, def);
    rebuildMs = performance.now() - t;
    await handle.db.execute(sql`vacuum analyze funnel_fact_rows`);
  }
  const id = await facts();
  const cases: [string, () => Promise<unknown>][] = [
    ["floor: count(*) of the candidate rows", () => queryRows(handle.db, sql`select count(*) ${candidates}`)],
    // The chains get their own time limit (BENCH_CHAIN_LIMIT_S): at 10 million events in arrival order
    // one ran past the 600 s of a facts build and the run printed nothing. A stopped chain counts as
    // the limit, and the ratios to it are printed as lower bounds (≥).
    ["Umami chain, window from the previous step", () => chainRun(umami(false))],
    ["Umami chain, window from the entry", () => chainRun(umami(true))],
    ["engine: 5 steps, 30 days, 7-day window", () => funnelStepCounts(scope, base)],
    ["engine: broken down by source", () => funnelStepCounts(scope, { ...base, groupBy: { kind: "field", field: "source", limit: 10 } })],
    ["engine: with an exclusion and an optional step", () => funnelStepCounts(scope, { ...rich, from, to })],
    ["first answer: sampled (query API sample: true)", () => funnelResults(scope, { ...base, sample: true })],
    ["saved funnel (facts)", () => factsStepCounts(scope, id, base)],
    [
      "saved funnel (facts), broken down by source",
      () => factsStepCounts(scope, id, { ...base, groupBy: { kind: "field", field: "source", limit: 10 } }),
    ],
    [
      "saved funnel: dashboard request (steps, trend, breakdown, previous)",
      () => funnelResults(scope, { ...base, breakdown: "source", compare: true, saved: true }),
    ],
  ];
  const times = new Map<string, number[]>(cases.map(([label]) => [label, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (const [label, fn] of cases) {
      const t = performance.now();
      try {
        await fn();
      } catch (err) {
        // 57014: canceled by the statement timeout (only the chains have one this short).
        if (!label.startsWith("Umami chain") || !errorCodes(err).includes("57014")) throw err;
        stopped.add(label);
        times.get(label)!.push(chainLimitMs);
        continue;
      }
      times.get(label)!.push(performance.now() - t);
    }
  const chainLabel = "Umami chain, window from the previous step";
  const chain = median(times.get(chainLabel)!);
  const atLeast = stopped.has(chainLabel) ? "≥" : " ";
  for (const [label] of cases) {
    const m = median(times.get(label)!);
    const rounds = times.get(label)!.map((r) => fmt(r));
    console.log(
      stopped.has(label)
        ? `${label.padEnd(70)} stopped at the ${chainLimitMs / 1000} s chain limit in some rounds (BENCH_CHAIN_LIMIT_S)  (rounds: ${rounds.join(", ")})`
        : `${label.padEnd(70)} median ${fmt(m).padStart(7)} ms ${atLeast}${(chain / m).toFixed(2).padStart(6)}× the chain  (rounds: ${rounds.join(", ")})`,
    );
  }
  if (!Number.isNaN(buildMs)) {
    console.log(`facts build, a project's first (its segments too): ${fmt(buildMs / 1000)} s`);
    console.log(`facts build, a new or edited funnel (segments there): ${fmt(rebuildMs / 1000)} s`);
  }
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
