import fs from "node:fs";
import crypto from "node:crypto";
import { inject, describe, beforeAll, afterAll } from "vitest";
import { describeWhen, postgresRequirement, citusRequirement } from "./requirements";
import { copyClusterDb, dropClusterDb } from "./citus";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "../db/schema";
import { openPostgres, type Db, type DbHandle, type DbKind, type Observer } from "../db/client";
import { factsBuildsSettled } from "../db/queries/funnel/factsUpkeep";

/** The databases integration tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testKinds(): DbKind[] {
  return inject("pgTemplate") ? ["pglite", "postgres"] : ["pglite"];
}

/** Where a suite runs: the app's two kinds of database, and a Citus cluster (the app sees PostgreSQL). */
export type TestDbKind = DbKind | "citus";

/** A fresh, migrated database of its own (a copy of the template), so test files never share state. */
export async function openTestDb(kind: TestDbKind): Promise<DbHandle> {
  if (kind === "citus") return openCitusTestDb();
  if (kind === "pglite") {
    const dump = fs.readFileSync(inject("pgliteTemplate"));
    const client = await PGlite.create({ loadDataDir: new Blob([dump]) });
    const db = drizzle(client, { schema }) as unknown as Db;
    return { db, kind, close: () => client.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const template = inject("pgTemplate")!;
  const name = `trechter_t_${process.ppid}_${crypto.randomBytes(5).toString("hex")}`;
  const admin = await openPostgres(url, 1);
  await admin.db.execute(sql.raw(`create database ${name} template ${template}`));
  await admin.close();
  const u = new URL(url);
  u.pathname = "/" + name;
  const handle = await openPostgres(u.toString(), 5);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const again = await openPostgres(url, 1);
      await again.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await again.close();
    },
  };
}

/** A copy of the migrated, distributed Citus template on every node of the cluster (tests/citus.ts). */
export async function openCitusTestDb(observe?: Observer): Promise<DbHandle & { url: string }> {
  const url = process.env.CITUS_DATABASE_URL!;
  const name = `trechter_c_${process.ppid}_${crypto.randomBytes(5).toString("hex")}`;
  const dbUrl = await copyClusterDb(url, inject("citusTemplate")!, name);
  const handle = await openPostgres(dbUrl, 5, undefined, observe);
  return {
    ...handle,
    url: dbUrl,
    close: async () => {
      await handle.close();
      await dropClusterDb(url, name);
    },
  };
}

let onCitus = false;

/**
 * Called at the top of a test file whose suites touch tenant data (ingestion, funnels and facts,
 * conversions, isolation): its describeEachDb suites also run on a Citus cluster (CITUS_DATABASE_URL),
 * where the app talks to the coordinator as to any PostgreSQL (the suite is told "postgres").
 */
export function alsoOnCitus(): void {
  onCitus = true;
}

/** Runs the suite once per database kind, each with its own fresh database. */
export function describeEachDb(title: string, suite: (get: () => Db, kind: DbKind) => void) {
  // Without PostgreSQL the suite still runs on PGlite; its PostgreSQL half says why it did not run.
  if (!testKinds().includes("postgres")) describeWhen(`${title} [postgres]`, [postgresRequirement()], () => {});
  const kinds: TestDbKind[] = [...testKinds()];
  if (onCitus) {
    if (inject("citusTemplate")) kinds.push("citus");
    else describeWhen(`${title} [citus]`, [citusRequirement()], () => {});
  }
  for (const kind of kinds) {
    describe(`${title} [${kind}]`, () => {
      let handle: DbHandle;
      beforeAll(async () => {
        handle = await openTestDb(kind);
      });
      afterAll(async () => {
        // A saved funnel's first view builds its facts in the background; let it end before closing.
        await factsBuildsSettled();
        await handle?.close();
      });
      suite(() => handle.db, kind === "citus" ? "postgres" : kind);
    });
  }
}
