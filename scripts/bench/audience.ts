/**
 * npm run bench:audience — the demo generator's e-commerce traffic (BENCH_VISITORS, default 5,000
 * like the demo project; 90 days), then for each step of the 5-step template funnel (30 days, 7-day
 * window): the funnel's own time, and the time to stream that step's drop-off audience to the end
 * (rows counted, none kept). On PostgreSQL (a throwaway database) and PGlite (in memory).
 */
import { sql } from "drizzle-orm";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "../../db/schema";
import { freshDatabase, dropDatabase, fmt } from "./common";
import { type Db, type DbHandle } from "../../db/client";
import { migrate } from "../../db/migrate";
import { createAccount } from "../../db/accounts";
import { teamScopeForUser, operatorProjectScope } from "../../db/tenant";
import { createProject } from "../../db/projects";
import { insertEvents } from "../../db/events/insert";
import { generateDemoEvents } from "../../db/demo/generate";
import { funnelStepCounts } from "../../db/queries/funnel/engine";
import { dropOffAudience } from "../../db/queries/funnel/dropOffAudience";
import { templateSetup } from "../../lib/templates";

const DB = "trechter_bench_audience";
const VISITORS = Number(process.env.BENCH_VISITORS ?? 5000);

async function run(label: string, handle: DbHandle) {
  const db: Db = handle.db;
  const { user } = await createAccount(db, { name: "Bench", email: "bench@example.nl", password: "long enough pw" });
  const team = (await teamScopeForUser(db, user.id))!;
  const projectId = (await createProject(team, { name: "Bench", sector: "ecommerce" }, templateSetup("ecommerce", "en"))).project.id;
  const end = new Date(Date.UTC(2026, 5, 1));
  let events = 0;
  for (const batch of generateDemoEvents("ecommerce", { visitors: VISITORS, days: 90, seed: 1, end, batchVisitors: 2000 }))
    events += (await insertEvents(db, projectId, batch)).stored;
  await db.execute(sql`analyze`);
  const scope = await operatorProjectScope(db, projectId);
  const steps = templateSetup("ecommerce", "en").funnels[0].steps;
  const to = new Date(end.getTime() - 86400_000);
  const q = { steps, windowSeconds: 7 * 86400, from: new Date(to.getTime() - 30 * 86400_000), to };
  console.log(`${label}: ${fmt(events)} events of ${fmt(VISITORS)} visitors`);
  let t = performance.now();
  const counts = (await funnelStepCounts(scope, q)).sort((a, b) => a.step - b.step).map((r) => r.visitors);
  console.log(`  funnelStepCounts ${fmt(performance.now() - t)} ms  visitors ${counts.join(" / ")}`);
  for (let k = 1; k < steps.length; k++) {
    t = performance.now();
    let rows = 0;
    let pages = 0;
    let firstPage = 0;
    for await (const page of dropOffAudience(scope, { ...q, step: k })) {
      if (pages++ === 0) firstPage = performance.now() - t;
      rows += page.length;
    }
    console.log(
      `  step ${k}: ${fmt(rows).padStart(7)} people, ${pages} pages, first page after ${fmt(firstPage)} ms, all streamed in ${fmt(performance.now() - t)} ms`,
    );
  }
}

async function main() {
  const pg = await freshDatabase(DB);
  try {
    await run("PostgreSQL", pg);
  } finally {
    await pg.close();
    await dropDatabase(DB);
  }
  const client = await PGlite.create();
  const lite: DbHandle = { db: drizzle(client, { schema }) as unknown as Db, kind: "pglite", close: () => client.close() };
  await migrate(lite);
  await run("PGlite", lite);
  await lite.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
