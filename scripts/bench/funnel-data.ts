/**
 * The funnel benchmark's data, laid out as real traffic arrives: in time order.
 *
 * The demo generator yields each visitor's 90 days at once, so inserting its batches directly leaves
 * the heap clustered by person (and the engine's per-person sort gets nearly sorted input). Real
 * traffic arrives in time order, interleaving every visitor. So the events go through the ingestion
 * insert path first (persons, identities, traits as always), and are then rewritten once in order of
 * time: the heap is in arrival order and the ids (the receive order) follow time, as they would.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { createAccount } from "../../db/accounts";
import { teamScopeForUser } from "../../db/tenant";
import { createProject } from "../../db/projects";
import { insertDemoBatches } from "../../db/demo/seed";
import { generateDemoEvents } from "../../db/demo/generate";
import { templateSetup } from "../../lib/templates";
import { fmt } from "./common";

const COLUMNS =
  "project_id, time, received_at, name, person_id, anonymous_id, user_id, path, referrer_domain, utm_source, utm_medium, utm_campaign, device, browser, os, country, region, properties, revenue, message_id";

/** Creates the bench account and project and fills it with `visitors`' 90 days, in arrival order. Returns the project id. */
export async function generateArrivalOrder(db: Db, visitors: number, end: Date): Promise<string> {
  const { user } = await createAccount(db, { name: "Bench", email: "bench@example.nl", password: "long enough pw" });
  const team = (await teamScopeForUser(db, user.id))!;
  const projectId = (await createProject(team, { name: "Bench", sector: "ecommerce" }, templateSetup("ecommerce", "en"))).project.id;
  let started = Date.now();
  let shown = 0;
  const { stored } = await insertDemoBatches(
    db,
    projectId,
    generateDemoEvents("ecommerce", { visitors, days: 90, seed: 1, end, batchVisitors: 2000, extraPageviews: 8 }),
    (n) => {
      if (n - shown >= 1_000_000) process.stdout.write(`\r  generated ${fmt((shown = n))} events…`);
    },
  );
  console.log(`\rGenerated ${fmt(stored)} events of ${fmt(visitors)} visitors in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  started = Date.now();
  // One rewrite in time order: the heap in arrival order, ids (receive order) following time.
  await db.execute(sql.raw(`create unlogged table bench_arrival as select * from events order by time, id`));
  await db.execute(sql.raw(`truncate events`));
  await db.execute(sql.raw(`insert into events (${COLUMNS}) select ${COLUMNS} from bench_arrival order by time, id`));
  await db.execute(sql.raw(`drop table bench_arrival`));
  await db.execute(sql.raw(`vacuum analyze events`));
  console.log(`Rewrote the events in arrival order in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return projectId;
}
