import { it, expect, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Analytics } from "@segment/analytics-node";
import { sql } from "drizzle-orm";
import { openPostgres, queryRows, type DbHandle } from "../client";
import { migrate } from "../migrate";
import { createAccount } from "../accounts";
import { teamScopeForUser } from "../tenant";
import { createProject } from "../projects";
import { startIngestServer } from "../../tests/ingest-server";
import { describeWhen, postgresRequirement } from "../../tests/requirements";

/**
 * Stops a real PostgreSQL in the middle of a stream of batches from @segment/analytics-node and
 * counts afterwards: every acknowledged event is there, none twice. It runs its own throwaway
 * server (initdb on a free port) so stopping it disturbs no other test; it needs the PostgreSQL
 * server binaries, which CI's machine has (it runs when TEST_DATABASE_URL is set, as in CI).
 */
const bin = (() => {
  try {
    const version = fs.readdirSync("/usr/lib/postgresql").sort().pop();
    return version ? `/usr/lib/postgresql/${version}/bin` : null;
  } catch {
    return null;
  }
})();
const serverBinaries = {
  met: bin !== null,
  reason: "the PostgreSQL server binaries are not in /usr/lib/postgresql (apt-get install postgresql)",
};

function asPostgres(args: string[]) {
  const cmd = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", ...args]] : [args[0], args.slice(1)];
  return execFileSync(cmd[0] as string, cmd[1] as string[], { stdio: "pipe", encoding: "utf8" });
}

describeWhen("database outage during ingestion [postgres]", [postgresRequirement(), serverBinaries], () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trechter-outage-"));
  const dataDir = path.join(dir, "data");
  const port = 20000 + Math.floor(Math.random() * 20000);
  let handle: DbHandle;
  let server: Awaited<ReturnType<typeof startIngestServer>>;
  let writeKey: string;
  let projectId: string;
  const pgctl = (action: "start" | "stop") =>
    asPostgres([
      `${bin}/pg_ctl`,
      "-D",
      dataDir,
      "-w",
      "-t",
      "30",
      ...(action === "start"
        ? ["-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`, "-l", path.join(dir, "log"), "start"]
        : ["-m", "fast", "stop"]),
    ]);

  beforeAll(async () => {
    fs.chmodSync(dir, 0o777);
    asPostgres([`${bin}/initdb`, "-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
    pgctl("start");
    handle = await openPostgres(`postgres://postgres@127.0.0.1:${port}/postgres`, 5);
    await migrate(handle);
    const { user } = await createAccount(handle.db, { name: "Out", email: "outage@example.nl", password: "long enough pw" });
    const created = await createProject((await teamScopeForUser(handle.db, user.id))!, { name: "Shop", sector: "saas" });
    writeKey = created.writeKey;
    projectId = created.project.id;
    server = await startIngestServer(() => handle.db);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await handle?.close().catch(() => {});
    try {
      pgctl("stop");
    } catch {
      /* already stopped */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("loses no acknowledged event and doubles none", async () => {
    const analytics = new Analytics({ writeKey, host: server.url, flushAt: 50, flushInterval: 100, maxRetries: 30 });
    const failures: unknown[] = [];
    analytics.on("error", (e) => failures.push(e));
    const TOTAL = 3000;
    for (let i = 0; i < TOTAL; i++) {
      analytics.track({ anonymousId: `v${i % 300}`, event: "stream", messageId: `msg-${i}`, properties: { i } });
      if (i === 1000) pgctl("stop");
      if (i === 2000) pgctl("start");
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 20));
    }
    await analytics.closeAndFlush({ timeout: 120_000 });
    expect(failures).toEqual([]);
    const [row] = await queryRows<{ n: number; distinct_ids: number }>(
      handle.db,
      sql`select count(*)::int as n, count(distinct message_id)::int as distinct_ids from events where project_id = ${projectId} and name = 'stream'`,
    );
    expect(row).toEqual({ n: TOTAL, distinct_ids: TOTAL });
  }, 180_000);
});
