import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { KeyedSemaphore, Semaphore, TooBusyError } from "../lib/semaphore";

/**
 * Limits on the work one request can make the database do, so that no tenant (or share-link
 * visitor) can freeze the service for the others. Enforced here, in the query layer, so every
 * caller (API routes, share links, pages) gets them.
 *
 * - Every PostgreSQL connection has a default `statement_timeout` (DEFAULT_STATEMENT_TIMEOUT_MS,
 *   db/client.ts); the heavy statements (funnel engine and facts reads, conversions overview,
 *   experiment readouts, the audience's engine run) set their own with `set local` inside their
 *   transaction. When one is hit PostgreSQL cancels it (SQLSTATE 57014) and the API answers 503
 *   `query_timeout` ("narrow the range or filters").
 * - Per project: at most PER_PROJECT.heavy funnel/conversions reports and PER_PROJECT.audience
 *   audience downloads at once; over that, 429 with Retry-After.
 * - Whole process: at most HEAVY_STATEMENT_SLOTS heavy statements hold a pool connection at once
 *   (the pool has 10), so ingestion, login, pages and share links always find one; a heavy
 *   statement waits in line for a slot at most SLOT_WAIT_MS, then 503 `busy`.
 *
 * PGlite runs in this process, one statement at a time, and has no timer: it accepts
 * `statement_timeout` but never cancels a statement (checked with pg_sleep on 0.5). On PGlite
 * the caps still apply; a long statement simply makes the others wait.
 */

/** Time limits in milliseconds, by kind of statement. Mutable for tests (setQueryLimits). */
export const queryLimits = {
  /** funnel engine/facts reads, conversions overview statements, experiment readouts: 0.9 s measured for a 10-million-event dashboard request */
  heavyMs: 30_000,
  /** the funnel editor's property-name and value suggestions (db/property-suggestions.ts): bounded to 5,000 events, so quick or not at all */
  suggestionsMs: 5_000,
  /** the audience's one engine run (its pages are short reads under the connection default) */
  audienceMs: 60_000,
  /** each statement of a background facts build (a FETCH of the engine's cursor, an insert of fact rows) */
  factsBuildMs: 600_000,
  /** a person's deletion, and one batch of the retention job (db/persons.ts, db/retention.ts) */
  eraseMs: 120_000,
  /** deleting a whole project (db/projects.ts deleteProject): each table's delete, its events the largest */
  projectDeleteMs: 600_000,
};

export function setQueryLimits(next: Partial<typeof queryLimits>): () => void {
  const before = { ...queryLimits };
  Object.assign(queryLimits, next);
  return () => void Object.assign(queryLimits, before);
}

export type StatementKind = keyof typeof queryLimits;

/** Heavy statements holding a pool connection at once, in this process (pool: 10; 6 stay free). */
export const HEAVY_STATEMENT_SLOTS = 4;
/** How long a heavy statement waits in line for a slot before the request answers 503 busy. */
export const SLOT_WAIT_MS = 20_000;
/** Concurrent heavy reports and audience downloads per project. */
export const PER_PROJECT = { heavy: 2, audience: 1 } as const;
/** Audience downloads open at once in this process (each keeps at most AUDIENCE_MAX_ROWS ids in memory). */
export const AUDIENCE_STREAMS = 8;
/** An audience larger than this is refused (narrow the range or filters); the file is never cut off. */
export const AUDIENCE_MAX_ROWS = 100_000;
/** An audience download must be read within this time; then the stream is ended with an error. */
export const AUDIENCE_DEADLINE_MS = 10 * 60_000;

type Global = typeof globalThis & {
  __trechterLimits?: { heavy: Semaphore; audience: Semaphore; projectHeavy: KeyedSemaphore; projectAudience: KeyedSemaphore };
};
const g = globalThis as Global;
const gates = (g.__trechterLimits ??= {
  heavy: new Semaphore(HEAVY_STATEMENT_SLOTS),
  audience: new Semaphore(AUDIENCE_STREAMS),
  projectHeavy: new KeyedSemaphore(PER_PROJECT.heavy),
  projectAudience: new KeyedSemaphore(PER_PROJECT.audience),
});

const busy = () => new TooBusyError("The server is busy with other reports. Please try again in a few seconds.", 503, 5);

/**
 * Runs `fn` in a transaction whose statements may each take at most the limit of `kind`, holding
 * one of the process's heavy-statement slots. `settings` are extra `set local` values.
 */
export async function limitedStatements<T>(
  db: Db,
  kind: StatementKind,
  fn: (db: Db) => Promise<T>,
  settings: Record<string, string> = {},
  slot?: () => void,
): Promise<T> {
  const run = () =>
    db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      const all = { ...settings, statement_timeout: String(queryLimits[kind]) };
      await t.execute(
        sql`select ${sql.join(
          Object.entries(all).map(([k, v]) => sql`set_config(${k}, ${v}, true)`),
          sql`, `,
        )}`,
      );
      return fn(t);
    });
  if (!slot) return gates.heavy.run(SLOT_WAIT_MS, busy, run);
  try {
    return await run();
  } finally {
    slot();
  }
}

/**
 * A heavy-statement slot if one is free now and another stays free after it, or null (never waits):
 * for work that can use a second connection when the process has one to spare, and does without it
 * otherwise (an engine run reads its people in two slices at once: engine.ts). The slot left free is
 * for whoever comes next (another project's report, an audience download), which would otherwise
 * wait for a spare that only made a run faster. Pass it to limitedStatements, which releases it.
 */
export function spareHeavySlot(): (() => void) | null {
  if (gates.heavy.inUse >= gates.heavy.size - 1) return null;
  return gates.heavy.tryAcquire();
}

/** Runs a heavy report (funnel results, conversions overview) holding one of its project's slots, or throws 429. */
export async function projectReport<T>(projectId: string, fn: () => Promise<T>): Promise<T> {
  const release = gates.projectHeavy.tryAcquire(projectId);
  if (!release)
    throw new TooBusyError(
      `This project already has ${PER_PROJECT.heavy} reports running. Wait for them to finish, then try again.`,
      429,
      5,
    );
  try {
    return await fn();
  } finally {
    release();
  }
}

/**
 * A slot for one audience download of a project (and of the process), or throws 429/503. The
 * caller releases it when the stream ends, is cancelled, or passes its deadline.
 */
export function audienceSlot(projectId: string): () => void {
  const project = gates.projectAudience.tryAcquire(projectId);
  if (!project)
    throw new TooBusyError(
      `This project already has ${PER_PROJECT.audience} audience download running. Finish or cancel it, then try again.`,
      429,
      30,
    );
  const global = gates.audience.tryAcquire();
  if (!global) {
    project();
    throw new TooBusyError("Too many audience downloads are running on this server. Please try again in a minute.", 503, 60);
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    global();
    project();
  };
}
