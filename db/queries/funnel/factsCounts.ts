import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows } from "../../client";
import { GROUP_SEP, OTHER, previousRequired, withFunnelSettings, type StepCountsRow } from "./engine";

/**
 * The counting statements of funnel facts (facts.ts builds the rows they read): counts and medians
 * per group and step, from per-(person, group) levels, optional-step masks and fastest times, as
 * the engine folds them (engine.ts foldPairs): a required step j counts the people whose level
 * reaches it, an optional one the people some chain took through it (a bit of `opt`); medians are
 * of the fastest times from the start, and "from previous" from the nearest required step before.
 */

/** What a row reached step j is, in SQL over `level` and `opt` (bit j-1 for an optional step j). */
export function reachedSql(j: number, optionalMask: number, level: SQL = sql`level`, opt: SQL = sql`opt`): SQL {
  const bit = 1 << (j - 1);
  return optionalMask & bit ? sql`(${opt} & ${bit}) <> 0` : sql`${level} >= ${j}`;
}

/**
 * The per-step columns of a facts statement: `v{j}` (visitors who reached step j), and with
 * medians `s{j}` (median ms from the start) and `p{j}` (from the nearest required step before), for
 * steps `first` to k. `reached(j)` says whether a row reached step j; `d{j}` are its fastest times
 * from the start.
 */
function stepColumns(k: number, reached: (j: number) => SQL, medians: boolean, optionalMask: number, first = 1): SQL {
  const cols = Array.from({ length: k - first + 1 }, (_, i) => {
    const j = i + first;
    const r = reached(j);
    const count = sql`count(*) filter (where ${r})::int as ${sql.raw(`v${j}`)}`;
    if (j === 1 || !medians) return count;
    const fromStart = sql`percentile_cont(0.5) within group (order by ${sql.raw(`d${j}`)}) filter (where ${r}) as ${sql.raw(`s${j}`)}`;
    if (j === 2) return sql`${count}, ${fromStart}`;
    const p = previousRequired(j, optionalMask);
    const before = sql.raw(p === 1 ? `d${j}` : `d${j} - d${p}`);
    return sql`${count}, ${fromStart}, percentile_cont(0.5) within group (order by ${before}) filter (where ${r}) as ${sql.raw(`p${j}`)}`;
  });
  return sql.join(cols, sql`, `);
}

