import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows, type Db } from "../../client";
import { withFunnelSettings, type StepCountsQuery } from "./engine";
import { personLevels } from "./sqlLevels";
import { SEGMENT_COLUMNS } from "./fragments";
import { settledInstant } from "./changes";
import { listFunnels } from "../../funnels";
import { factsKey, gapColumn, SEGMENT_PARTS, type StepsAndWindow } from "./facts";
import { isCitus } from "../../distribution";

/**
 * The upkeep of funnel facts (facts.ts beside this file reads them and says why they are exact):
 * a build computes a saved funnel's facts from all of the project's events, a refresh recomputes
 * the persons that ingestion marked as changed, and readyFacts does either for a request, sharing
 * them between the requests of one process.
 */

/**
 * The statement that writes the fact rows of `q`'s entries for the people that `only` selects
 * (a condition on `e.person_id`), after the CTEs `before`: the engine's `people` grouped by
 * factsGroup, their segments added to funnel_segments (ids are hashes, so concurrent writers agree
 * without reading each other's rows), and the `solo` bits and `gap_*` columns, which need all of a
 * person's rows in this one statement (a refresh recomputes changed persons whole; a build goes
 * slice by slice of persons).
 */
function factsWrite(scope: ProjectScope, factsId: number, q: StepCountsQuery, only: SQL, before?: SQL): SQL {
  const k = q.steps.length;
  const level = sql.raw(`case ${Array.from({ length: k }, (_, i) => `when r${k - i} then ${k - i}`).join(" ")} else 0 end`);
  const own = Array.from({ length: k - 1 }, (_, i) => sql.raw(`d${i + 2}`));
  const all = Array.from({ length: 9 }, (_, i) => (i + 2 <= k ? sql.raw(`z.d${i + 2}`) : sql`null::bigint`));
  const part = (i: number) => sql.raw(`y.j ->> ${i + 1}`);
  const parts = SEGMENT_PARTS.map((_, i) => part(i));
  return sql`with ${before ? sql`${before}, ` : sql``}
    y as materialized (
      select x.person_id, x.j, (x.j ->> 0)::date as day, hashtextextended((x.j - 0)::text, 0) as segment_id, x.level, ${sql.join(
        own.map((d) => sql`x.${d}`),
        sql`, `,
      )}
      from (
        with ${personLevels(scope, q, { personCondition: only })}
        select person_id, grp::jsonb as j, ${level} as level, ${sql.join(own, sql`, `)} from people
      ) x
      where x.level > 0
    ),
    segments as (
      insert into funnel_segments (project_id, id, ${sql.raw(Object.values(SEGMENT_COLUMNS).join(", "))})
      select distinct on (y.segment_id) ${scope.projectId}::uuid, y.segment_id, ${sql.join(parts, sql`, `)} from y
      on conflict do nothing
    ),
    -- Each field's window links a row to the person's previous and next row with the same value.
    z as (
      select y.*, ${sql.join(
        [...parts, null].map((p, i) => {
          const w = sql`(partition by y.person_id${p ? sql`, ${p}` : sql``} order by y.day, y.segment_id)`;
          return p
            ? sql`lag(y.day) over ${w} as ${sql.raw(`b${i}`)}, lead(y.day) over ${w} as ${sql.raw(`a${i}`)}`
            : sql`lag(y.day) over ${w} as before_person`;
        }),
        sql`, `,
      )}
      from y
    )
    insert into funnel_fact_rows (project_id, facts_id, day, person_id, segment_id, level, solo,
      ${sql.join([...SEGMENT_PARTS, "person" as const].map(gapColumn), sql`, `)}, d2, d3, d4, d5, d6, d7, d8, d9, d10)
    select ${scope.projectId}::uuid, ${factsId}::bigint, z.day, z.person_id, z.segment_id, z.level::smallint,
      (${sql.join(
        parts.map((_, i) => sql.raw(`case when z.b${i} is null and z.a${i} is null then ${1 << i} else 0 end`)),
        sql` | `,
      )})::smallint,
      ${sql.join(
        parts.map((_, i) => sql.raw(`(z.day - z.b${i})::smallint`)),
        sql`, `,
      )}, (z.day - z.before_person)::smallint,
      ${sql.join(
        all.map((d) => sql`${d}`),
        sql`, `,
      )}
    from z
    -- A day's rows together: a range's rows then lie on fewer pages.
    order by z.day`;
}

/**
 * Slices of persons a build computes one statement at a time (by a hash of the person id), so that
 * each statement's sorts stay in memory. A power of two, fixed, so that two builders (two app
 * processes) replace the same slices.
 */
const BUILD_SLICES = 8;
const FAR_PAST = new Date(Date.UTC(1970, 0, 1));
const FAR_FUTURE = new Date(Date.UTC(2200, 0, 1));

