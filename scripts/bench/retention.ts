/**
 * npm run bench:retention — what retention costs at the funnel benchmark's size: 10 million events
 * of 1 million visitors over 90 days (the demo generator, e-commerce; `npm run bench:funnel` with
 * BENCH_KEEP=1 and BENCH_DB=trechter_bench_retention leaves such a database, with its facts built,
 * and BENCH_REUSE=1 here reads it; without it this script generates one, as bench:funnel does).
 * Then, timed:
 * - the hourly check of a project with nothing to delete (the horizon before its first event);
 * - the deletion of the oldest month (about a third of the events) by db/retention.ts, as the job
 *   runs it: batched deletes of events, persons left without events, funnel facts trimmed;
 * - the check right after (nothing left to do);
 * - the partitioned path (db/event-partitions.ts): "now" a month on, the next whole month lies before
 *   the horizon and its partition is dropped (with its events' message ids), then the project's run
 *   deletes the rest in batches.
 * The deletion is destructive: a database serves one run (BENCH_DB names another).
 */
import { sql } from "drizzle-orm";
import { freshDatabase, fmt, urlFor } from "./common";
import { openPostgres, queryRows } from "../../db/client";
import { createAccount } from "../../db/accounts";
import { teamScopeForUser, operatorProjectScope } from "../../db/tenant";
import { createProject } from "../../db/projects";
import { insertDemoBatches } from "../../db/demo/seed";
import { generateDemoEvents } from "../../db/demo/generate";
import { migrate } from "../../db/migrate";
import { templateSetup } from "../../lib/templates";
import { prepareFacts } from "../../db/queries/funnel/factsUpkeep";
import { applyRetention, maintainPartitions } from "../../db/retention";

const DB = process.env.BENCH_DB ?? "trechter_bench_retention";
const VISITORS = Number(process.env.BENCH_VISITORS ?? 1_000_000);
const END = new Date(Date.UTC(2026, 5, 1));

async function main() {
  const reuse = process.env.BENCH_REUSE === "1";
  const handle = reuse ? await openPostgres(urlFor(DB), 4) : await freshDatabase(DB);
  if (reuse) await migrate(handle);
  const db = handle.db;
  let projectId: string;
  if (!reuse) {
    const { user } = await createAccount(db, { name: "Bench", email: "bench@example.nl", password: "long enough pw" });
    const team = (await teamScopeForUser(db, user.id))!;
    projectId = (await createProject(team, { name: "Bench", sector: "ecommerce" }, templateSetup("ecommerce", "en"))).project.id;
    const started = Date.now();
    const { stored } = await insertDemoBatches(
      db,
      projectId,
      generateDemoEvents("ecommerce", { visitors: VISITORS, days: 90, seed: 1, end: END, batchVisitors: 2000, extraPageviews: 8 }),
    );
    console.log(`Generated ${fmt(stored)} events in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await db.execute(sql`vacuum analyze events`);
  } else {
    projectId = (await queryRows<{ id: string }>(db, sql`select id from projects limit 1`))[0].id;
  }
  // Statistics as autovacuum keeps them (a sample: seconds), so the planner walks the time index.
  await db.execute(sql`analyze events, persons`);
  const scope = await operatorProjectScope(db, projectId);
  const funnel = templateSetup("ecommerce", "en").funnels[0];
  await prepareFacts(scope, { steps: funnel.steps, windowSeconds: funnel.windowSeconds });

  const stats = async () =>
    (
      await queryRows<{ events: number; first: string; facts: number; persons: number }>(
        db,
        sql`select (select count(*)::int from events where project_id = ${projectId}::uuid) as events,
          (select min(time)::text from events where project_id = ${projectId}::uuid) as first,
          (select count(*)::int from funnel_fact_rows where project_id = ${projectId}::uuid) as facts,
          (select count(*)::int from persons where project_id = ${projectId}::uuid) as persons`,
      )
    )[0];
  const before = await stats();
  console.log(`events ${fmt(before.events)} from ${before.first}; persons ${fmt(before.persons)}; funnel fact rows ${fmt(before.facts)}`);

  const tz = scope.project.timeZone;
  const timed = async (label: string, now: Date) => {
    const t = performance.now();
    const run = await applyRetention(db, projectId, 1, tz, now);
    const ms = performance.now() - t;
    console.log(
      `${label.padEnd(44)} ${fmt(ms).padStart(9)} ms  horizon ${run.cut.toISOString()}: ${fmt(run.events)} events, ${fmt(run.persons)} persons, ${fmt(run.identityLinks)} identity links, ${fmt(run.funnelFacts)} fact rows`,
    );
    return { ms, run };
  };
  // One month kept, "now" moved so that the horizon lies before the data, then a month into it.
  const first = new Date(before.first.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
  await timed("check with nothing to delete", new Date(first.getTime() + 20 * 86400_000));
  const month = await timed("delete the oldest month", new Date(first.getTime() + 61 * 86400_000));
  await timed("check right after", new Date(first.getTime() + 61 * 86400_000));
  console.log(`  = ${fmt(month.run.events / (month.ms / 1000))} events deleted per second, all kinds included`);

  // The partitioned path: the project keeps one month, so the next whole month lies before every horizon.
  await db.execute(sql`insert into event_retention (project_id, months) values (${projectId}::uuid, 1)
    on conflict (project_id) do update set months = 1`);
  const later = new Date(first.getTime() + 92 * 86400_000);
  let t0 = performance.now();
  const dropped = await maintainPartitions(db, later);
  const dropMs = performance.now() - t0;
  console.log(
    `${"drop the whole months (partitions)".padEnd(44)} ${fmt(dropMs).padStart(9)} ms  ${dropped.partitions.join(", ")}: ${fmt(dropped.events)} events`,
  );
  t0 = performance.now();
  const rest = await applyRetention(db, projectId, 1, tz, later);
  console.log(
    `${"then the project's run (batches, persons, facts)".padEnd(44)} ${fmt(performance.now() - t0).padStart(9)} ms  horizon ${rest.cut.toISOString()}: ${fmt(rest.events)} events, ${fmt(rest.persons)} persons, ${fmt(rest.funnelFacts)} fact rows`,
  );
  console.log(`  = ${fmt(dropped.events / (dropMs / 1000))} events dropped per second with their message ids`);
  const after = await stats();
  console.log(`events ${fmt(after.events)} from ${after.first}; persons ${fmt(after.persons)}; funnel fact rows ${fmt(after.facts)}`);
  const t = performance.now();
  await db.execute(sql`select count(*) from events where project_id = ${projectId}::uuid`);
  console.log(`count(*) of the remaining events afterwards (dead rows not yet vacuumed): ${fmt(performance.now() - t)} ms`);
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
