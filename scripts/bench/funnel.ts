/**
 * npm run bench:funnel — 10 million events of 1 million visitors (the demo generator, e-commerce),
 * then a 5-step funnel over 30 days with a 7-day window: plain, with a filter, with a breakdown.
 * Saved funnels read precomputed facts (db/queries/funnel/facts.ts, factsUpkeep.ts): the bench times their build,
 * the queries on them, a refresh after new traffic, and the raw engine an ad-hoc query runs.
 * Prints the median of several runs and the time of a plain count of the candidate rows (the floor).
 * BENCH_VISITORS / BENCH_RUNS override the size; BENCH_KEEP=1 keeps the database for another run.
 */
import { sql } from "drizzle-orm";
import { freshDatabase, dropDatabase, median, fmt, urlFor } from "./common";
import { openPostgres, queryRows } from "../../db/client";
import { createAccount } from "../../db/accounts";
import { teamScopeForUser, operatorProjectScope } from "../../db/tenant";
import { createProject } from "../../db/projects";
import { insertEvents } from "../../db/events/insert";
import { insertDemoBatches } from "../../db/demo/seed";
import { generateDemoEvents } from "../../db/demo/generate";
import { funnelStepCounts } from "../../db/queries/funnel/engine";
import { migrate } from "../../db/migrate";
import { templateSetup } from "../../lib/templates";
import { zonedMidnight } from "../../lib/funnel/ranges";
import { factsStepCounts } from "../../db/queries/funnel/facts";
import { buildFacts, refreshFacts, readyFacts } from "../../db/queries/funnel/factsUpkeep";
import { funnelResults } from "../../db/queries/funnel/funnelResults";
import type { StepCountsQuery } from "../../db/queries/funnel/engine";

