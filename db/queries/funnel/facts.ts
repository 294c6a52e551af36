import crypto from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows, type Db } from "../../client";
import type { FunnelStep, SegmentField } from "../../../lib/funnel/types";
import { SEGMENT_FIELDS } from "../../../lib/funnel/types";
import { zonedMidnight, localDay, localIsoDay, isLocalMidnight } from "../../../lib/funnel/ranges";
import { personLevels, stepCountsOf, OTHER, type StepCountsQuery, type StepCountsRow } from "./funnelStepCounts";
import { fieldExpression, filterCondition, needsPersons, NONE } from "./fragments";
import { settledInstant } from "./changes";
import { listFunnels } from "../../funnels";

/**
 * Funnel facts: a saved funnel's levels, precomputed per person, local entry day and entry segment,
 * kept up to date from the persons that ingestion marks as changed. README.md beside this file says
 * why (the raw engine costs ~8 µs per candidate row; a dashboard funnel over 10 million events
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

/** Step counts from the facts; the caller checked factsCanAnswer and refreshed the facts. */
export async function factsStepCounts(scope: ProjectScope, key: string, q: StepCountsQuery): Promise<StepCountsRow[]> {
  const tz = scope.project.timeZone;
  const k = q.steps.length;
  const fromDay = midnightDay(q.from, tz)!;
  const toDay = midnightDay(q.to, tz)!;
  const field = q.groupBy?.kind === "field" ? q.groupBy.field : undefined;
  const persons = needsPersons([...Object.keys(q.filters ?? {}), field]) ? sql`left join persons p on p.project_id = e.project_id and p.person_id = e.person_id` : sql``;
  let g: SQL = sql`''`;
  if (field) g = sql`coalesce(${fieldExpression(field as SegmentField)}, ${NONE})`;
  if (q.groupBy?.kind === "period") g = sql`to_char(date_trunc(${q.groupBy.unit}, e.day::timestamp), 'YYYY-MM-DD')`;
  const ds = Array.from({ length: k - 1 }, (_, i) => sql.raw(`d${i + 2}`));
  const minDs = ds.length ? sql`, ${sql.join(ds.map((d) => sql`min(${d}) as ${d}`), sql`, `)}` : sql``;
  const flags = Array.from({ length: k }, (_, i) => sql`max(level) >= ${i + 1} as ${sql.raw(`r${i + 1}`)}`);
  const people = (from: SQL, grp: SQL) => sql`select person_id, ${grp} as grp, ${sql.join(flags, sql`, `)}, 0::bigint as d1${minDs} from ${from} group by 1, 2`;
  const selected = sql`f as (
      select e.person_id, ${g} as g, e.level${ds.length ? sql`, ${sql.join(ds.map((d) => sql`e.${d}`), sql`, `)}` : sql``}
      from funnel_facts e ${persons}
      where e.project_id = ${scope.projectId}::uuid and e.funnel_key = ${key}
        and e.day >= ${fromDay}::date and e.day < ${toDay}::date and ${filterCondition(q.filters)}
    )`;
  const ctes = field
    ? sql`${selected},
      -- Top values by people, then the rest folded into "other" (a person may enter through several).
      pg as (select person_id, g, max(level) as level${minDs} from f group by 1, 2),
      top as (select g from pg group by g order by count(*) desc, g limit ${q.groupBy?.kind === "field" ? q.groupBy.limit : 10}),
      -- A top value's rows are one per person already; only the rest is folded per person.
      people as (
        select person_id, g as grp, ${sql.join(Array.from({ length: k }, (_, i) => sql`level >= ${i + 1} as ${sql.raw(`r${i + 1}`)}`), sql`, `)}, 0::bigint as d1${ds.length ? sql`, ${sql.join(ds, sql`, `)}` : sql``}
        from pg where g in (select g from top)
        union all
        ${people(sql`(select * from pg where g not in (select g from top)) x`, sql`${OTHER}::text`)}
      )`
    : sql`${selected}, people as (${people(sql`f`, sql`g`)})`;
  return stepCountsOf(scope, k, ctes, Boolean(q.groupBy), q.medians !== false);
}

