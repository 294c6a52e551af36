import crypto from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows, type Db } from "../../client";
import type { FunnelStep, SegmentField } from "../../../lib/funnel/types";
import { SEGMENT_FIELDS } from "../../../lib/funnel/types";
import { localIsoDay, isLocalMidnight } from "../../../lib/funnel/ranges";
import { personLevels, stepColumns, stepCountsOf, stepCountsRows, withFunnelSettings, OTHER, type StepCountsQuery, type StepCountsRow } from "./engine";
import { fieldExpression, filterCondition, needsPersons, NONE, SEGMENT_COLUMNS, type EventSegmentField } from "./fragments";
import { settledInstant } from "./changes";
import { listFunnels } from "../../funnels";

/**
 * Funnel facts: a saved funnel's levels, precomputed per person, local entry day and entry segment,
 * kept up to date from the persons that ingestion marks as changed. README.md beside this file says
 * why (the raw engine costs several µs per candidate row; a dashboard funnel over 10 million events
 * must answer in under a second) and what it measured.
 *
 * Exactness. For a set S of attempt starts, the engine's level is max over s in S of L(s) and its
 * fastest time to step j is min over s in S of f_j(s), where L(s) and f_j(s) depend only on s and
 * the person's later events. Both are decomposable: the facts keep them per (person, day, segment)
 * and a query over whole local days takes max and min over the rows it selects, which gives the
 * engine's numbers for any range of whole days, any filter on the facts' segment fields and any
 * breakdown by one of them. Other queries (ranges that do not start and end at local midnight,
 * `prop:` filters or breakdowns) go to the raw engine.
 */

/** What facts are computed for: a funnel's steps and window (not its name or labels). */
export type StepsAndWindow = { steps: FunnelStep[]; windowSeconds: number };

/** The facts of a definition in a time zone: a hash of the steps (not their labels), the window and the zone. */
export function factsKey(def: StepsAndWindow, timeZone: string): string {
  const steps = def.steps.map((s) => ({ event: s.event, path: s.path ?? null, where: s.where ? Object.fromEntries(Object.entries(s.where).sort(([a], [b]) => a.localeCompare(b))) : null }));
  return crypto.createHash("sha256").update(JSON.stringify({ steps, window: def.windowSeconds, timeZone })).digest("hex").slice(0, 32);
}

const FACT_FIELDS = new Set<string>(SEGMENT_FIELDS);

/**
 * The segment fields fact rows refer to, in the order of factsGroup's JSON array (after the day)
 * and of their bits in `solo` (set when the row is its person's only row with that value); age
 * group comes from the person.
 */
const SEGMENT_PARTS = Object.keys(SEGMENT_COLUMNS) as EventSegmentField[];

/** The local day of a local midnight, or null when `instant` is not one. */
const midnightDay = (instant: Date, timeZone: string): string | null => (isLocalMidnight(instant, timeZone) ? localIsoDay(instant, timeZone) : null);

/** Whether facts can answer a query: whole local days, and only the facts' segment fields. */
export function factsCanAnswer(q: StepCountsQuery, timeZone: string): boolean {
  if (q.steps.length > 10) return false;
  if (!midnightDay(q.from, timeZone) || !midnightDay(q.to, timeZone)) return false;
  if (Object.keys(q.filters ?? {}).some((f) => !FACT_FIELDS.has(f))) return false;
  if (q.groupBy?.kind === "field" && !FACT_FIELDS.has(q.groupBy.field)) return false;
  if (q.groupBy?.kind === "period" && q.groupBy.timeZone !== timeZone) return false;
  if (q.groupBy?.kind === "facts") return false;
  return true;
}

/**
 * Step counts from the facts; the caller checked factsCanAnswer and refreshed the facts (`factsId`
 * is what readyFacts returned). The rows of the range that pass the filters are combined per person
 * (and group) with max and min: by pairCounts for breakdowns and whenever there are no filters, by
 * one aggregate per (person, group) otherwise.
 */
