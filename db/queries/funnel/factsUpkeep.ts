import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { connectionsOf, queryRows, type Db } from "../../client";
import { runEngine, walkDefinition } from "./engine";
import { FactRowsBuffer, factsGroupParts } from "./factsWrite";
import { segmentIdSql } from "./personEvents";
import { SEGMENT_COLUMNS } from "./fragments";
import { settledInstant } from "./changes";
import { funnelDefinitionOf, listFunnels } from "../../funnels";
import { factsKey, type StepsAndWindow } from "./facts";
import { isCitus } from "../../distribution";
import { limitedStatements, queryLimits } from "../../limits";

/**
 * The upkeep of funnel facts (facts.ts beside this file reads them and says why they are exact):
 * a build computes a saved funnel's facts from all of the project's events, a refresh recomputes
 * the persons that ingestion marked as changed, and readyFacts does either for a request, sharing
 * them between the requests of one process.
 */

/** Fact rows buffered per insert statement. */
const INSERT_ROWS = 20_000;
/** Insert statements a run may have waiting in its transaction's line while it reads on. */
const QUEUED_INSERTS = 2;

/**
 * Person slices a build reads at once, each through its own cursor in its own transaction on another
 * connection, when the database has connections to spare (PostgreSQL; PGlite has one, and a build
 * there reads in its own transaction). One build of the process at a time reads sliced (a second
 * reads in its transaction, as before): the slices hold two of the heavy-statement slots and two
 * connections beside the build's own, and several sliced builds waiting for connections that their
 * own transactions hold could wait forever on a small pool. README.md beside this file, "How a build
 * reads and writes", says what it measured.
 */
const BUILD_SLICES = 2;

/**
 * Writes the fact rows of the people that `only` selects (a condition on `e.person_id`; all of
 * them for a build) in the transaction `t`: the engine runs over all of their events with every
 * event an entry, grouped by local entry day and entry segment (its id: segmentIdSql), and streams
 * its per-(person, group) results into funnel_fact_rows (factsWrite.ts). The facts are therefore the
 * engine's own numbers for every definition. Events carry their segment's id only; the segments'
 * texts are written to funnel_segments once per distinct combination (loadSegments; README.md
 * beside this file); `segmentsWritten` says the caller has just written all of the project's.
 *
 * With `slices` > 1 (a build: no `only`) the people are read in that many slices (by a hash of the
 * person id) at once, each engine run in its own transaction on another connection, while `t`
 * alone writes, so the build stays one transaction under the facts' lock. The readers' snapshots
 * begin after `t` took the lock, and a person whose events arrive after the build's start is
 * recomputed by the next refresh whichever snapshot saw what (buildFacts).
 */
