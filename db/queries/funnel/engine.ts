import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows, type Db } from "../../client";
import { limitedStatements, type StatementKind } from "../../limits";
import type { FunnelStep, SegmentField, SegmentFilters } from "../../../lib/funnel/types";
import type { TrendUnit } from "../../../lib/funnel/periods";
import { stepCondition, filterCondition, fieldExpression, needsPersons, NONE, SEGMENT_COLUMNS } from "./fragments";

export type StepCountsQuery = {
  steps: FunnelStep[];
  windowSeconds: number;
  from: Date;
  to: Date;
  filters?: SegmentFilters;
  /**
   * group entries by a segment field (top `limit` values, the rest as "other"), by day/week in
   * `timeZone`, or (for funnel facts) by local entry day and the entry event's segment fields
   */
  /** false: visitors only, medians null (the trend needs no medians, and they cost a sort per step) */
  medians?: boolean;
  groupBy?:
    | { kind: "field"; field: SegmentField; limit: number }
    | { kind: "period"; unit: TrendUnit; timeZone: string }
    | { kind: "facts"; timeZone: string };
};

export type StepCountsRow = {
  group: string;
  step: number;
  visitors: number;
  medianFromStart: number | null;
  medianFromPrevious: number | null;
};

export const OTHER = "__other__";

export type PersonLevelsOptions = {
  /** also carry each person's first entry in range: `entry_time` and `entry_source` (its utm_source) on `people` */
  entryDetails?: boolean;
  /** only the people whose `e.person_id` meets this condition (funnel facts: changed persons, or one slice of all) */
  personCondition?: SQL;
};

/** The facts group of an entry: its local day and segment fields, as a JSON array (see facts.ts). */
export function factsGroup(timeZone: string): SQL {
  const fields = Object.values(SEGMENT_COLUMNS).map((c) => sql.raw(`e.${c}`));
  return sql`jsonb_build_array(to_char((e.time at time zone ${timeZone})::date, 'YYYY-MM-DD'), ${sql.join(fields, sql`, `)})::text`;
}

/**
 * The engine's common part: the CTEs `cand … people`, where `people` has one row per (person, group)
 * with `r{j}` (reached step j in its best attempt) and `d{j}` (fastest ms from start to step j).
 * Shared by funnelStepCounts and dropOffAudience so that both count the same people. See README.md
 * beside this file for the algorithm (the "latest start" pass of ClickHouse's windowFunnel as
 * stacked window functions). Returns the list that follows `with`.
 */
