import postgres from "postgres";
import { openPostgres, type DbHandle } from "../../db/client";
import { migrate } from "../../db/migrate";

export const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function urlFor(database: string): string {
  const u = new URL(PG_URL);
  u.pathname = "/" + database;
  return u.toString();
}

/** A fresh, migrated throwaway database for a benchmark. */
export async function freshDatabase(name: string): Promise<DbHandle> {
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const handle = await openPostgres(urlFor(name), 4);
  await migrate(handle);
  return handle;
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export const fmt = (n: number) => Math.round(n).toLocaleString("en");