/** `insert into funnel_facts` of the engine's `people` grouped by factsGroup, for the entries of `q` (and only `persons`). */
function factsInsert(scope: ProjectScope, key: string, q: StepCountsQuery, persons?: SQL): SQL {
  const k = q.steps.length;
  const level = sql.raw(`case ${Array.from({ length: k }, (_, i) => `when r${k - i} then ${k - i}`).join(" ")} else 0 end`);
  const own = Array.from({ length: k - 1 }, (_, i) => sql.raw(`d${i + 2}`));
  const all = Array.from({ length: 9 }, (_, i) => (i + 2 <= k ? sql.raw(`x.d${i + 2}`) : sql`null::bigint`));
  const g = (i: number) => sql.raw(`x.grp::jsonb ->> ${i}`);
  return sql`insert into funnel_facts (project_id, funnel_key, day, person_id, utm_source, utm_medium, utm_campaign, referrer_domain,
      device, browser, os, country, region, level, d2, d3, d4, d5, d6, d7, d8, d9, d10)
    select ${scope.projectId}::uuid, ${key}, (${g(0)})::date, x.person_id, ${sql.join([1, 2, 3, 4, 5, 6, 7, 8, 9].map(g), sql`, `)},
      x.level, ${sql.join(all, sql`, `)}
    from (with ${personLevels(scope, q, { persons })} select person_id, grp, ${level} as level, ${sql.join(own, sql`, `)} from people) x
    where x.level > 0`;
}

/** Entry days per statement of a full build (each reads its days plus the window). */
const BUILD_CHUNK_DAYS = 14;
const FAR_PAST = new Date(Date.UTC(1970, 0, 1));
const FAR_FUTURE = new Date(Date.UTC(2200, 0, 1));

const lockKey = (scope: ProjectScope, key: string) => sql`hashtextextended(${`funnel_facts:${scope.projectId}:${key}`}, 0)`;

/**
 * Computes a definition's facts from all of the project's events, in chunks of entry days, then
 * records them as built. Each chunk replaces its days under the facts' lock, so two builders (two
 * app processes) cannot double a row; persons that change during the build are recomputed by the
 * next refresh, because the state says the facts hold changes up to the build's start only.
 */
export async function buildFacts(scope: ProjectScope, def: StepsAndWindow): Promise<void> {
  const tz = scope.project.timeZone;
  const key = factsKey(def, tz);
  const started = await settledInstant(scope.db, scope.projectId);
  const [span] = await queryRows<{ first: string | null; last: string | null }>(
    scope.db,
    sql`select min(time) as first, max(time) as last from events where project_id = ${scope.projectId}::uuid`,
  );
  if (span.first && span.last) {
    const first = localDay(new Date(span.first), tz);
    const last = new Date(span.last);
    for (let day = 0; ; day += BUILD_CHUNK_DAYS) {
      const from = zonedMidnight(first.y, first.m, first.d + day, tz);
      if (from > last) break;
      const to = zonedMidnight(first.y, first.m, first.d + day + BUILD_CHUNK_DAYS, tz);
      const q: StepCountsQuery = { ...def, from, to, groupBy: { kind: "facts", timeZone: tz } };
      await scope.db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        await t.execute(sql`select pg_advisory_xact_lock(${lockKey(scope, key)})`);
        await t.execute(sql`delete from funnel_facts where project_id = ${scope.projectId}::uuid and funnel_key = ${key}
          and day >= ${localIsoDay(from, tz)}::date and day < ${localIsoDay(to, tz)}::date`);
        await t.execute(factsInsert(scope, key, q));
      });
    }
  }
  await scope.db.execute(sql`insert into funnel_fact_state (project_id, funnel_key, applied_until, built_at)
    values (${scope.projectId}::uuid, ${key}, ${started}::timestamptz, now())
    on conflict (project_id, funnel_key) do update set applied_until = excluded.applied_until, built_at = excluded.built_at`);
  await dropUnusedFacts(scope, key);
}

