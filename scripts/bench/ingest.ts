/**
 * npm run bench:ingest — the app on PostgreSQL (built and started as npm start does), a separate
 * load process posting batches of 100 events for a fixed time; prints events per second accepted
 * and stored, and p50/p99 latency. BENCH_DURATION, BENCH_CONCURRENCY override.
 */
import { spawn, execFileSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { freshDatabase, dropDatabase, fmt, urlFor } from "./common";
import { queryRows } from "../../db/client";
import { createAccount } from "../../db/accounts";
import { teamScopeForUser } from "../../db/tenant";
import { createProject } from "../../db/projects";

const DB = "trechter_bench_ingest";
const PORT = process.env.BENCH_PORT ?? "3300";

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not answer on ${url}`);
}

async function main() {
  const handle = await freshDatabase(DB);
  const { user } = await createAccount(handle.db, { name: "Bench", email: "bench@example.nl", password: "long enough pw" });
  const team = (await teamScopeForUser(handle.db, user.id))!;
  const { project, writeKey } = await createProject(team, { name: "Bench", sector: "ecommerce" });
  const env = {
    ...process.env,
    DATABASE_URL: urlFor(DB),
    PORT,
    TRECHTER_DEMO: "0",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-bench",
    NEXT_TELEMETRY_DISABLED: "1",
    INGEST_RATE_LIMIT: "100000000",
  };
  const app = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  try {
    await waitFor(`http://127.0.0.1:${PORT}/login`, 300_000);
    const out = execFileSync(process.execPath, ["scripts/bench/ingest-load.mjs"], {
      env: {
        ...process.env,
        URL_BASE: `http://127.0.0.1:${PORT}`,
        WRITE_KEY: writeKey,
        DURATION: process.env.BENCH_DURATION ?? "20",
        CONCURRENCY: process.env.BENCH_CONCURRENCY ?? "16",
      },
      encoding: "utf8",
    });
    const r = JSON.parse(out.trim().split("\n").pop()!);
    const [{ n }] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from events where project_id = ${project.id}::uuid`,
    );
    console.log(`duration            ${r.seconds.toFixed(1)} s, ${fmt(r.requests)} requests of 100 events, ${r.failed} failed`);
    console.log(`accepted            ${fmt(r.accepted / r.seconds)} events/s`);
    console.log(`stored              ${fmt(n / r.seconds)} events/s (${fmt(n)} rows)`);
    console.log(`latency per batch   p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
  } finally {
    try {
      process.kill(-app.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    await handle.close();
    await new Promise((r) => setTimeout(r, 1000));
    await dropDatabase(DB);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