export async function factsStepCounts(scope: ProjectScope, factsId: number, q: StepCountsQuery): Promise<StepCountsRow[]> {
  const tz = scope.project.timeZone;
  const k = q.steps.length;
  const field = q.groupBy?.kind === "field" ? q.groupBy.field : undefined;
  const fields = [...Object.keys(q.filters ?? {}), field];
  const segments = fields.some((f) => f && f !== "age_group")
    ? sql`join funnel_segments e on e.project_id = ff.project_id and e.id = ff.segment_id`
    : sql``;
  const persons = needsPersons(fields) ? sql`left join persons p on p.project_id = ff.project_id and p.person_id = ff.person_id` : sql``;
  const fromDay = midnightDay(q.from, tz)!;
  // Without filters every earlier row of the person is in the range's rows whenever it is in the
  // range, so a row is the first of its (person, group) pair when the person's previous row with
  // the same value (gap_*) lies before the group's start in the range.
  const filtered = Object.values(q.filters ?? {}).some((values) => values && values.length > 0);
  let g: SQL = sql`''`;
  let solo: SQL = sql`false`;
  let gap: SQL | null = sql`ff.${gapColumn("person")}`;
  let start: SQL = sql`${fromDay}::date`;
  if (field) {
    g = sql`coalesce(${fieldExpression(field as SegmentField)}, ${NONE})`;
    const part = SEGMENT_PARTS.indexOf(field as EventSegmentField);
    if (part >= 0) solo = sql`(ff.solo & ${1 << part}) <> 0`;
    gap = part >= 0 ? sql`ff.${gapColumn(SEGMENT_PARTS[part])}` : field === "age_group" ? gap : null;
  }
  if (q.groupBy?.kind === "period") {
    g = sql`to_char(date_trunc(${q.groupBy.unit}, ff.day::timestamp), 'YYYY-MM-DD')`;
    start = q.groupBy.unit === "day" ? sql`ff.day` : sql`greatest(date_trunc('week', ff.day::timestamp)::date, ${fromDay}::date)`;
  }
  const first = gap && !filtered ? sql`(${gap} is null or ff.day - ${gap} < ${start})` : null;
  const ds = Array.from({ length: k - 1 }, (_, i) => sql.raw(`d${i + 2}`));
  const f = sql`f as not materialized (
      select ff.person_id, ${g} as g, ff.level, ${sql.join(ds.map((d) => sql`ff.${d}`), sql`, `)}, ${solo} as one, ${first ?? sql`null::boolean`} as first
      from funnel_fact_rows ff ${segments} ${persons}
      where ff.project_id = ${scope.projectId}::uuid and ff.facts_id = ${factsId}
        and ff.day >= ${fromDay}::date and ff.day < ${midnightDay(q.to, tz)}::date and ${filterCondition(q.filters)}
    )`;
  if (field || first) return pairCounts(scope, k, f, q.groupBy?.kind === "field" ? q.groupBy.limit : null, q.medians !== false, first !== null);
  // Filtered, not broken down: one hash aggregate per (person, group). Most people have several
  // rows (an entry with their campaign, later ones without), so skipping it for the few with one
  // does not pay.
  const flags = Array.from({ length: k }, (_, i) => sql`max(level) >= ${i + 1} as ${sql.raw(`r${i + 1}`)}`);
  const people = sql`${f}, people as (
      select person_id, g as grp, ${sql.join(flags, sql`, `)}, 0::bigint as d1, ${sql.join(ds.map((d) => sql`min(${d}) as ${d}`), sql`, `)}
      from f group by 1, 2
    )`;
  return stepCountsOf(scope, k, people, Boolean(q.groupBy), q.medians !== false);
}

/**
 * Step counts per group from the CTE `f` (person_id, g, level, d2…dk, one, first), counted as
 * distinct (person, group) pairs. With `limit`, a breakdown by a field: the top values and "other",
 * where a person may arrive through several values.
 *
 * Deduplicating ~600,000 pairs per 30 days at 10 million events is what made a breakdown slow
 * (README.md beside this file), so most rows skip it. Step 1 needs only the number of pairs per
 * group: without filters (`byFirst`), the rows that are their pair's first in the range (`first`,
 * from the `gap_*` columns); with filters, the rows that are their person's only one with the value
 * (`one`, the field's `solo` bit: still true of any subset of the rows), plus the distinct pairs of
 * the others. Steps 2 and on need only the rows that reached step 2 (one that did not has no time
 * to any later step), about a third, and only those without the bit, or in "other", are aggregated
 * per person.
 */
async function pairCounts(scope: ProjectScope, k: number, f: SQL, limit: number | null, medians: boolean, byFirst: boolean): Promise<StepCountsRow[]> {
  const ds = Array.from({ length: k - 1 }, (_, i) => sql.raw(`d${i + 2}`));
  const top = sql`(select g from top)`;
  const grp = limit === null ? sql`g` : sql`case when g in ${top} then g else ${OTHER}::text end`;
  const direct = limit === null ? sql`one` : sql`(one and g in ${top})`;
  const counts =
    limit === null
      ? sql`counts as (select g as grp, v1 from v)`
      : sql`top as (select g from v order by v1 desc, g limit ${limit}),
        counts as (
          select g as grp, v1 from v where g in ${top}
          union all
          select ${OTHER}::text, count(distinct person_id)::int from f where g not in ${top} having count(*) > 0
        )`;
  const vCols = Array.from({ length: k - 1 }, (_, i) => sql.raw(`coalesce(m.v${i + 2}, 0) as v${i + 2}`));
  const medianCols = medians ? Array.from({ length: k - 1 }, (_, i) => sql.raw(i === 0 ? "m.s2" : `m.s${i + 2}, m.p${i + 2}`)) : [];
  const rows = await withFunnelSettings(scope.db, (db) =>
    queryRows<Record<string, string | number | null>>(
      db,
      sql`with ${f},
        ${
          byFirst
            ? sql`v as (select g, count(*) filter (where first)::int as v1 from f group by g),`
            : sql`c as (select g, case when one then null else person_id end as p, count(*)::int as n from f group by 1, 2),
        v as (select g, sum(case when p is null then n else 1 end)::int as v1 from c group by g),`
        }
        ${counts},
        r as (
          select person_id, ${grp} as grp, level, ${sql.join(ds, sql`, `)} from f where level >= 2 and ${direct}
          union all
          select person_id, ${grp} as grp, max(level) as level, ${sql.join(ds.map((d) => sql`min(${d}) as ${d}`), sql`, `)}
          from f where level >= 2 and not ${direct} group by 1, 2
        ),
        m as (select grp, ${stepColumns(k, (j) => sql`level >= ${j}`, medians, 2)} from r group by grp)
      select c.grp, c.v1, ${sql.join([...vCols, ...medianCols], sql`, `)} from counts c left join m on m.grp = c.grp`,
    ),
  );
  return stepCountsRows(rows, k, medians);
}

