import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import postgres from "postgres";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import { migrate as migratePg } from "drizzle-orm/postgres-js/migrator";
import { seedsRequirement, postgresRequirement, inCi } from "./requirements";

export const TEMPLATE_FILE = path.resolve(".test-data/pglite-template.tar.gz");
const MIGRATIONS = path.resolve("drizzle");

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string | null;
    pgliteTemplate: string;
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
  for (const r of [seedsRequirement(), postgresRequirement()]) {
    if (!r.met) console.log(`[trechter tests] ${inCi() ? "MISSING IN CI" : "skipping the suites that need it"}: ${r.reason}`);
  }
  await buildPgliteTemplate();
  project.provide("pgliteTemplate", TEMPLATE_FILE);

  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    project.provide("pgTemplate", null);
    return;
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
  };
}
