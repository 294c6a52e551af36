import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import * as schema from "./schema";
import { dataDir } from "../lib/config";

export type Schema = typeof schema;
/** The one database type the app codes against: PGlite and postgres.js both satisfy it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = "pglite" | "postgres";

export type DbHandle = { db: Db; kind: DbKind; close: () => Promise<void> };

type Global = typeof globalThis & { __trechterDb?: Promise<DbHandle> };

/** Rows of a raw query, whichever driver ran it (PGlite returns { rows }, postgres.js an array). */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export function pgliteDir(dir = dataDir()): string {
  return path.join(dir, "pglite");
}

function lockPath(dir: string): string {
  return path.join(dir, "pglite.lock");
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid of another live process that holds the embedded database, if any. */
export function pgliteHolder(dir = dataDir()): number | null {
  try {
    const pid = Number(fs.readFileSync(lockPath(dir), "utf8").trim());
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) return pid;
  } catch {
    /* no lock file */
  }
  return null;
}

export class DatabaseBusyError extends Error {
  constructor(
    public readonly pid: number,
    dir: string,
  ) {
    super(
      `The embedded database in ${dir} is in use by process ${pid} (probably the running Trechter server). ` +
        `PGlite allows one process per data directory: stop the server first, or set DATABASE_URL to use PostgreSQL.`,
    );
  }
}

async function openPglite(dir: string): Promise<DbHandle> {
  const holder = pgliteHolder(dir);
  if (holder) throw new DatabaseBusyError(holder, dir);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(lockPath(dir), String(process.pid));
  const release = () => {
    try {
      if (fs.readFileSync(lockPath(dir), "utf8").trim() === String(process.pid)) fs.unlinkSync(lockPath(dir));
    } catch {
      /* already gone */
    }
  };
  process.once("exit", release);
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = await PGlite.create(pgliteDir(dir));
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    close: async () => {
      await client.close();
      release();
    },
  };
}

/**
 * The time limit of every statement on a PostgreSQL connection unless its transaction sets another
 * (`set local statement_timeout`, see db/limits.ts): 30 s, or DB_STATEMENT_TIMEOUT_MS (0: none).
 * Ingestion, sign-in and page reads take milliseconds; the limit only stops a runaway statement
 * from holding a pool connection. PGlite has no timer and ignores it (see db/limits.ts).
 */
export function defaultStatementTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.DB_STATEMENT_TIMEOUT_MS;
  return v !== undefined && /^\d{1,9}$/.test(v.trim()) ? Number(v) : 30_000;
}

/**
 * What a test may watch on a postgres.js handle (the Citus single-shard proofs): every statement sent
 * with its parameters, the server's notices, and session settings for each connection.
 */
export type Observer = {
  onQuery?: (query: string, params: unknown[]) => void;
  onNotice?: (message: string) => void;
  settings?: Record<string, string>;
};

const poolSizes = new WeakMap<Db, number>();

/**
 * How many connections a database has: statements on other connections can run beside an open
 * transaction only when it has more than one. PGlite (and a transaction's handle) has one.
 */
export function connectionsOf(db: Db): number {
  return poolSizes.get(db) ?? 1;
}

/** A postgres.js-backed handle for a connection string. */
export async function openPostgres(
  url: string,
  max = 10,
  statementTimeoutMs = defaultStatementTimeoutMs(),
  observe: Observer = {},
): Promise<DbHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { onQuery, onNotice, settings } = observe;
  const client = postgres(url, {
    max,
    onnotice: onNotice ? (n) => onNotice(n.message) : () => {},
    connect_timeout: 10,
    connection: { statement_timeout: statementTimeoutMs, ...settings },
    ...(onQuery ? { debug: (_connection: number, query: string, params: unknown[]) => onQuery(query, params) } : {}),
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  poolSizes.set(db, max);
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

/**
 * The process-wide database: postgres.js when DATABASE_URL is set, else the embedded PGlite
 * under DATA_DIR. Kept on globalThis because Next loads server modules more than once.
 */
export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as Global;
  if (!g.__trechterDb) {
    const url = process.env.DATABASE_URL;
    g.__trechterDb = (url ? openPostgres(url) : openPglite(dataDir())).catch((err) => {
      g.__trechterDb = undefined;
      throw err;
    });
  }
  return g.__trechterDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Install a handle as the process-wide database (tests and the CLI use this). */
export function setDbHandle(handle: DbHandle | undefined): void {
  (globalThis as Global).__trechterDb = handle ? Promise.resolve(handle) : undefined;
}