/** Step-count rows from a statement's rows of `grp`, `v{j}`, `s{j}` and `p{j}` (see stepColumns). */
function stepCountsRows(rows: Record<string, string | number | null>[], k: number, medians: boolean): StepCountsRow[] {
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
 * Counts and medians per group and step from CTEs that end in `people` (person_id, grp, r1…rk,
 * d1…dk): one pass over `people`.
 */
export async function stepCountsOf(
  scope: ProjectScope,
  k: number,
  people: SQL,
  grouped: boolean,
  medians: boolean,
  optionalMask: number,
  timeToConvert?: TimeToConvertSteps,
): Promise<CountsWithTimes> {
  const cols = stepColumns(k, (j) => sql.raw(`r${j}`), medians, optionalMask);
  const times = timeToConvert ? sql`, ${timesColumn(timeToConvert, "people", sql.raw(`r${timeToConvert.to}`))}` : sql``;
  const rows = await withFunnelSettings(scope.db, (db) =>
    queryRows<Record<string, string | number | null>>(
      db,
      sql`with ${people}
      select ${grouped ? sql`grp` : sql`''`} as grp, ${cols}${times} from people ${grouped ? sql`group by grp` : sql``}`,
    ),
  );
  return withTimes(rows, k, medians, timeToConvert);
}

/** Time to convert between two required steps, asked of a statement beside its counts (ungrouped). */
export type TimeToConvertSteps = { from: number; to: number };
/** A statement's counts, and with TimeToConvertSteps each converted person's time between them (ms). */
export type CountsWithTimes = { rows: StepCountsRow[]; times?: number[] };

/**
 * The column `times`: per person of `people` (one row each, with the fastest times d2…dk from the
 * start, as the engine folds them) that reached step `to`, its fastest time to `to` minus its
 * fastest to `from`: what factsStepsWithTrend (facts.ts) bins. A float8 array (the ms fit exactly): both
 * drivers read it as numbers.
 */
function timesColumn(t: TimeToConvertSteps, people: string, reachedTo: SQL): SQL {
  const dTo = sql.raw(`d${t.to}`);
  const span = t.from === 1 ? dTo : sql`${dTo} - ${sql.raw(`d${t.from}`)}`;
  return sql`(select coalesce(array_agg(${span})::float8[], '{}') from ${sql.raw(people)} where ${reachedTo}) as times`;
}

function withTimes(
  rows: Record<string, string | number | null>[],
  k: number,
  medians: boolean,
  timeToConvert: TimeToConvertSteps | undefined,
): CountsWithTimes {
  if (!timeToConvert) return { rows: stepCountsRows(rows, k, medians) };
  const times = (rows[0] as Record<string, unknown> | undefined)?.times as (number | string)[] | undefined;
  return { rows: stepCountsRows(rows, k, medians), times: (times ?? []).map(Number) };
}

/**
 * Step counts per group from the CTE `f` (person_id, g, level, opt, d2…dk, one, first), counted as
 * distinct (person, group) pairs. With `limit`, a breakdown by a field: the top values and "other",
 * where a person may arrive through several values.
 *
 * Deduplicating ~600,000 pairs per 30 days at 10 million events is what made a breakdown slow
 * (README.md beside this file), so most rows skip it. Step 1 needs only the number of pairs per
 * group: without filters (`byFirst`), the rows that are their pair's first in the range (`first`,
 * from the `gap_*` columns); with filters, the rows that are their person's only one with the value
 * (`one`, the field's `solo` bit: still true of any subset of the rows), plus the distinct pairs of
 * the others. Steps 2 and on need only the rows that reached step 2 or further (one that did not has
 * no time to any later step and no optional step), about a third, and only those without the bit,
 * or in "other", are aggregated per person.
 */
export async function pairCounts(scope: ProjectScope, k: number, f: SQL, opts: PairCountsOptions): Promise<CountsWithTimes> {
  const q = pairCountsSql(k, opts);
  const rows = await withFunnelSettings(scope.db, (db) =>
    queryRows<Record<string, string | number | null>>(db, sql`with ${f}, ${q.ctes} ${q.select}`),
  );
  return withTimes(rows, k, opts.medians, opts.timeToConvert);
}

export type PairCountsOptions = {
  limit: number | null;
  medians: boolean;
  byFirst: boolean;
  optionalMask: number;
  /** Only ungrouped, where `r` holds one row per person: the times between two steps (timesColumn), from `r`. */
  timeToConvert?: TimeToConvertSteps;
  /** The statement defines the CTE `v` (g, v1: step 1's pairs per value) before these CTEs (breakdownAndTrend). */
  vGiven?: boolean;
};

/** pairCounts' statement after `with f,`: its CTEs (v, c, top, counts, r, m) and its select. */
function pairCountsSql(k: number, opts: PairCountsOptions): { ctes: SQL; select: SQL } {
  const { limit, medians, byFirst, optionalMask } = opts;
  const ds = Array.from({ length: k - 1 }, (_, i) => sql.raw(`d${i + 2}`));
  // The top values as an array, computed once: `g in (select g from top)` rescanned the CTE for every
  // row, and a breakdown with its trend took 1.34 s against 1.24 s (EXPLAIN ANALYZE, 10.3 M events).
  // Neither side is ever null (g is coalesced), so `= any` and `<> all` mean what `in` and `not in` did.
  const top = sql`array(select g from top)`;
  const grp = limit === null ? sql`g` : sql`case when g = any(${top}) then g else ${OTHER}::text end`;
  const direct = limit === null ? sql`one` : sql`(one and g = any(${top}))`;
  const counts =
    limit === null
      ? sql`counts as (select g as grp, v1 from v)`
      : sql`top as (select g from v order by v1 desc, g limit ${limit}),
        counts as (
          select g as grp, v1 from v where g = any(${top})
          union all
          select ${OTHER}::text, count(distinct person_id)::int from f where g <> all(${top}) having count(*) > 0
        )`;
  const vCols = Array.from({ length: k - 1 }, (_, i) => sql.raw(`coalesce(m.v${i + 2}, 0) as v${i + 2}`));
  const medianCols = medians ? Array.from({ length: k - 1 }, (_, i) => sql.raw(i === 0 ? "m.s2" : `m.s${i + 2}, m.p${i + 2}`)) : [];
  const ctes = sql`${
    opts.vGiven
      ? sql``
      : byFirst
        ? sql`v as (select g, count(*) filter (where first)::int as v1 from f group by g),`
        : sql`c as (select g, case when one then null else person_id end as p, count(*)::int as n from f group by 1, 2),
        v as (select g, sum(case when p is null then n else 1 end)::int as v1 from c group by g),`
  }
        ${counts},
        r as (
          select person_id, ${grp} as grp, level, opt, ${sql.join(ds, sql`, `)} from f where level >= 2 and ${direct}
          union all
          select person_id, ${grp} as grp, max(level) as level, bit_or(opt) as opt, ${sql.join(
            ds.map((d) => sql`min(${d}) as ${d}`),
            sql`, `,
          )}
          from f where level >= 2 and not ${direct} group by 1, 2
        ),
        m as (select grp, ${stepColumns(k, (j) => reachedSql(j, optionalMask), medians, optionalMask, 2)} from r group by grp)`;
  const t = opts.timeToConvert;
  const times = t ? [timesColumn(t, "r", reachedSql(t.to, optionalMask))] : [];
  return {
    ctes,
    select: sql`select c.grp, c.v1, ${sql.join([...vCols, ...medianCols, ...times], sql`, `)} from counts c left join m on m.grp = c.grp`,
  };
}

/**
 * A trend's visitors per group and step in one pass over `f` (person_id, g, period, level, opt,
 * one, first). A row that is its pair's only one for what it is counted for (`one`: no other row of
 * the person has its value; or a known `first` flag on a row that reached only step 1) is counted as
 * it is, all such rows of a group together; only the other rows are combined per (group, person).
 * Where `first` is null (filters) a pair counts once however many rows it has. With `other`, the
 * group "other" holds several values: its rows are combined per person whatever their flags say.
 * Grouping every row per (group, person), as before, took most of a trend's time, though nearly
 * every pair has one row.
 */
export async function groupCounts(scope: ProjectScope, k: number, f: SQL, optionalMask: number, other: boolean): Promise<StepCountsRow[]> {
  const q = groupCountsSql(k, "f", optionalMask, other);
  const rows = await withFunnelSettings(scope.db, (db) =>
    queryRows<Record<string, string | number | null>>(db, sql`with ${f}, ${q.ctes} ${q.select}`),
  );
  return stepCountsRows(rows, k, false);
}

/**
 * An unfiltered daily trend's visitors per day and step, from the range's rows (`rangeRows`, a
 * FROM clause over funnel_fact_rows `ff`): a person's first row of a day (gap_person null or above
 * 0) carries the day's level and optional steps over all the person's rows of that day (`day_level`,
 * `day_opt`, factsWrite.ts), so each such row is one visitor and nothing is combined per person.
 * With filters a day's other rows may be filtered out, so only the unfiltered trend reads it.
 */
export async function dayTrendCounts(scope: ProjectScope, k: number, optionalMask: number, rangeRows: SQL): Promise<StepCountsRow[]> {
  const rows = await withFunnelSettings(scope.db, (db) =>
    queryRows<Record<string, string | number | null>>(
      db,
      sql`select to_char(ff.day, 'YYYY-MM-DD') as grp, ${dayVisitors(k, optionalMask, sql`true`)}
      ${rangeRows} and ${FIRST_OF_DAY}
      group by ff.day`,
    ),
  );
  return stepCountsRows(rows, k, false);
}

/** A person's first row of a day (dayTrendCounts). */
const FIRST_OF_DAY = sql`coalesce(ff.gap_person, 1) > 0`;

/** dayTrendCounts' columns v1…vk: a day's visitors per step, from the rows `firstOfDay` says are the first of their person's day. */
function dayVisitors(k: number, optionalMask: number, firstOfDay: SQL): SQL {
  const steps = Array.from({ length: k - 1 }, (_, i) => i + 2);
  const visitors = steps.map(
    (j) =>
      sql`count(*) filter (where ${firstOfDay} and ff.day_level >= 2 and ${reachedSql(j, optionalMask, sql`ff.day_level`, sql`ff.day_opt`)})::int as ${sql.raw(`v${j}`)}`,
  );
  return sql`count(*) filter (where ${firstOfDay})::int as v1, ${sql.join(visitors, sql`, `)}`;
}

/**
 * An unbroken funnel's counts (pairCounts without a field, unfiltered: `f`'s `first` says a row is
 * its person's first in the range, which is `rangeFirst` on `ff`) and its daily trend
 * (dayTrendCounts) in one statement: one pass over the range's rows per day gives both the day's
 * visitors and the rows that are their person's first in the range, so the range is read once for
 * both instead of twice: at 10.3 million events the dashboard's steps with their trend took 0.43 s
 * (0.36 s and 0.12 s as two statements), its previous period's 0.39 s (0.32 s and 0.12 s), and the
 * dashboard request 0.85 s instead of 0.95 s, with the same answer.
 */
export async function pairCountsWithDayTrend(
  scope: ProjectScope,
  k: number,
  f: SQL,
  rangeRows: SQL,
  rangeFirst: SQL,
  opts: PairCountsOptions,
): Promise<CountsWithTimes & { trend: StepCountsRow[] }> {
  const q = pairCountsSql(k, { ...opts, vGiven: true });
  const days = sql`days as (
      select ff.day, count(*) filter (where ${rangeFirst})::int as fr, ${dayVisitors(k, opts.optionalMask, FIRST_OF_DAY)}
      ${rangeRows}
      group by ff.day
    )`;
  const trend = sql`(select json_agg(d) from (select to_char(day, 'YYYY-MM-DD') as grp, ${sql.join(
    Array.from({ length: k }, (_, i) => sql.raw(`v${i + 1}`)),
    sql`, `,
  )} from days) d) as trend`;
  const rows = await withFunnelSettings(scope.db, (db) =>
    queryRows<Record<string, string | number | null>>(
      db,
      sql`with ${days}, v as (select ''::text as g, sum(fr)::int as v1 from days having count(*) > 0), ${f}, ${q.ctes}
      select x.*, ${trend} from (${q.select}) x`,
    ),
  );
  const perDay = ((rows[0] as Record<string, unknown> | undefined)?.trend ?? []) as Record<string, string | number | null>[];
  return { ...withTimes(rows, k, opts.medians, opts.timeToConvert), trend: stepCountsRows(perDay, k, false) };
}

/** groupCounts' statement after the CTE `source` (its rows): its CTE (`source`_a) and its select. */
function groupCountsSql(
  k: number,
  source: string,
  optionalMask: number,
  other: boolean,
  more: { columns?: SQL; where?: SQL; valued?: boolean } = {},
): { ctes: SQL; select: SQL } {
  const steps = Array.from({ length: k - 1 }, (_, i) => i + 2);
  const rowCounts = steps.map((j) => sql`count(*) filter (where level >= 2 and ${reachedSql(j, optionalMask)}) as ${sql.raw(`c${j}`)}`);
  const visitors = steps.map(
    (j) =>
      sql`sum(case when p is null then ${sql.raw(`c${j}`)} else (lv >= 2 and ${reachedSql(j, optionalMask, sql`lv`, sql`op`)})::int end)::int as ${sql.raw(`v${j}`)}`,
  );
  const one = other ? sql`(one and g <> ${OTHER})` : sql`one`;
  const first = other ? sql`(case when g <> ${OTHER} then first end)` : sql`first`;
  const label = other || more.valued ? sql`g || ${GROUP_SEP} || to_char(period, 'YYYY-MM-DD')` : sql`to_char(period, 'YYYY-MM-DD')`;
  const from = sql.raw(source);
  const a = sql.raw(`${source}_a`);
  return {
    ctes: sql`${a} as (
          select g, period, case when ${one} or (${first} is not null and level < 2) then null else person_id end as p,
            count(*) filter (where ${one} or ${first}) as n1, count(*) filter (where ${first}) as f1, bool_or(${first} is null) as unk,
            ${sql.join(rowCounts, sql`, `)}, max(level) as lv, coalesce(bit_or(opt) filter (where level >= 2), 0) as op${more.columns ?? sql``}
          from ${from} group by 1, 2, 3
        )`,
    select: sql`select ${label} as grp, sum(case when p is null then n1 else f1 + unk::int end)::int as v1, ${sql.join(visitors, sql`, `)}
      from ${a} ${more.where ? sql`where ${more.where}` : sql``} group by g, period`,
  };
}

/**
 * A breakdown (pairCounts with `limit`, from `f`) and its per-value trend (groupCounts, from
 * `trend`) in one statement, so the trend need not wait for the breakdown's answer to know its
 * values. Filtered (`byFirst` false), `trend`'s rows name their value only when it is among the
 * breakdown's top values (the CTE `top`). Unfiltered, they keep their raw values and carry `fr`
 * (the row is its pair's first in the range), and step 1's pairs per value come from the trend's
 * aggregate: at 10.3 million events (README.md beside this file, "Breakdowns") the statement took
 * 0.63 s instead of 0.81 s with the same answer.
 */
export async function breakdownAndTrend(
  scope: ProjectScope,
  k: number,
  f: SQL,
  trend: SQL,
  opts: PairCountsOptions,
): Promise<{ breakdown: StepCountsRow[]; trend: StepCountsRow[] }> {
  const medians = opts.medians ? Array.from({ length: 2 * (k - 1) - 1 }, () => sql`null::double precision`) : [];
  const nulls = medians.length ? sql`, ${sql.join(medians, sql`, `)}` : sql``;
  let statement: SQL;
  if (opts.byFirst) {
    // Unfiltered (`trend` names raw values and carries `fr`, first of its pair in the range: see
    // below): the trend's per-(value, period) aggregate also gives step 1's pairs per value, so the
    // range is read twice instead of three times; "other" is counted per person from its own rows,
    // which are not read at all when the top values are all of them (a one-time condition).
    const b = pairCountsSql(k, { ...opts, vGiven: true });
    const top = sql`array(select g from top)`;
    const t = groupCountsSql(k, "t", opts.optionalMask, false, {
      columns: sql`, count(*) filter (where fr) as fr`,
      where: sql`g = any(${top})`,
      valued: true,
    });
    const others = sql`exists (select from v where g <> all(${top})) and g <> all(${top})`;
    const steps = Array.from({ length: k - 1 }, (_, i) => i + 2);
    const otherVisitors = steps.map((j) => sql`sum((lv >= 2 and ${reachedSql(j, opts.optionalMask, sql`lv`, sql`op`)})::int)::int`);
    statement = sql`with ${trend}, ${t.ctes}, v as (select g, sum(fr)::int as v1 from t_a group by g), ${f}, ${b.ctes},
      o as (
        select period, person_id, max(level) as lv, coalesce(bit_or(opt) filter (where level >= 2), 0) as op
        from t where ${others} group by 1, 2
      )
      select 0 as part, b.* from (${b.select}) b
      union all
      select 1, t.*${nulls} from (${t.select}) t
      union all
      select 1, ${OTHER}::text || ${GROUP_SEP}::text || to_char(period, 'YYYY-MM-DD'), count(*)::int, ${sql.join(otherVisitors, sql`, `)}${nulls}
      from o group by period`;
  } else {
    const b = pairCountsSql(k, opts);
    const t = groupCountsSql(k, "t", opts.optionalMask, true);
    statement = sql`with ${f}, ${b.ctes}, ${trend}, ${t.ctes}
      select 0 as part, b.* from (${b.select}) b
      union all
      select 1, t.*${nulls} from (${t.select}) t`;
  }
  const rows = await withFunnelSettings(scope.db, (db) =>
    queryRows<Record<string, string | number | null> & { part: number }>(db, statement),
  );
  return {
    breakdown: stepCountsRows(
      rows.filter((r) => Number(r.part) === 0),
      k,
      opts.medians,
    ),
    trend: stepCountsRows(
      rows.filter((r) => Number(r.part) === 1),
      k,
      false,
    ),
  };
}