/** The `gap_*` column of a segment field, or of the person (see funnel_fact_rows). */
const gapColumn = (part: EventSegmentField | "person") => sql.raw(`gap_${part}`);

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
      select x.person_id, x.j, (x.j ->> 0)::date as day, hashtextextended((x.j - 0)::text, 0) as segment_id, x.level, ${sql.join(own.map((d) => sql`x.${d}`), sql`, `)}
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
          return p ? sql`lag(y.day) over ${w} as ${sql.raw(`b${i}`)}, lead(y.day) over ${w} as ${sql.raw(`a${i}`)}` : sql`lag(y.day) over ${w} as before_person`;
        }),
        sql`, `,
      )}
      from y
    )
    insert into funnel_fact_rows (project_id, facts_id, day, person_id, segment_id, level, solo,
      ${sql.join([...SEGMENT_PARTS, "person" as const].map(gapColumn), sql`, `)}, d2, d3, d4, d5, d6, d7, d8, d9, d10)
    select ${scope.projectId}::uuid, ${factsId}::int, z.day, z.person_id, z.segment_id, z.level::smallint,
      (${sql.join(parts.map((_, i) => sql.raw(`case when z.b${i} is null and z.a${i} is null then ${1 << i} else 0 end`)), sql` | `)})::smallint,
      ${sql.join(parts.map((_, i) => sql.raw(`(z.day - z.b${i})::smallint`)), sql`, `)}, (z.day - z.before_person)::smallint,
      ${sql.join(all.map((d) => sql`${d}`), sql`, `)}
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

const lockKey = (scope: ProjectScope, key: string) => sql`hashtextextended(${`funnel_facts:${scope.projectId}:${key}`}, 0)`;

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
  const [{ id }] = await queryRows<{ id: number }>(
    scope.db,
    sql`insert into funnel_fact_sets (project_id, funnel_key) values (${scope.projectId}::uuid, ${key})
      on conflict (project_id, funnel_key) do update set funnel_key = excluded.funnel_key returning id`,
  );
  for (let slice = 0; slice < BUILD_SLICES; slice++) {
    // The funnel statements' settings: a slice's sorts fit in memory, and no JIT compilation.
    await withFunnelSettings(scope.db, async (t) => {
      await t.execute(sql`select pg_advisory_xact_lock(${lockKey(scope, key)})`);
      const inSlice = (col: SQL) => sql`(hashtext(${col}) & ${BUILD_SLICES - 1}) = ${slice}`;
      await t.execute(sql`delete from funnel_fact_rows where project_id = ${scope.projectId}::uuid and facts_id = ${id} and ${inSlice(sql`person_id`)}`);
      await t.execute(factsWrite(scope, id, allEntries(scope, def), inSlice(sql`e.person_id`)));
    }, "factsBuildMs");
  }
  await scope.db.execute(sql`update funnel_fact_sets set applied_until = ${started}::timestamptz, built_at = now() where id = ${id}`);
  await dropUnusedFacts(scope, key);
  // Fresh statistics, or the planner takes the new segments for a handful and sorts where it should
  // hash (PGlite has no autovacuum, and PostgreSQL's may not have come round yet).
  await scope.db.execute(sql`analyze funnel_segments, funnel_fact_rows`);
}

/** Facts of other definitions that no saved funnel has any more (edited, deleted, or the time zone changed). */
async function dropUnusedFacts(scope: ProjectScope, keep: string): Promise<void> {
  const keys = (await listFunnels(scope)).map((f) => factsKey(f, scope.project.timeZone));
  const unused = await queryRows<{ id: number }>(
    scope.db,
    sql`select id from funnel_fact_sets where project_id = ${scope.projectId}::uuid
      and funnel_key not in (${sql.join([keep, ...keys].map((k) => sql`${k}`), sql`, `)})`,
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
    await t.execute(sql`update funnel_fact_sets set applied_until = ${until}::timestamptz where id = ${id}`);
    return { id, persons: Number(n) };
  });
}

/** Refreshes and builds in flight in this process, by project and facts key (requests share them). */
const g = globalThis as unknown as { __trechterFactsInFlight?: { refreshes: Map<string, Promise<{ id: number; persons: number } | null>>; builds: Map<string, Promise<void>> } };
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