export function personLevels(scope: ProjectScope, q: StepCountsQuery, opts: PersonLevelsOptions = {}): SQL {
  const k = q.steps.length;
  const names = [...new Set(q.steps.map((s) => s.event))];
  const fields = [...Object.keys(q.filters ?? {}), q.groupBy?.kind === "field" ? q.groupBy.field : undefined];
  const persons = needsPersons(fields) ? sql`left join persons p on p.project_id = e.project_id and p.person_id = e.person_id` : sql``;
  const until = new Date(q.to.getTime() + q.windowSeconds * 1000);
  const entry = sql`(${stepCondition(q.steps[0])}) and e.time >= ${q.from.toISOString()}::timestamptz and e.time < ${q.to.toISOString()}::timestamptz and ${filterCondition(q.filters)}`;

  let group: SQL = sql`''`;
  if (q.groupBy?.kind === "field") group = sql`coalesce(${fieldExpression(q.groupBy.field)}, ${NONE})`;
  if (q.groupBy?.kind === "period")
    group = sql`to_char(date_trunc(${q.groupBy.unit}, e.time at time zone ${q.groupBy.timeZone}), 'YYYY-MM-DD')`;
  if (q.groupBy?.kind === "facts") group = factsGroup(q.groupBy.timeZone);
  const only = opts.personCondition ? sql`and ${opts.personCondition}` : sql``;
  const limit = q.groupBy?.kind === "field" ? q.groupBy.limit : 0;

  const matchCols = q.steps.map((s, i) => sql`(${stepCondition(s)}) as m${sql.raw(String(i + 1))}`);
  const anyMatch = sql.join(
    q.steps.map((_, i) => sql.raw(`c.m${i + 1}`)),
    sql` or `,
  );
  const grouped = Boolean(q.groupBy);
  const win = sql.raw(
    `(partition by person_id${grouped ? ", grp" : ""} order by time, id rows between unbounded preceding and 1 preceding)`,
  );
  // Times as integer milliseconds: exact at the window's edge, and far cheaper to aggregate than numeric.
  const windowMs = q.windowSeconds * 1000;
  // Entry details cost one more column through the sort, so only the audience asks for them.
  const detailCol = opts.entryDetails ? sql`, e.utm_source as src` : sql``;
  const detailPass = opts.entryDetails ? sql`, c.src` : sql``;
  const detailAgg = opts.entryDetails
    ? sql`, min(time) filter (where is_entry) as entry_time, (array_agg(src order by t, id) filter (where is_entry))[1] as entry_source`
    : sql``;

  // Level j's column s{j}: the latest start of an attempt that has reached step j at this row.
  let levels: SQL = sql`select r.*, case when r.is_entry then r.t end as s1 from r`;
  for (let j = 2; j <= k; j++) {
    const prev = sql.raw(`s${j - 1}`);
    levels = sql`select l.*, case when l.m${sql.raw(String(j))} and max(l.${prev}) over ${win} >= l.t - ${windowMs}::bigint then max(l.${prev}) over ${win} end as s${sql.raw(String(j))} from (${levels}) l`;
  }
  const perPerson = q.steps.map((_, i) => {
    const j = i + 1;
    return sql`bool_or(s${sql.raw(String(j))} is not null) as r${sql.raw(String(j))}, min(t - s${sql.raw(String(j))}) as d${sql.raw(String(j))}`;
  });

  return sql`
    cand as (
      select e.person_id, e.id, e.time, (extract(epoch from e.time) * 1000)::bigint as t, ${sql.join(matchCols, sql`, `)},
        (${entry}) as is_entry, ${group} as raw_grp${detailCol}
      from events e ${persons}
      where e.project_id = ${scope.projectId}::uuid and e.name in (${sql.join(
        names.map((n) => sql`${n}`),
        sql`, `,
      )})
        and e.time >= ${q.from.toISOString()}::timestamptz and e.time < ${until.toISOString()}::timestamptz ${only}
    ),
    top as (
      select raw_grp from cand where is_entry group by raw_grp order by count(distinct person_id) desc, raw_grp limit ${limit > 0 ? limit : 1000000}
    ),
    grouped as (
      select c.*, ${limit > 0 ? sql`case when c.raw_grp in (select raw_grp from top) then c.raw_grp else ${OTHER} end` : sql`c.raw_grp`} as grp from cand c
    ),
    ${
      grouped
        ? sql`tagged as (
      -- A person's rows, tagged with every group they entered through; no join, so no plan can
      -- degrade into a nested loop when statistics are stale (PGlite has no autovacuum).
      select c.*, array_agg(c.grp) filter (where c.is_entry) over (partition by c.person_id) as groups
      from grouped c where ${anyMatch}
    ),
    r as (
      select c.person_id, x.grp, c.id, c.time, c.t, ${sql.join(
        q.steps.map((_, i) => sql.raw(`c.m${i + 1}`)),
        sql`, `,
      )},
        (c.is_entry and c.grp = x.grp) as is_entry${detailPass}
      from tagged c cross join lateral (select distinct unnest(c.groups) as grp) x
    ),`
        : sql`tagged as (
      -- The same partition and order as the level windows below, so the rows are sorted once.
      select c.*, bool_or(c.is_entry) over (partition by c.person_id order by c.time, c.id rows between unbounded preceding and unbounded following) as has_entry
      from grouped c where ${anyMatch}
    ),
    r as (
      select c.person_id, c.grp, c.id, c.time, c.t, ${sql.join(
        q.steps.map((_, i) => sql.raw(`c.m${i + 1}`)),
        sql`, `,
      )}, c.is_entry${detailPass}
      from tagged c where c.has_entry
    ),`
    }
    levels as (${levels}),
    people as (select person_id, grp, ${sql.join(perPerson, sql`, `)}${detailAgg} from levels group by person_id, grp)`;
}

/**
 * Per-step visitor counts of a funnel, per group, computed in the database (one statement over
 * personLevels). See README.md beside this file for the algorithm and the measured speed.
 */