async function writeFacts(
  scope: ProjectScope,
  t: Db,
  factsId: number,
  def: StepsAndWindow,
  opts: { only?: SQL; slices?: number; segmentsWritten?: boolean } = {},
): Promise<void> {
  const { only, slices = 1 } = opts;
  // The project's row, shared until `t` ends: the rows have no foreign key (schema/events.ts), and a
  // project's deletion locks the row before it deletes them (db/events/delete.ts), so it waits for
  // this run and deletes its rows, or this run finds the project gone.
  const project = await queryRows(t, sql`select id from projects where id = ${scope.projectId}::uuid for key share`);
  if (!project.length) throw new Error(`funnel facts: project ${scope.projectId} no longer exists`);
  const events = sql`from events e where e.project_id = ${scope.projectId}::uuid ${only ? sql`and ${only}` : sql``}`;
  const segments = new Map<string, (string | null)[]>();
  const inserted: Inserted = { all: opts.segmentsWritten === true };
  const withOptional = walkDefinition(def).optionalMask !== 0;
  let failed = false;
  /** the first failure of a sliced run (a reader's or an insert's), which the build throws */
  let cause: unknown;
  const fail = (err: unknown) => {
    failed = true;
    cause ??= err;
  };
  // Sliced, inserts wait in `t`'s line while the readers go on: at most QUEUED_INSERTS statements
  // (bounded memory); a failed one stops the readers at their next batch and is thrown to whoever
  // queues or drains next. A run in `t` itself inserts in turn, through its own statement's errors.
  const queued: Promise<unknown>[] = [];
  const insert = async (statement: SQL, db: Db) => {
    if (slices <= 1) return void (await db.execute(statement));
    while (queued.length >= QUEUED_INSERTS) await queued.shift();
    // A real promise: drizzle's query runs again each time its own is awaited.
    const write = Promise.resolve(t.execute(statement));
    write.catch(fail);
    queued.push(write);
  };
  const drain = async () => {
    while (queued.length) await queued.shift();
  };
  const run = async (condition: SQL | undefined, reader: Db | undefined) => {
    const buffer = new FactRowsBuffer(def.steps.length, withOptional, segments);
    let known = 0;
    await runEngine(
      scope,
      { ...def, from: FAR_PAST, to: FAR_FUTURE },
      { facts: { timeZone: scope.project.timeZone } },
      {
        db: reader,
        personCondition: condition,
        wholeProject: !only,
        kind: "factsBuildMs",
        // Streamed: the memory of a batch, however many events the project has.
        maxRows: Number.MAX_SAFE_INTEGER,
        onBatch: async (pairs, db) => {
          // Another slice or an insert failed: stop reading (its error is the build's).
          if (failed) throw new Error("funnel facts: another part of the build failed");
          // The segments of the groups this batch added (groups only grow over a run).
          const ids = [...new Set(pairs.groups.slice(known).map((g) => factsGroupParts(g)[1]))].filter((id) => !segments.has(id));
          known = pairs.groups.length;
          if (ids.length) await loadSegments(scope, reader ? db : t, events, ids, segments, inserted);
          buffer.add(pairs);
          if (buffer.size >= INSERT_ROWS) await insert(buffer.take(scope.projectId, factsId), db);
        },
      },
    );
    if (buffer.size) await insert(buffer.take(scope.projectId, factsId), t);
  };
  if (slices <= 1) return run(only, t);
  const results = await Promise.allSettled(
    Array.from({ length: slices }, (_, i) =>
      run(sql`(hashtext(e.person_id) & ${slices - 1}) = ${i}`, undefined).catch((err) => {
        fail(err);
        throw err;
      }),
    ),
  );
  if (results.some((r) => r.status === "rejected")) throw cause;
  await drain();
}

const SEGMENT_FIELD_COLUMNS = Object.values(SEGMENT_COLUMNS);

/** Segment ids (decimal texts from parsePerson: digits and a sign only) as one int8[] parameter. */
const segmentIds = (ids: string[]): SQL => sql`${`{${ids.join(",")}}`}::int8[]`;

/** Adds the distinct segments of some events (`from events e where …`) to funnel_segments; those it has stay. */
function insertSegments(scope: ProjectScope, events: SQL, ids?: string[]): SQL {
  const cols = sql.raw(SEGMENT_FIELD_COLUMNS.join(", "));
  const eCols = sql.raw(SEGMENT_FIELD_COLUMNS.map((c) => `e.${c}`).join(", "));
  const some = ids ? sql`and ${segmentIdSql()} = any(${segmentIds(ids)})` : sql``;
  // Distinct combinations first, then one hash each (a project has thousands, its events millions).
  return sql`insert into funnel_segments (project_id, id, ${cols})
    select ${scope.projectId}::uuid, ${segmentIdSql("s")}, ${sql.raw(SEGMENT_FIELD_COLUMNS.map((c) => `s.${c}`).join(", "))}
    from (select distinct ${eCols} ${events} ${some}) s
    on conflict do nothing`;
}

/**
 * Loads segments' values into `into` from funnel_segments. At the first segment it does not have
 * yet, the distinct segments of all the run's events are inserted (one pass; a project's later
 * builds and refreshes mostly find theirs there already); after that, a segment first seen in an
 * event that committed since (each statement reads what had committed when it began) is inserted
 * by its id.
 */
