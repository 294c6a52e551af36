/**
 * npm run bench:citus — the same work on one PostgreSQL (the baseline) and on the Citus cluster of
 * CITUS_DATABASE_URL (a coordinator and two workers; ../shared/citus/cluster.sh), in one run on one
 * machine: ingestion (batches of 100 events through insertEvents, BENCH_CONCURRENCY at a time),
 * the funnel engine over a week of a project, and a one-row statement of a project (the cost Citus
 * adds to every statement: planning on the coordinator, a round trip to the worker). Prints each
 * figure and the cluster's ratio to PostgreSQL. BENCH_EVENTS (default 20,000) sets the size.
 * On one machine the cluster pays its coordination without gaining hardware: the ratio is its cost.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { freshDatabase, dropDatabase, fmt, median, PG_URL } from "./common";
import { openPostgres, queryRows, type DbHandle } from "../../db/client";
import { migrate } from "../../db/migrate";
import { distribute } from "../../db/distribution";
import { createAccount } from "../../db/accounts";
import { teamScopeForUser, type ProjectScope } from "../../db/tenant";
import { createProject } from "../../db/projects";
import { templateSetup } from "../../lib/templates";
import { insertEvents, type EventInput } from "../../db/events/insert";
import { funnelStepCounts } from "../../db/queries/funnel/engine";
import type { FunnelStep } from "../../lib/funnel/types";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const CITUS_URL = process.env.CITUS_DATABASE_URL;
const NAME = "citus_bench";
const FROM = new Date("2026-05-04T00:00:00Z");
const TO = new Date("2026-05-11T00:00:00Z");
const STEPS: FunnelStep[] = [{ event: "pageview" }, { event: "pageview", path: "/p/*" }, { event: "add_to_cart" }, { event: "purchase" }];

function events(offset: number, n: number): EventInput[] {
  const out: EventInput[] = [];
  for (let i = offset; i < offset + n; i++) {
    const person = Math.floor(i / 5);
    const k = i % 5;
    const name = k < 3 ? "pageview" : k === 3 ? "add_to_cart" : "purchase";
    out.push({
      anonymousId: `v${person}`,
      time: new Date(FROM.getTime() + ((person * 7919) % (7 * 86400)) * 1000 + k * 60_000),
      name,
      path: name === "pageview" ? (k === 1 ? `/p/${person % 50}` : "/") : null,
      source: ["google", "mail", "facebook", null][person % 4],
      device: person % 3 ? "mobile" : "desktop",
      messageId: `m${i}`,
    });
  }
  return out;
}

/** A Citus database named NAME on every node of the cluster, migrated and distributed (32 shards). */
async function clusterDatabase(url: string): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const coordinator = postgres(url, { max: 1, onnotice: () => {} });
  type Node = { host: string; port: number; group: number };
  const nodes: Node[] = await coordinator<Node[]>`
    select nodename as host, nodeport as port, groupid as group from pg_dist_node order by groupid`.then((rows) => [...rows]);
  await coordinator.end();
  const at = (n: { host: string; port: number }, db: string) => {
    const u = new URL(url);
    u.hostname = n.host;
    u.port = String(n.port);
    u.pathname = "/" + db;
    return u.toString();
  };
  const onEach = async (statements: (n: Node) => string[], db: string, list: Node[] = nodes) => {
    for (const n of list) {
      const c = postgres(at(n, db), { max: 1, onnotice: () => {} });
      for (const s of statements(n)) await c.unsafe(s);
      await c.end();
    }
  };
  const [coord, ...workers] = nodes;
  await onEach(() => [`drop database if exists ${NAME} with (force)`, `create database ${NAME}`], "postgres", [...workers, coord]);
  await onEach(() => ["create extension if not exists citus"], NAME);
  await onEach(
    () => [
      `select citus_set_coordinator_host('${coord.host}', ${coord.port})`,
      ...workers.map((w) => `select citus_add_node('${w.host}', ${w.port})`),
    ],
    NAME,
    [coord],
  );
  const handle = await openPostgres(at(coord, NAME), 10);
  await migrate(handle);
  await distribute(handle.db);
  return { handle, drop: () => onEach(() => [`drop database if exists ${NAME} with (force)`], "postgres", nodes) };
}

async function project(handle: DbHandle): Promise<ProjectScope> {
  const { user } = await createAccount(handle.db, { name: "Bench", email: "bench@example.nl", password: "long enough pw" });
  const team = (await teamScopeForUser(handle.db, user.id))!;
  const { project: p } = await createProject(team, { name: "Bench", sector: "ecommerce" }, templateSetup("ecommerce", "en"));
  return team.project(p.id);
}

type Figures = { eventsPerSecond: number; msPerBatch: number; funnelMs: number; pointMs: number };

async function measure(handle: DbHandle): Promise<Figures> {
  const scope = await project(handle);
  const batches = Math.ceil(EVENTS / 100);
  const batchMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches) {
        const b = next++;
        const t = performance.now();
        await insertEvents(handle.db, scope.projectId, events(b * 100, 100));
        batchMs.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [{ n }] = await queryRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from events where project_id = ${scope.projectId}::uuid`,
  );
  if (Number(n) !== batches * 100) throw new Error(`stored ${n} events, sent ${batches * 100}`);

  const funnel: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await funnelStepCounts(scope, { steps: STEPS, windowSeconds: 86400, from: FROM, to: TO });
    funnel.push(performance.now() - t);
  }
  const point: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    await handle.db.execute(sql`select count(*) from funnels where project_id = ${scope.projectId}::uuid`);
    point.push(performance.now() - t);
  }
  return { eventsPerSecond: (batches * 100) / seconds, msPerBatch: median(batchMs), funnelMs: median(funnel), pointMs: median(point) };
}

async function main() {
  if (!CITUS_URL) throw new Error("CITUS_DATABASE_URL is not set: start a cluster with ../shared/citus/cluster.sh start DIR PORT");
  console.log(
    `bench:citus — ${fmt(EVENTS)} events, ${CONCURRENCY} concurrent batches of 100; PostgreSQL ${new URL(PG_URL).host}, Citus ${new URL(CITUS_URL).host}`,
  );
  const pg = await freshDatabase(`${NAME}_pg`);
  await migrate(pg);
  const base = await measure(pg);
  await pg.close();
  await dropDatabase(`${NAME}_pg`);

  const cluster = await clusterDatabase(CITUS_URL);
  const citus = await measure(cluster.handle);
  await cluster.handle.close();
  await cluster.drop();

  const row = (label: string, a: number, b: number, unit: string, digits = 1) =>
    console.log(
      `${label.padEnd(34)} ${a.toFixed(digits).padStart(10)} ${b.toFixed(digits).padStart(10)} ${unit.padEnd(9)} ${(b / a).toFixed(2)}×`,
    );
  console.log(`${"".padEnd(34)} ${"PostgreSQL".padStart(10)} ${"Citus".padStart(10)} ${"".padEnd(9)} Citus/PG`);
  row("ingestion", base.eventsPerSecond, citus.eventsPerSecond, "events/s", 0);
  row("  one batch of 100 (median)", base.msPerBatch, citus.msPerBatch, "ms");
  row("funnel engine, 4 steps, a week", base.funnelMs, citus.funnelMs, "ms");
  row("one-row statement of a project", base.pointMs, citus.pointMs, "ms", 2);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