const DB = process.env.BENCH_DB ?? "trechter_bench_funnel";
const VISITORS = Number(process.env.BENCH_VISITORS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main() {
  const reuse = process.env.BENCH_REUSE === "1";
  const handle = reuse ? await openPostgres(urlFor(DB), 4) : await freshDatabase(DB);
  if (reuse) await migrate(handle);
  let projectId: string;
  const end = new Date(Date.UTC(2026, 5, 1));
  if (!reuse) {
    const { user } = await createAccount(handle.db, { name: "Bench", email: "bench@example.nl", password: "long enough pw" });
    const team = (await teamScopeForUser(handle.db, user.id))!;
    projectId = (await createProject(team, { name: "Bench", sector: "ecommerce" }, templateSetup("ecommerce", "en"))).project.id;
    const started = Date.now();
    let shown = 0;
    const { stored: events } = await insertDemoBatches(
      handle.db,
      projectId,
      generateDemoEvents("ecommerce", { visitors: VISITORS, days: 90, seed: 1, end, batchVisitors: 2000, extraPageviews: 8 }),
      (stored) => {
        if (stored - shown >= 1_000_000) process.stdout.write(`\r  generated ${fmt((shown = stored))} events…`);
      },
    );
    const secs = (Date.now() - started) / 1000;
    console.log(
      `\rGenerated ${fmt(events)} events of ${fmt(VISITORS)} visitors in ${secs.toFixed(0)} s (${fmt(events / secs)} events/s through insertEvents)`,
    );
    await handle.db.execute(sql`vacuum analyze events`);
  } else {
    projectId = (await queryRows<{ id: string }>(handle.db, sql`select id from projects limit 1`))[0].id;
  }
  const scope = await operatorProjectScope(handle.db, projectId);
  const steps = templateSetup("ecommerce", "en").funnels[0].steps;
  const def = { steps, windowSeconds: 7 * 86400 };
  // Whole local days, as the dashboard's presets ask: the 30 days before the data's last day.
  const last = new Date(end.getTime() - 86400_000);
  const to = zonedMidnight(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate(), scope.project.timeZone);
  const from = zonedMidnight(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate() - 30, scope.project.timeZone);
  const base = { ...def, from, to };
  const filtered = { ...base, filters: { device: ["mobile"] } };
  const broken = { ...base, groupBy: { kind: "field" as const, field: "source" as const, limit: 10 } };
  // A field a visitor keeps across visits: few rows are their person's only one with the value.
  const byDevice = { ...base, groupBy: { kind: "field" as const, field: "device" as const, limit: 10 } };

  const time = async (label: string, fn: () => Promise<unknown>, runs = RUNS) => {
    await fn();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    console.log(`${label.padEnd(52)} median ${fmt(median(times)).padStart(6)} ms  (runs: ${times.map((r) => fmt(r)).join(", ")})`);
  };
  const names = [...new Set(steps.map((s) => s.event))];
  const candidates = sql`from events where project_id = ${projectId}::uuid and name in (${sql.join(
    names.map((n) => sql`${n}`),
    sql`, `,
  )}) and time >= ${from.toISOString()}::timestamptz and time < ${new Date(to.getTime() + 7 * 86400_000).toISOString()}::timestamptz`;
  const [counts] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n ${candidates}`);
  console.log(`candidate rows (events of the steps' names in the range plus the window): ${fmt(counts.n)}`);
  await time("floor: count(*) of the candidate rows", () => queryRows(handle.db, sql`select count(*) ${candidates}`));

  // Saved funnels read their facts (db/queries/funnel/facts.ts): built once, then kept current.
  let t = performance.now();
  let built = true;
  if (reuse && process.env.BENCH_REBUILD !== "1" && (await refreshFacts(scope, def)) !== null) {
    built = false;
  } else {
    await handle.db.execute(sql`truncate funnel_fact_rows, funnel_fact_sets, funnel_segments`);
    t = performance.now();
    await buildFacts(scope, def);
    await handle.db.execute(sql`vacuum analyze funnel_fact_rows`);
  }
  const [facts] = await queryRows<{ n: number; r: number }>(
    handle.db,
    sql`select count(*)::int as n, count(*) filter (where day >= ${from.toISOString().slice(0, 10)}::date)::int as r from funnel_fact_rows`,
  );
  console.log(
    `${built ? `facts built in ${fmt((performance.now() - t) / 1000)} s` : "facts reused from the last run (BENCH_REBUILD=1 builds them again)"}: ${fmt(facts.n)} rows (person × entry day × segment), about ${fmt(facts.r)} in the range`,
  );
  // What the dashboard does for a saved funnel: apply the persons changed since, then read.
  const saved = (q: StepCountsQuery) => async () => factsStepCounts(scope, (await readyFacts(scope, def))!, q);
  await time("saved funnel (facts): 5 steps, 30 days, 7-day window", saved(base));
  await time("  … with filter device=mobile", saved(filtered));
  await time("  … with breakdown by source", saved(broken));
  await time("  … with breakdown by device", saved(byDevice));
  await time("dashboard request (steps, trend, breakdown, previous)", () =>
    funnelResults(scope, { ...def, from, to, breakdown: "source", compare: true, saved: true }),
  );

  // New traffic: a thousand more visitors on the last day, then the refresh that applies them.
  const fresh = [
    ...generateDemoEvents("ecommerce", { visitors: 1000, days: 1, seed: Date.now() % 100000, end, batchVisitors: 1000 }),
  ].flat();
  await insertEvents(handle.db, projectId, fresh);
  t = performance.now();
  const applied = await refreshFacts(scope, def);
  console.log(`refresh after ${fmt(fresh.length)} new events: ${fmt(applied ?? 0)} persons recomputed in ${fmt(performance.now() - t)} ms`);

  // Ad-hoc definitions (the query API, the editor) run the engine on the events themselves.
  await time("ad-hoc funnel (engine on the events)", () => funnelStepCounts(scope, base), Math.min(RUNS, 2));
  await handle.close();
  if (process.env.BENCH_KEEP !== "1" && !reuse) await dropDatabase(DB);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