async function loadSegments(
  scope: ProjectScope,
  db: Db,
  events: SQL,
  ids: string[],
  into: Map<string, (string | null)[]>,
  inserted: Inserted,
): Promise<void> {
  const read = async (which: string[]) => {
    const rows = await queryRows<Record<string, string | null>>(
      db,
      sql`select id::text as id, ${sql.raw(SEGMENT_FIELD_COLUMNS.join(", "))} from funnel_segments
        where project_id = ${scope.projectId}::uuid and id = any(${segmentIds(which)})`,
    );
    for (const r of rows)
      into.set(
        r.id!,
        SEGMENT_FIELD_COLUMNS.map((c) => r[c] ?? null),
      );
  };
  await read(ids);
  let missing = ids.filter((id) => !into.has(id));
  if (!missing.length) return;
  if (!inserted.all) {
    // Once per run, however many slices find a segment missing at the same time.
    inserted.running ??= Promise.resolve(db.execute(insertSegments(scope, events))).then(() => void (inserted.all = true));
    await inserted.running;
    await read(missing);
    missing = missing.filter((id) => !into.has(id));
    if (!missing.length) return;
  }
  await db.execute(insertSegments(scope, events, missing));
  await read(missing);
}

/** Whether a run has added all of its events' segments (loadSegments), or is adding them. */
type Inserted = { all: boolean; running?: Promise<void> };

const FAR_PAST = new Date(Date.UTC(1970, 0, 1));
const FAR_FUTURE = new Date(Date.UTC(2200, 0, 1));

const lockKey = (scope: ProjectScope, key: string) => factsLockKey(scope.projectId, key);

/** The advisory lock a fact set's writers hold (builds, refreshes, and the erasure of a person or of old events). */
export const factsLockKey = (projectId: string, key: string) => sql`hashtextextended(${`funnel_facts:${projectId}:${key}`}, 0)`;

/**
 * Computes a definition's facts from all of the project's events, then records them as built. One
 * transaction under the facts' lock replaces the set's rows, so two builders cannot double a row;
 * persons that change during the build are recomputed by the next refresh, because the set says
 * its changes are applied up to the build's start only.
 */
