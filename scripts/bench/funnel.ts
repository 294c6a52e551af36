/**
 * npm run bench:funnel — 10 million events of 1 million visitors (the demo generator, e-commerce),
 * then a 5-step funnel over 30 days with a 7-day window: plain, with a filter, with a breakdown.
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
import { generateDemoEvents } from "../../db/demo/generate";
import { funnelStepCounts } from "../../db/queries/funnel/funnelStepCounts";
import { templateSetup } from "../../lib/templates";

const DB = "trechter_bench_funnel";
const VISITORS = Number(process.env.BENCH_VISITORS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main() {
  const reuse = process.env.BENCH_REUSE === "1";
  const handle = reuse ? await openPostgres(urlFor(DB), 4) : await freshDatabase(DB);
  let projectId: string;
  const end = new Date(Date.UTC(2026, 5, 1));
  if (!reuse) {
    const { user } = await createAccount(handle.db, { name: "Bench", email: "bench@example.nl", password: "long enough pw" });
    const team = (await teamScopeForUser(handle.db, user.id))!;
    projectId = (await createProject(team, { name: "Bench", sector: "ecommerce" }, templateSetup("ecommerce", "en"))).project.id;
    const started = Date.now();
    let events = 0;
    for (const batch of generateDemoEvents("ecommerce", { visitors: VISITORS, days: 90, seed: 1, end, batchVisitors: 2000, extraPageviews: 3.5 })) {
      events += (await insertEvents(handle.db, projectId, batch)).stored;
      if (events % 1_000_000 < batch.length) process.stdout.write(`\r  generated ${fmt(events)} events…`);
    }
    const secs = (Date.now() - started) / 1000;
    console.log(`\rGenerated ${fmt(events)} events of ${fmt(VISITORS)} visitors in ${secs.toFixed(0)} s (${fmt(events / secs)} events/s through insertEvents)`);
    await handle.db.execute(sql`vacuum analyze events`);
  } else {
    projectId = (await queryRows<{ id: string }>(handle.db, sql`select id from projects limit 1`))[0].id;
  }
  const scope = await operatorProjectScope(handle.db, projectId);
  const steps = templateSetup("ecommerce", "en").funnels[0].steps;
  const to = new Date(end.getTime() - 86400_000);
  const from = new Date(to.getTime() - 30 * 86400_000);
  const base = { steps, windowSeconds: 7 * 86400, from, to };

  const time = async (label: string, fn: () => Promise<unknown>) => {
    await fn();
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      runs.push(performance.now() - t);
    }
    console.log(`${label.padEnd(44)} median ${fmt(median(runs))} ms  (runs: ${runs.map((r) => fmt(r)).join(", ")})`);
  };
  const names = [...new Set(steps.map((s) => s.event))];
  await time("floor: count(*) of candidate rows", () =>
    queryRows(handle.db, sql`select count(*) from events where project_id = ${projectId}::uuid and name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)}) and time >= ${from.toISOString()}::timestamptz and time < ${new Date(to.getTime() + 7 * 86400_000).toISOString()}::timestamptz`),
  );
  await time("5-step funnel, 30 days, 7-day window", () => funnelStepCounts(scope, base));
  await time("  … with filter device=mobile", () => funnelStepCounts(scope, { ...base, filters: { device: ["mobile"] } }));
  await time("  … with breakdown by source", () => funnelStepCounts(scope, { ...base, groupBy: { kind: "field", field: "source", limit: 10 } }));
  const [counts] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from events where project_id = ${projectId}::uuid and name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)}) and time >= ${from.toISOString()}::timestamptz and time < ${new Date(to.getTime() + 7 * 86400_000).toISOString()}::timestamptz`);
  console.log(`candidate rows: ${fmt(counts.n)}`);
  await handle.close();
  if (process.env.BENCH_KEEP !== "1" && !reuse) await dropDatabase(DB);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