export async function funnelStepCounts(scope: ProjectScope, q: StepCountsQuery): Promise<StepCountsRow[]> {
  return stepCountsOf(scope, q.steps.length, personLevels(scope, q), Boolean(q.groupBy), q.medians !== false);
}

/**
 * Runs one funnel statement with the settings it needs: memory to hash and sort its per-person rows
 * without spilling to disk (PostgreSQL's default 4 MB spilled a 30-day funnel's 340,000 people), no
 * JIT compilation (~150 ms per statement that these queries never win back), and no parallel
 * workers: a dashboard request runs four statements at once (steps, trend, breakdown, previous
 * period), and on 2 cores their workers only got in each other's way (about 1.13 s for the four
 * with them, 0.95 s without, at 10 million events). Each statement may take at most the limit of
 * `kind` (db/limits.ts: 30 s for a request's statements), and holds a heavy-statement slot.
 */
export async function withFunnelSettings<T>(db: Db, fn: (db: Db) => Promise<T>, kind: StatementKind = "heavyMs"): Promise<T> {
  // A time limit per statement and one of the process's heavy-statement slots (db/limits.ts).
  return limitedStatements(db, kind, fn, { work_mem: "256MB", jit: "off", max_parallel_workers_per_gather: "0" });
}

/**
 * The per-step columns of a step-counts statement: `v{j}` (visitors who reached step j), and with
 * medians `s{j}` (median ms from the start) and `p{j}` (from the previous step), for steps `first`
 * to k. `reached(j)` says whether a row reached step j; `d{j}` are its fastest times from the start.
 * Medians sort only the rows that reached the step; step 1's are 0 (d1 is 0: an attempt starts at
 * its entry) and step 2's time from the previous step is its time from the start, so neither needs
 * a sort of its own.
 */
export function stepColumns(k: number, reached: (j: number) => SQL, medians: boolean, first = 1): SQL {
  const cols = Array.from({ length: k - first + 1 }, (_, i) => {
    const j = i + first;
    const r = reached(j);
    const count = sql`count(*) filter (where ${r})::int as ${sql.raw(`v${j}`)}`;
    if (j === 1 || !medians) return count;
    const fromStart = sql`percentile_cont(0.5) within group (order by ${sql.raw(`d${j}`)}) filter (where ${r}) as ${sql.raw(`s${j}`)}`;
    if (j === 2) return sql`${count}, ${fromStart}`;
    return sql`${count}, ${fromStart}, percentile_cont(0.5) within group (order by ${sql.raw(`d${j} - d${j - 1}`)}) filter (where ${r}) as ${sql.raw(`p${j}`)}`;
  });
  return sql.join(cols, sql`, `);
}

/** Step-count rows from a statement's rows of `grp`, `v{j}`, `s{j}` and `p{j}` (see stepColumns). */
export function stepCountsRows(rows: Record<string, string | number | null>[], k: number, medians: boolean): StepCountsRow[] {
  const seconds = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v) / 1000);
  return rows.flatMap((r) =>
    Array.from({ length: k }, (_, i) => {
      const j = i + 1;
      const visitors = Number(r[`v${j}`] ?? 0);
      const fromStart = !medians ? null : j === 1 ? (visitors > 0 ? 0 : null) : seconds(r[`s${j}`]);
      return {
        group: String(r.grp),
        step: j,
        visitors,
        medianFromStart: fromStart,
        medianFromPrevious: j <= 2 ? fromStart : seconds(r[`p${j}`]),
      };
    }),
  );
}

/**
 * Counts and medians per group and step from the raw engine's CTEs that end in `people`
 * (person_id, grp, r1…rk, d1…dk): one pass over `people`.
 */
export async function stepCountsOf(
  scope: ProjectScope,
  k: number,
  people: SQL,
  grouped: boolean,
  medians = true,
): Promise<StepCountsRow[]> {
  const cols = stepColumns(k, (j) => sql.raw(`r${j}`), medians);
  // Without groups, no `group by` either: it would sort every person by a constant.
  const rows = await withFunnelSettings(scope.db, (db) =>
    queryRows<Record<string, string | number | null>>(
      db,
      sql`with ${people}
      select ${grouped ? sql`grp` : sql`''`} as grp, ${cols} from people ${grouped ? sql`group by grp` : sql``}`,
    ),
  );
  return stepCountsRows(rows, k, medians);
}