export async function buildFacts(scope: ProjectScope, def: StepsAndWindow): Promise<void> {
  const key = factsKey(def, scope.project.timeZone);
  const started = await settledInstant(scope.db, scope.projectId);
  const [set] = await queryRows<{ id: number | string }>(
    scope.db,
    sql`insert into funnel_fact_sets (project_id, funnel_key) values (${scope.projectId}::uuid, ${key})
      on conflict (project_id, funnel_key) do update set funnel_key = excluded.funnel_key returning id`,
  );
  const id = Number(set.id); // bigint: postgres.js returns it as a string
  const buildLimit = sql`select set_config('statement_timeout', ${String(queryLimits.factsBuildMs)}, true)`;
  // A project's first build needs all of its segments: written first, in a statement of their own
  // (committed at once, so that another funnel's build never waits for this one's transaction to
  // add the same ones). Later builds find theirs, and add a missing one as a refresh does.
  // A heavy statement like the build's reads: under their time limit, holding a heavy-statement slot.
  const segmentsWritten = await limitedStatements(
    scope.db,
    "factsBuildMs",
    async (t) => {
      const [{ any }] = await queryRows<{ any: boolean }>(
        t,
        sql`select exists (select 1 from funnel_segments where project_id = ${scope.projectId}::uuid) as any`,
      );
      if (any) return false;
      // The distinct combinations first, into a temporary table: PostgreSQL reads the events for a
      // CREATE TABLE … AS with parallel workers, which it never does for an INSERT … SELECT; and no JIT.
      // At 10 million events: 9.8 s as one INSERT … SELECT, 7.3 s through the table with JIT, 4.8 s
      // without (JIT compiled 128 functions for a statement that never won the time back).
      const eCols = sql.raw(SEGMENT_FIELD_COLUMNS.map((c) => `e.${c}`).join(", "));
      await t.execute(sql`create temporary table build_segments on commit drop as
      select distinct ${eCols} from events e where e.project_id = ${scope.projectId}::uuid`);
      await t.execute(insertSegments(scope, sql`from build_segments e`));
      return true;
    },
    { jit: "off" },
  );
  const sliced = connectionsOf(scope.db) >= BUILD_SLICES + 2 && !inFlight.slicedBuild;
  if (sliced) inFlight.slicedBuild = true;
  try {
    await scope.db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      await t.execute(sql`select pg_advisory_xact_lock(${lockKey(scope, key)})`);
      // The build's own statements (the inserts) get a build's time limit, as its reads do.
      await t.execute(buildLimit);
      await t.execute(sql`delete from funnel_fact_rows where project_id = ${scope.projectId}::uuid and facts_id = ${id}`);
      await writeFacts(scope, t, id, def, { slices: sliced ? BUILD_SLICES : 1, segmentsWritten });
      await t.execute(sql`update funnel_fact_sets set applied_until = ${started.at}::timestamptz,
        applied_event_id = ${started.eventId}, built_at = now()
        where project_id = ${scope.projectId}::uuid and id = ${id}`);
    });
  } finally {
    if (sliced) inFlight.slicedBuild = false;
  }
  await dropUnusedFacts(scope, key);
  // Fresh statistics, or the planner takes the new segments for a handful and sorts where it should
  // hash (PGlite has no autovacuum, and PostgreSQL's may not have come round yet).
  // On Citus an ANALYZE of these tables visits every shard of every project; there the workers'
  // autovacuum keeps each shard's statistics, so a project's build stays on its own shard.
  if (!(await isCitus(scope.db))) await scope.db.execute(sql`analyze funnel_segments, funnel_fact_rows`);
}

/** Facts of other definitions that no saved funnel has any more (edited, deleted, or the time zone changed). */
async function dropUnusedFacts(scope: ProjectScope, keep: string): Promise<void> {
  const keys = (await listFunnels(scope)).map((f) => factsKey(funnelDefinitionOf(f), scope.project.timeZone));
  const unused = await queryRows<{ id: number }>(
    scope.db,
    sql`select id from funnel_fact_sets where project_id = ${scope.projectId}::uuid
      and funnel_key not in (${sql.join(
        [keep, ...keys].map((k) => sql`${k}`),
        sql`, `,
      )})`,
  );
  for (const { id } of unused) {
    await scope.db.execute(sql`delete from funnel_fact_rows where project_id = ${scope.projectId}::uuid and facts_id = ${id}`);
    await scope.db.execute(sql`delete from funnel_fact_sets where project_id = ${scope.projectId}::uuid and id = ${id}`);
  }
}

/**
 * Applies the persons changed since the last refresh (new events, merged identities): their facts
 * are deleted and recomputed from all their events, in one transaction under the facts' lock.
 * Returns how many persons it recomputed, or null when the facts are not built.
 */
export async function refreshFacts(scope: ProjectScope, def: StepsAndWindow): Promise<number | null> {
  return (await refreshed(scope, def))?.persons ?? null;
}

