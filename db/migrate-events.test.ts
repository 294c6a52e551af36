import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { it, expect, describe, afterAll, inject } from "vitest";
import { sql } from "drizzle-orm";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "./schema";
import { openPostgres, queryRows, type Db, type DbHandle } from "./client";
import { migrate, MIGRATIONS_FOLDER } from "./migrate";
import { testKinds } from "../tests/db";
import { describeWhen, citusRequirement, postgresRequirement } from "../tests/requirements";
import { createClusterDb, dropClusterDb } from "../tests/citus";
import { distribute, TABLE_PLACEMENT } from "./distribution";
import { createAccount } from "./accounts";
import { teamScopeForUser } from "./tenant";
import { createProject } from "./projects";
import { insertEvents } from "./events/insert";
import { eventPartitions } from "./event-partitions";

/** The migrations folder as it was before events were partitioned (0016 and earlier). */
function foldersBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trechter-mig-"));
  fs.mkdirSync(path.join(dir, "meta"));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < tag);
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

async function emptyDb(kind: "pglite" | "postgres" | "citus"): Promise<DbHandle> {
  if (kind === "citus") {
    const base = process.env.CITUS_DATABASE_URL!;
    const name = `trechter_cmig_${crypto.randomBytes(5).toString("hex")}`;
    const handle = await openPostgres(await createClusterDb(base, name), 2);
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await dropClusterDb(base, name);
      },
    };
  }
  if (kind === "pglite") {
    const client = await PGlite.create();
    return { db: drizzle(client, { schema }) as unknown as Db, kind, close: () => client.close() };
  }
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const name = `trechter_mig_${crypto.randomBytes(5).toString("hex")}`;
  const admin = await openPostgres(url.toString(), 1);
  await admin.db.execute(sql.raw(`create database ${name}`));
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString(), 2);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
}

const before = foldersBefore("0017_events_partitioned");
afterAll(() => fs.rmSync(before, { recursive: true, force: true }));

function suite(kind: "pglite" | "postgres" | "citus") {
  it("moves every event with its id into its month (the default partition past the longest retention), and keeps deduplicating", async () => {
    const handle = await emptyDb(kind);
    try {
      await migrate(handle, before);
      const db = handle.db;
      // A cluster that distributed the old schema (which had no event_messages yet).
      const oldPlacement = { ...TABLE_PLACEMENT, distributed: TABLE_PLACEMENT.distributed.filter((t) => t !== "event_messages") };
      if (kind === "citus") expect((await distribute(db, { shardCount: 4, placement: oldPlacement })).distributed).toContain("events");
      const { user } = await createAccount(db, { name: "M", email: "migrate@example.nl", password: "long enough pw" });
      const { project } = await createProject((await teamScopeForUser(db, user.id))!, { name: "P", sector: "saas" });
      const p = project.id;
      const now = Date.now();
      const times = [new Date(now - 40 * 86400_000), new Date(now - 3600_000), new Date("2010-03-04T05:06:07Z")];
      await db.execute(sql`insert into events (project_id, time, name, person_id, anonymous_id, message_id)
          select ${p}::uuid, t, 'pageview', 'a', 'a', 'old-' || n
          from unnest(${`{${times.map((t) => t.toISOString()).join(",")}}`}::timestamptz[]) with ordinality as x(t, n)`);
      const old = await queryRows<{ id: number; message_id: string; time: string }>(
        db,
        sql`select id, message_id, time::text from events order by id`,
      );

      await migrate(handle);
      // On Citus the new tables start on the coordinator; db:distribute places them, rows and all.
      if (kind === "citus") expect((await distribute(db, { shardCount: 4 })).distributed).toEqual(["events", "event_messages"]);
      const moved = await queryRows<{ id: number; message_id: string; time: string; part: string }>(
        db,
        sql`select id, message_id, time::text, tableoid::regclass::text as part from events order by id`,
      );
      expect(moved.map(({ part: _, ...r }) => r)).toEqual(old);
      const month = (d: Date) => `events_p${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
      expect(moved.map((r) => r.part.replace(/_\d{5,}$/, ""))).toEqual([month(times[0]), month(times[1]), "events_default"]);
      // From 26 months back (the default retention and one) to three ahead.
      const parts = await eventPartitions(db);
      expect(parts).toHaveLength(30);
      expect(parts.at(-1)!.from.getTime()).toBeGreaterThan(now + 60 * 86400_000);

      expect(await insertEvents(db, p, [{ anonymousId: "a", name: "pageview", time: new Date(), messageId: "old-1" }])).toEqual({
        stored: 0,
        duplicates: 1,
      });
      await insertEvents(db, p, [{ anonymousId: "a", name: "pageview", time: new Date(), messageId: "new" }]);
      const [fresh] = await queryRows<{ id: number }>(db, sql`select id from events where message_id = 'new'`);
      expect(Number(fresh.id)).toBeGreaterThan(Math.max(...old.map((r) => Number(r.id))));
    } finally {
      await handle.close();
    }
  });
}

for (const kind of testKinds()) describe(`migrating events to monthly partitions [${kind}]`, () => suite(kind));
// Without PostgreSQL the PGlite half still runs; the PostgreSQL half says why it did not.
if (!testKinds().includes("postgres")) describeWhen("migrating events to monthly partitions [postgres]", [postgresRequirement()], () => {});
// A user's clone has no cluster: the Citus half says why it did not run.
if (inject("citusTemplate")) describe("migrating events to monthly partitions [citus]", () => suite("citus"));
else describeWhen("migrating events to monthly partitions [citus]", [citusRequirement()], () => {});