const lockKey = (scope: ProjectScope, key: string) => factsLockKey(scope.projectId, key);

/** The advisory lock a fact set's writers hold (builds, refreshes, and the erasure of a person or of old events). */
export const factsLockKey = (projectId: string, key: string) => sql`hashtextextended(${`funnel_facts:${projectId}:${key}`}, 0)`;

/** A query over all of every person's entries, grouped as fact rows are. */
const allEntries = (scope: ProjectScope, def: StepsAndWindow): StepCountsQuery => ({
  ...def,
  from: FAR_PAST,
  to: FAR_FUTURE,
  groupBy: { kind: "facts", timeZone: scope.project.timeZone },
});

/**
 * Computes a definition's facts from all of the project's events, slice by slice of persons, then
 * records them as built. Each slice replaces its persons' rows under the facts' lock, so two
 * builders cannot double a row; persons that change during the build are recomputed by the next
 * refresh, because the set says its changes are applied up to the build's start only.
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
  for (let slice = 0; slice < BUILD_SLICES; slice++) {
    // The funnel statements' settings: a slice's sorts fit in memory, and no JIT compilation.
    await withFunnelSettings(
      scope.db,
      async (t) => {
        await t.execute(sql`select pg_advisory_xact_lock(${lockKey(scope, key)})`);
        const inSlice = (col: SQL) => sql`(hashtext(${col}) & ${BUILD_SLICES - 1}) = ${slice}`;
        await t.execute(
          sql`delete from funnel_fact_rows where project_id = ${scope.projectId}::uuid and facts_id = ${id} and ${inSlice(sql`person_id`)}`,
        );
        await t.execute(factsWrite(scope, id, allEntries(scope, def), inSlice(sql`e.person_id`)));
      },
      "factsBuildMs",
    );
  }
  await scope.db.execute(sql`update funnel_fact_sets set applied_until = ${started}::timestamptz, built_at = now()
    where project_id = ${scope.projectId}::uuid and id = ${id}`);
  await dropUnusedFacts(scope, key);
  // Fresh statistics, or the planner takes the new segments for a handful and sorts where it should
  // hash (PGlite has no autovacuum, and PostgreSQL's may not have come round yet).
  // On Citus an ANALYZE of these tables visits every shard of every project; there the workers'
  // autovacuum keeps each shard's statistics, so a project's build stays on its own shard.
  if (!(await isCitus(scope.db))) await scope.db.execute(sql`analyze funnel_segments, funnel_fact_rows`);
}

/** Facts of other definitions that no saved funnel has any more (edited, deleted, or the time zone changed). */
async function dropUnusedFacts(scope: ProjectScope, keep: string): Promise<void> {
  const keys = (await listFunnels(scope)).map((f) => factsKey(f, scope.project.timeZone));
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
  const until = await settledInstant(scope.db, scope.projectId);
  return scope.db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select pg_advisory_xact_lock(${lockKey(scope, key)})`);
    const [set] = await queryRows<{ id: number; applied_until: string | Date }>(
      t,
      sql`select id, applied_until from funnel_fact_sets where project_id = ${scope.projectId}::uuid and funnel_key = ${key} and built_at is not null`,
    );
    if (!set) return null;
    const id = Number(set.id);
    const since = new Date(set.applied_until).toISOString();
    if (since >= until) return { id, persons: 0 };
    const changed = sql`select person_id from persons where project_id = ${scope.projectId}::uuid
      and changed_at >= ${since}::timestamptz and changed_at < ${until}::timestamptz`;
    const [{ n }] = await queryRows<{ n: number }>(t, sql`select count(*)::int as n from (${changed}) c`);
    if (Number(n) > 0) {
      // One statement deletes and inserts, so both see the same set of changed persons.
      await t.execute(
        factsWrite(
          scope,
          id,
          allEntries(scope, def),
          sql`e.person_id in (select person_id from dirty)`,
          sql`dirty as (${changed}),
            gone as (delete from funnel_fact_rows where project_id = ${scope.projectId}::uuid and facts_id = ${id} and person_id in (select person_id from dirty))`,
        ),
      );
    }
    await t.execute(sql`update funnel_fact_sets set applied_until = ${until}::timestamptz
      where project_id = ${scope.projectId}::uuid and id = ${id}`);
    return { id, persons: Number(n) };
  });
}

/** Refreshes and builds in flight in this process, by project and facts key (requests share them). */
const g = globalThis as unknown as {
  __trechterFactsInFlight?: { refreshes: Map<string, Promise<{ id: number; persons: number } | null>>; builds: Map<string, Promise<void>> };
};
const inFlight = (g.__trechterFactsInFlight ??= { refreshes: new Map(), builds: new Map() });

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