/** refreshFacts, also returning the facts' id. */
async function refreshed(scope: ProjectScope, def: StepsAndWindow): Promise<{ id: number; persons: number } | null> {
  const key = factsKey(def, scope.project.timeZone);
  const built = sql`select id, applied_until, applied_event_id from funnel_fact_sets
    where project_id = ${scope.projectId}::uuid and funnel_key = ${key} and built_at is not null`;
  // Not built (perhaps building, under the lock): nothing to wait for.
  if (!(await queryRows(scope.db, built)).length) return null;
  const until = await settledInstant(scope.db, scope.projectId);
  return scope.db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select pg_advisory_xact_lock(${lockKey(scope, key)})`);
    const [set] = await queryRows<{ id: number; applied_until: string | Date; applied_event_id: string | number }>(t, built);
    if (!set) return null;
    const id = Number(set.id);
    const since = new Date(set.applied_until).toISOString();
    const sinceId = Number(set.applied_event_id);
    if (since >= until.at && sinceId >= until.eventId) return { id, persons: 0 };
    // The persons of new events (by id: the events' primary key is (project_id, id, time), so each
    // partition answers from its index) and the persons an identity change touched.
    const changed = sql`select person_id from events where project_id = ${scope.projectId}::uuid
        and id > ${sinceId} and id <= ${until.eventId}
      union select person_id from persons where project_id = ${scope.projectId}::uuid
        and changed_at >= ${since}::timestamptz and changed_at < ${until.at}::timestamptz`;
    const [{ n }] = await queryRows<{ n: number }>(t, sql`select count(*)::int as n from (${changed}) c`);
    if (Number(n) > 0) {
      // The changed persons' rows go, and the engine recomputes them from all their events (the
      // same set of persons both times: what lies below `until` is settled, changes.ts).
      await t.execute(sql`delete from funnel_fact_rows where project_id = ${scope.projectId}::uuid and facts_id = ${id}
        and person_id in (${changed})`);
      await writeFacts(scope, t, id, def, { only: sql`e.person_id in (${changed})` });
    }
    await t.execute(sql`update funnel_fact_sets set applied_until = ${until.at}::timestamptz, applied_event_id = ${until.eventId}
      where project_id = ${scope.projectId}::uuid and id = ${id}`);
    return { id, persons: Number(n) };
  });
}

/** Refreshes and builds in flight in this process, by project and facts key (requests share them). */
const g = globalThis as unknown as {
  __trechterFactsInFlight?: {
    refreshes: Map<string, Promise<{ id: number; persons: number } | null>>;
    builds: Map<string, Promise<void>>;
    /** a build of this process reads in slices (BUILD_SLICES) */
    slicedBuild?: boolean;
  };
};
const inFlight = (g.__trechterFactsInFlight ??= { refreshes: new Map(), builds: new Map(), slicedBuild: false });

function shared<T>(map: Map<string, Promise<T>>, id: string, start: () => Promise<T>): Promise<T> {
  let running = map.get(id);
  if (!running) {
    running = start().finally(() => map.delete(id));
    map.set(id, running);
  }
  return running;
}

/**
 * Makes a saved funnel's facts current and returns their id, or null when they cannot be read
 * yet: facts that do not exist are built in the background, and the caller answers from the raw
 * engine meanwhile.
 */
export async function readyFacts(scope: ProjectScope, def: StepsAndWindow): Promise<number | null> {
  const key = factsKey(def, scope.project.timeZone);
  const id = `${scope.projectId}:${key}`;
  if (inFlight.builds.has(id)) return null;
  const set = await shared(inFlight.refreshes, id, () => refreshed(scope, def));
  if (set) return set.id;
  void shared(inFlight.builds, id, () =>
    buildFacts(scope, def).catch((err) => console.error(`funnel facts build failed for project ${scope.projectId}:`, err)),
  );
  return null;
}

/** Waits for a background build of these facts, if one runs (tests). */
export async function factsBuilt(scope: ProjectScope, def: StepsAndWindow): Promise<void> {
  await inFlight.builds.get(`${scope.projectId}:${factsKey(def, scope.project.timeZone)}`);
}

/** Waits for every background build of this process (test teardown). */
export async function factsBuildsSettled(): Promise<void> {
  await Promise.all(inFlight.builds.values());
}

/** Builds or refreshes a definition's facts and waits for it (after bulk loads: the demo seed, the benchmark). */
export async function prepareFacts(scope: ProjectScope, def: StepsAndWindow): Promise<void> {
  if ((await refreshFacts(scope, def)) === null) await buildFacts(scope, def);
}
