import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { stepCondition, filterCondition, fieldExpression, needsPersons, matcherNames, NONE } from "./fragments";
import { factsGroup, OTHER, type StepCountsQuery } from "./engine";

/**
 * The SQL levels of a plain definition (ordered, no optional steps, within, exclusions or hold), as
 * window functions: what funnel facts are built from (factsUpkeep.ts), an independent second
 * implementation of the walk's rules for those definitions (facts.test.ts compares them on random
 * traffic). The engine itself is engine.ts; README.md beside this file describes both.
 */

export type PersonLevelsOptions = {
  /** also carry each person's first entry in range: `entry_time` and `entry_source` (its utm_source) on `people` */
  entryDetails?: boolean;
  /** only the people whose `e.person_id` meets this condition (funnel facts: changed persons, or one slice of all) */
  personCondition?: SQL;
};

/**
 * The engine's common part: the CTEs `cand … people`, where `people` has one row per (person, group)
 * with `r{j}` (reached step j in its best attempt) and `d{j}` (fastest ms from start to step j).
 * Shared by funnelStepCounts and dropOffAudience so that both count the same people. See README.md
 * beside this file for the algorithm (the "latest start" pass of ClickHouse's windowFunnel as
 * stacked window functions). Returns the list that follows `with`.
 */
export function personLevels(scope: ProjectScope, q: StepCountsQuery, opts: PersonLevelsOptions = {}): SQL {
  const k = q.steps.length;
  const names = [...new Set(q.steps.flatMap(matcherNames))];
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