/** Facts of other definitions that no saved funnel has any more (edited, deleted, or the time zone changed). */
async function dropUnusedFacts(scope: ProjectScope, keep: string): Promise<void> {
  const keys = (await listFunnels(scope)).map((f) => factsKey(f, scope.project.timeZone));
  const unused = await queryRows<{ funnel_key: string }>(
    scope.db,
    sql`select funnel_key from funnel_fact_state where project_id = ${scope.projectId}::uuid
      and funnel_key not in (${sql.join([keep, ...keys].map((k) => sql`${k}`), sql`, `)})`,
  );
  for (const { funnel_key } of unused) {
    await scope.db.execute(sql`delete from funnel_facts where project_id = ${scope.projectId}::uuid and funnel_key = ${funnel_key}`);
    await scope.db.execute(sql`delete from funnel_fact_state where project_id = ${scope.projectId}::uuid and funnel_key = ${funnel_key}`);
  }
}

/**
 * Applies the persons changed since the last refresh (new events, merged identities): their facts
 * are deleted and recomputed from all their events, in one transaction under the facts' lock.
 * Returns how many persons it recomputed, or null when the facts are not built.
 */
export async function refreshFacts(scope: ProjectScope, def: StepsAndWindow): Promise<number | null> {
  const key = factsKey(def, scope.project.timeZone);
  const until = await settledInstant(scope.db, scope.projectId);
  return scope.db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select pg_advisory_xact_lock(${lockKey(scope, key)})`);
    const [state] = await queryRows<{ applied_until: string | Date }>(
      t,
      sql`select applied_until from funnel_fact_state where project_id = ${scope.projectId}::uuid and funnel_key = ${key}`,
    );
    if (!state) return null;
    const since = new Date(state.applied_until).toISOString();
    if (since >= until) return 0;
    const changed = sql`select person_id from persons where project_id = ${scope.projectId}::uuid
      and changed_at >= ${since}::timestamptz and changed_at < ${until}::timestamptz`;
    const [{ n }] = await queryRows<{ n: number }>(t, sql`select count(*)::int as n from (${changed}) c`);
    if (Number(n) > 0) {
      // One statement deletes and inserts, so both see the same set of changed persons.
      const q: StepCountsQuery = { ...def, from: FAR_PAST, to: FAR_FUTURE, groupBy: { kind: "facts", timeZone: scope.project.timeZone } };
      await t.execute(sql`with dirty as (${changed}),
        gone as (delete from funnel_facts where project_id = ${scope.projectId}::uuid and funnel_key = ${key} and person_id in (select person_id from dirty))
        ${factsInsert(scope, key, q, sql`select person_id from dirty`)}`);
    }
    await t.execute(sql`update funnel_fact_state set applied_until = ${until}::timestamptz
      where project_id = ${scope.projectId}::uuid and funnel_key = ${key}`);
    return Number(n);
  });
}

/** Refreshes and builds in flight in this process, by project and facts key (requests share them). */
const g = globalThis as unknown as { __trechterFactsInFlight?: { refreshes: Map<string, Promise<number | null>>; builds: Map<string, Promise<void>> } };
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
 * Makes a saved funnel's facts current and returns their key, or null when they cannot be read
 * yet: facts that do not exist are built in the background, and the caller answers from the raw
 * engine meanwhile.
 */
export async function readyFacts(scope: ProjectScope, def: StepsAndWindow): Promise<string | null> {
  const key = factsKey(def, scope.project.timeZone);
  const id = `${scope.projectId}:${key}`;
  if (inFlight.builds.has(id)) return null;
  if ((await shared(inFlight.refreshes, id, () => refreshFacts(scope, def))) !== null) return key;
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
