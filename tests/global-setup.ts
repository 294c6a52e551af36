import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import postgres from "postgres";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import { migrate as migratePg } from "drizzle-orm/postgres-js/migrator";
import { seedsRequirement, postgresRequirement, citusRequirement, inCi } from "./requirements";
import { createClusterDb, freezeClusterTemplate, clusterDbsLike, dropClusterDb } from "./citus";
import { distribute } from "../db/distribution";
import type { Db } from "../db/client";

export const TEMPLATE_FILE = path.resolve(".test-data/pglite-template.tar.gz");
const MIGRATIONS = path.resolve("drizzle");

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string | null;
    pgliteTemplate: string;
    citusTemplate: string | null;
  }
}

// A fresh PGlite costs seconds; migrate one once, dump it, and let each test file load a copy.
async function buildPgliteTemplate(): Promise<void> {
  fs.mkdirSync(path.dirname(TEMPLATE_FILE), { recursive: true });
  const pg = await PGlite.create();
  await migratePglite(drizzle(pg), { migrationsFolder: MIGRATIONS });
  const dump = await pg.dumpDataDir("gzip");
  fs.writeFileSync(TEMPLATE_FILE, Buffer.from(await dump.arrayBuffer()));
  await pg.close();
}

function adminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = "/" + database;
  return u.toString();
}

export default async function setup(project: TestProject) {
  for (const r of [seedsRequirement(), postgresRequirement(), citusRequirement()]) {
    if (!r.met) console.log(`[trechter tests] ${inCi() ? "MISSING IN CI" : "skipping the suites that need it"}: ${r.reason}`);
  }
  await buildPgliteTemplate();
  project.provide("pgliteTemplate", TEMPLATE_FILE);

  const stopCitus = await citusTemplate(project);

  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    project.provide("pgTemplate", null);
    return stopCitus;
  }
  const name = `trechter_tpl_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  const tplClient = postgres(adminUrl(url, name), { max: 1, onnotice: () => {} });
  await migratePg(drizzlePg(tplClient), { migrationsFolder: MIGRATIONS });
  await tplClient.end();
  project.provide("pgTemplate", name);

  return async () => {
    const leftovers = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${"trechter_t_" + process.pid + "_%"} or datname = ${name}`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.end();
    await stopCitus();
  };
}

/**
 * With CITUS_DATABASE_URL (a Citus coordinator), a migrated and distributed template on every node
 * of the cluster that each suite copies (tests/citus.ts). Eight shards per table instead of Citus's
 * 32: quicker to copy, and a statement of one project still has seven shards it must not touch.
 */
async function citusTemplate(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.CITUS_DATABASE_URL;
  if (!url) {
    project.provide("citusTemplate", null);
    return async () => {};
  }
  const name = `trechter_ctpl_${process.pid}`;
  const client = postgres(await createClusterDb(url, name), { max: 1, onnotice: () => {} });
  await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS });
  await distribute(drizzlePg(client) as unknown as Db, { shardCount: 8 });
  await client.end();
  await freezeClusterTemplate(url, name);
  project.provide("citusTemplate", name);
  return async () => {
    for (const db of await clusterDbsLike(url, `trechter_c_${process.pid}_`)) await dropClusterDb(url, db);
    await dropClusterDb(url, name);
  };
}
