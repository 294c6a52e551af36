/**
 * npm run bench:ingest — the app on PostgreSQL (built and started as npm start does), a separate
 * load process posting batches of 100 events for a fixed time; prints events per second accepted
 * and stored, and p50/p99 latency. The baseline, measured in the same run before and after the
 * load (scripts/bench/ingest-baseline.mjs): the same number of connections inserting the same
 * events as 100-row multi-VALUES statements into a copy of the events table with its indexes; the
 * app's rate is printed as a ratio to it, per round (BENCH_ROUNDS, default 3, baseline and load
 * alternated) and as the median round. BENCH_DURATION (per round), BENCH_BASELINE_DURATION,
 * BENCH_CONCURRENCY override; BENCH_SETUP_SQL runs on the fresh database before the load; BENCH_CPU_PROF=<dir> writes the app's CPU profiles there.
 */
import fs from "node:fs";
import os from "node:os";
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { freshDatabase, dropDatabase, fmt, urlFor } from "./common";
import { queryRows } from "../../db/client";
import { createAccount } from "../../db/accounts";
import { teamScopeForUser } from "../../db/tenant";
import { createProject } from "../../db/projects";

const DB = process.env.BENCH_DB ?? "trechter_bench_ingest";
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

/** CPU seconds used so far by the processes of a process group (the app: start.mjs, its server). */
function groupCpuSeconds(pgid: number): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // Fields after the command's closing parenthesis: state ppid pgrp … utime(14) stime(15).
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) === pgid) total += (Number(f[11]) + Number(f[12])) / tick;
    } catch {
      /* gone meanwhile */
    }
  }
  return total;
}

/** CPU seconds so far of each PostgreSQL backend connected to the bench's database (by its process title). */
function backendCpu(): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(` ${DB} `)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpu.set(pid, (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      /* gone meanwhile */
    }
  }
  return cpu;
}

/**
 * Runs a bench process and measures the CPU that the database's backends spent meanwhile, sampled
 * every 200 ms (a backend that ends with its client is counted up to its last sample).
 */
async function measured(script: string, env: NodeJS.ProcessEnv): Promise<{ out: string; dbCpu: number }> {
  const start = backendCpu();
  const last = new Map(start);
  const sample = () => backendCpu().forEach((v, pid) => last.set(pid, v));
  const timer = setInterval(sample, 200);
  const child = spawn(process.execPath, [script], { env, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  const code = await new Promise<number | null>((r) => child.on("close", r));
  clearInterval(timer);
  sample();
  if (code !== 0) throw new Error(`${script} failed (${code})`);
  let dbCpu = 0;
  last.forEach((v, pid) => (dbCpu += v - (start.get(pid) ?? 0)));
  return { out, dbCpu };
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
  const concurrency = process.env.BENCH_CONCURRENCY ?? "16";
  await handle.db.execute(sql`create table bench_values (like events including all)`);
  // BENCH_SETUP_SQL: statements run on the fresh database before the load (to measure a schema change).
  if (process.env.BENCH_SETUP_SQL) await handle.db.execute(sql.raw(process.env.BENCH_SETUP_SQL));
  const baseline = async () => {
    const { out, dbCpu } = await measured("scripts/bench/ingest-baseline.mjs", {
      ...process.env,
      DATABASE_URL: urlFor(DB),
      PROJECT_ID: project.id,
      DURATION: process.env.BENCH_BASELINE_DURATION ?? "5",
      CONCURRENCY: concurrency,
    });
    const b = JSON.parse(out.trim().split("\n").pop()!) as { seconds: number; inserted: number };
    return { rate: b.inserted / b.seconds, dbCpuPerEvent: dbCpu / b.inserted };
  };
  // With BENCH_CPU_PROF the built app's server is started on its own (NODE_OPTIONS may not hold --cpu-prof).
  const prof = process.env.BENCH_CPU_PROF;
  const app = prof
    ? spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${prof}`, "--import", "tsx", "server/serve.ts"], {
        env: { ...env, NODE_ENV: "production" },
        stdio: ["ignore", "ignore", "inherit"],
        detached: true,
      })
    : spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  try {
    await waitFor(`http://127.0.0.1:${PORT}/login`, 300_000);
    console.log(
      `machine             ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} before the run`,
    );
    // Rounds alternate the baseline and the load (BENCH_ROUNDS, default 3): this machine's speed
    // drifts by a third within minutes, so each round's ratio is taken to the baselines just before
    // and after it, and the median round is the figure.
    const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
    const us = (seconds: number) => `${(seconds * 1e6).toFixed(0)} µs`;
    const countStored = async () =>
      Number(
        (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from events where project_id = ${project.id}::uuid`))[0].n,
      );
    let before = await baseline();
    const ratios: number[] = [];
    const p99s: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const storedBefore = await countStored();
      const cpuBefore = groupCpuSeconds(app.pid!);
      const { out, dbCpu } = await measured("scripts/bench/ingest-load.mjs", {
        ...process.env,
        URL_BASE: `http://127.0.0.1:${PORT}`,
        WRITE_KEY: writeKey,
        DURATION: process.env.BENCH_DURATION ?? "10",
        CONCURRENCY: concurrency,
      });
      const appCpu = groupCpuSeconds(app.pid!) - cpuBefore;
      const after = await baseline();
      const r = JSON.parse(out.trim().split("\n").pop()!);
      const n = (await countStored()) - storedBefore;
      const base = (before.rate + after.rate) / 2;
      const ratio = n / r.seconds / base;
      ratios.push(ratio);
      p99s.push(r.p99);
      console.log(`round ${round} of ${rounds}`);
      console.log(`  duration          ${r.seconds.toFixed(1)} s, ${fmt(r.requests)} requests of 100 events, ${r.failed} failed`);
      console.log(`  accepted          ${fmt(r.accepted / r.seconds)} events/s`);
      console.log(`  stored            ${fmt(n / r.seconds)} events/s (${fmt(n)} rows)`);
      console.log(`  latency per batch p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
      console.log(
        `  CPU per event     app process ${us(appCpu / n)}, database ${us(dbCpu / n)} (${appCpu.toFixed(1)} s and ${dbCpu.toFixed(1)} s in ${r.seconds.toFixed(1)} s)`,
      );
      console.log(
        `  baseline          ${fmt(base)} events/s: ${concurrency} connections inserting 100-row multi-VALUES into a copy of events (${fmt(before.rate)} before, ${fmt(after.rate)} after the round); database ${us((before.dbCpuPerEvent + after.dbCpuPerEvent) / 2)} CPU per event`,
      );
      console.log(`  ratio             ${ratio.toFixed(2)} (stored by the app / baseline)`);
      before = after;
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    console.log(
      `ratio               ${sorted[Math.floor((sorted.length - 1) / 2)].toFixed(2)} median of ${rounds} rounds (${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)}); p99 per batch ${p99s.map((x) => x.toFixed(0)).join(", ")} ms`,
    );
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
