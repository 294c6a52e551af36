import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./client";
import type { ProjectScope } from "./tenant";
import { limitedStatements } from "./limits";
import { factsLockKey } from "./queries/funnel/factsUpkeep";
import { retentionHorizon } from "../lib/privacy/retention";
import { RETENTION_MONTHS } from "../lib/privacy/types";
import { createPartitionsAhead, dropPartitionsBefore, eventPartitions, type DroppedPartitions } from "./event-partitions";

/**
 * Retention: a project keeps its events for `event_retention.months` months (default 25), and
 * whatever was computed from older events goes with them. Enforced by a job in every app process
 * (server/retention-job.ts) that claims each project at most once an hour through a row update, so
 * several processes never run one project's deletion at once. Design and measurements: README,
 * "Retention".
 *
 * `events` is partitioned by month (db/event-partitions.ts): a month that lies before every
 * project's horizon is dropped whole, for all projects at once; what a project keeps less of than the
 * longest retention is deleted in batches through the (project_id, time) index, each batch its own
 * short transaction. See the README for what each costs at 10 million events.
 */

/** Events per delete statement: short transactions (ingestion keeps flowing) with few round trips. */
export const RETENTION_BATCH = 10_000;
/** Persons examined per statement when looking for those left without events. */
const PERSON_BATCH = 5_000;
/** A project is checked at most this often (several processes share the claim). */
const CLAIM_INTERVAL = "55 minutes";

export type RetentionSetting = { months: number; horizon: Date | null; checkedAt: Date | null };

export type RetentionRun = {
  cut: Date;
  events: number;
  persons: number;
  identityLinks: number;
  funnelFacts: number;
};

/** The project's retention setting (the default when it never changed it or was never checked). */
export async function getRetention(scope: ProjectScope): Promise<RetentionSetting> {
  const [row] = await queryRows<{ months: number; horizon: string | Date | null; checked_at: string | Date | null }>(
    scope.db,
    sql`select months, horizon, checked_at from event_retention where project_id = ${scope.projectId}::uuid`,
  );
  return {
    months: row ? Number(row.months) : RETENTION_MONTHS.default,
    horizon: row?.horizon ? pgDate(row.horizon) : null,
    checkedAt: row?.checked_at ? pgDate(row.checked_at) : null,
  };
}

/**
 * Sets how many months the project keeps (the caller checked the role and the bounds). The next
 * check may run at once: a shorter period takes effect within the job's next tick, not an hour later.
 */
export async function setRetention(scope: ProjectScope, months: number): Promise<void> {
  await scope.db.execute(
    sql`insert into event_retention (project_id, months) values (${scope.projectId}::uuid, ${months})
      on conflict (project_id) do update set months = excluded.months, checked_at = null`,
  );
}

/**
 * Claims the projects due for a check (never checked, or not within CLAIM_INTERVAL) in one
 * statement: a project's row is claimed by one process only, because the conditional update of a
 * row waits for any other process's update of it and then sees its new `checked_at`.
 */
async function claimDueProjects(db: Db): Promise<{ project_id: string; months: number; time_zone: string }[]> {
  return queryRows(
    db,
    sql`with claimed as (
        insert into event_retention (project_id, checked_at) select id, now() from projects
        on conflict (project_id) do update set checked_at = excluded.checked_at
          -- In UTC wall time and with the interval written out: Citus allows only immutable functions in
          -- this WHERE (timestamptz minus an interval depends on the session's time zone; a parameter
          -- reaches the shard untyped).
          where event_retention.checked_at is null
            or event_retention.checked_at at time zone 'UTC' < (excluded.checked_at at time zone 'UTC') - ${sql.raw(`interval '${CLAIM_INTERVAL}'`)}
        returning project_id, months
      )
      select c.project_id, c.months, p.time_zone from claimed c join projects p on p.id = c.project_id`,
  );
}

/**
 * The earliest horizon of all projects (the longest retention chosen, in the earliest time zone):
 * events before it are outside every project's horizon. Null without projects.
 */
export async function retentionCut(db: Db, now = new Date()): Promise<Date | null> {
  const kinds = await queryRows<{ months: number; time_zone: string }>(
    db,
    sql`select distinct coalesce(r.months, ${RETENTION_MONTHS.default})::int as months, p.time_zone
      from projects p left join event_retention r on r.project_id = p.id`,
  );
  const cuts = kinds.map((k) => retentionHorizon(now, Number(k.months), k.time_zone).cut.getTime());
  return cuts.length ? new Date(Math.min(...cuts)) : null;
}

/**
 * The partitions' share of a tick: makes the months ahead, then drops the months before every
 * project's horizon. A failure (a lock not granted within its time limit) is logged and tried at
 * the next tick; the projects' batched deletes still run.
 */
export async function maintainPartitions(db: Db, now = new Date()): Promise<DroppedPartitions & { made: string[] }> {
  const out = { made: [] as string[], partitions: [] as string[], events: 0 };
  try {
    out.made = await createPartitionsAhead(db, now);
    const cut = await retentionCut(db, now);
    if (cut) Object.assign(out, await dropPartitionsBefore(db, cut));
  } catch (err) {
    console.error("[trechter] event partitions: upkeep failed (tried again at the next tick):", err);
  }
  return out;
}

/**
 * One tick of the job: keeps the partitions of `events` (maintainPartitions), then applies retention
 * to every project due for it. Returns what each project's run erased. A project's failure is
 * logged and does not stop the others (it is tried again next hour).
 */
export async function retentionTick(
  db: Db,
  now = new Date(),
  onPartitions?: (p: Awaited<ReturnType<typeof maintainPartitions>>) => void,
): Promise<Map<string, RetentionRun>> {
  const partitions = await maintainPartitions(db, now);
  onPartitions?.(partitions);
  const runs = new Map<string, RetentionRun>();
  for (const p of await claimDueProjects(db)) {
    try {
      runs.set(p.project_id, await applyRetention(db, p.project_id, Number(p.months), p.time_zone, now));
    } catch (err) {
      console.error(`[trechter] retention failed for project ${p.project_id} (retried within the hour):`, err);
    }
  }
  return runs;
}

const n = async (db: Db, query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(db, query))[0]?.n ?? 0);

/**
 * Deletes a project's events before its horizon (retentionHorizon: a local midnight) and everything
 * derived from them:
 * - events, RETENTION_BATCH at a time through the (project_id, time) index, with their message ids
 *   (event_messages); the persons whose events went get `first_seen` moved up to the horizon
 *   (nothing older is known about them any more); the same for every person of the project once
 *   whole months were dropped since its last run (the oldest partition starts after its last
 *   horizon), whose events no batch here saw;
 * - persons left without any event (their last_seen before the horizon, read through the persons'
 *   key in batches: last_seen has no index, so that ingestion updates persons in place), with the
 *   identity links to them;
 * - funnel fact rows of local days before the horizon's day, in every fact set, under its lock; the
 *   `gap_*` links of the remaining rows that pointed at a deleted row become null (the row is now its
 *   pair's first), so every range reads exactly what a build on the remaining events would give;
 * - the daily bot counters of those days.
 * Cheap when there is nothing to do: an index probe per kind. Each statement runs under the
 * erasure time limit, in its own transaction.
 */
export async function applyRetention(
  db: Db,
  projectId: string,
  months: number,
  timeZone: string,
  now = new Date(),
  opts: { batch?: number } = {},
): Promise<RetentionRun> {
  const batch = opts.batch ?? RETENTION_BATCH;
  const { cut, day } = retentionHorizon(now, months, timeZone);
  const at = cut.toISOString();
  const run: RetentionRun = { cut, events: 0, persons: 0, identityLinks: 0, funnelFacts: 0 };
  const limited = <T>(fn: (t: Db) => Promise<T>) => limitedStatements(db, "eraseMs", fn);

  // Oldest first: `order by time` with the limit makes the (project_id, time) index the plan even with
  // stale statistics (PGlite has no autovacuum), where a sequential scan would re-read the deleted rows.
  for (;;) {
    const deleted = await limited((t) =>
      n(
        t,
        sql`with doomed as (
            select id from events where project_id = ${projectId}::uuid and time < ${at}::timestamptz order by time limit ${batch}
          ), gone as (
            delete from events e where e.project_id = ${projectId}::uuid and e.time < ${at}::timestamptz
              and e.id in (select id from doomed) returning e.person_id, e.message_id
          ), messages as (
            delete from event_messages m where m.project_id = ${projectId}::uuid and m.message_id in (select message_id from gone)
          ), moved as (
            update persons p set first_seen = ${at}::timestamptz from (select distinct person_id from gone) g
            where p.project_id = ${projectId}::uuid and p.person_id = g.person_id and p.first_seen < ${at}::timestamptz
          )
          select count(*)::int as n from gone`,
      ),
    );
    run.events += deleted;
    if (deleted < batch) break;
  }
  const [last] = await queryRows<{ horizon: string | Date | null }>(
    db,
    sql`select horizon from event_retention where project_id = ${projectId}::uuid`,
  );
  const oldest = (await eventPartitions(db))[0]?.from;
  if (!last?.horizon || (oldest && pgDate(last.horizon) < oldest))
    await limited((t) =>
      t.execute(
        sql`update persons set first_seen = ${at}::timestamptz where project_id = ${projectId}::uuid and first_seen < ${at}::timestamptz`,
      ),
    );

  // Persons whose last event lies before the horizon: deleted when they have none left (anonymous
  // persons merged into a user never do), else their last_seen is corrected so they leave the set.
  // Keyset pages of the persons' key: each statement reads PERSON_BATCH persons and goes on after the last.
  for (let after = "", more = true; more;) {
    const [r] = await limited((t) =>
      queryRows<{ last: string | null; deleted: number; links: number }>(
        t,
        sql`with page as (
            select person_id, last_seen from persons where project_id = ${projectId}::uuid and person_id > ${after}
            order by person_id limit ${Math.min(batch, PERSON_BATCH)}
          ), cand as (
            select person_id from page where last_seen < ${at}::timestamptz
          ), live as (
            select c.person_id, (select max(time) from events e where e.project_id = ${projectId}::uuid and e.person_id = c.person_id) as last
            from cand c
          ), del as (
            delete from persons p using live l where p.project_id = ${projectId}::uuid and p.person_id = l.person_id and l.last is null
            returning p.person_id
          ), links as (
            delete from identity_links k where k.project_id = ${projectId}::uuid and k.user_id in (select person_id from del) returning 1
          ), fix as (
            update persons p set last_seen = l.last from live l
            where p.project_id = ${projectId}::uuid and p.person_id = l.person_id and l.last is not null
          )
          select (select max(person_id) from page) as last, (select count(*) from del)::int as deleted, (select count(*) from links)::int as links`,
      ),
    );
    run.persons += Number(r.deleted);
    run.identityLinks += Number(r.links);
    more = r.last !== null;
    if (r.last !== null) after = r.last;
  }

  const sets = await queryRows<{ id: number; funnel_key: string }>(
    db,
    sql`select id, funnel_key from funnel_fact_sets where project_id = ${projectId}::uuid order by funnel_key`,
  );
  for (const set of sets) run.funnelFacts += await trimFacts(db, projectId, Number(set.id), set.funnel_key, day);

  await db.execute(sql`delete from ingest_stats where project_id = ${projectId}::uuid and day < ${day}::date`);
  await db.execute(
    sql`insert into event_retention (project_id, horizon) values (${projectId}::uuid, ${at}::timestamptz)
      on conflict (project_id) do update set horizon = excluded.horizon`,
  );
  return run;
}

/** The gap columns of a fact row (funnel_fact_rows): days back to the person's previous row with the same value. */
const GAPS = [
  "gap_source",
  "gap_medium",
  "gap_campaign",
  "gap_referrer",
  "gap_device",
  "gap_browser",
  "gap_os",
  "gap_country",
  "gap_region",
  "gap_person",
];

/**
 * Removes a fact set's rows of days before `day`, a week of days per statement (a first run may
 * remove years), then unlinks the rows whose previous row went. Under the set's lock, so a refresh
 * or build cannot interleave. Returns the rows removed.
 */
async function trimFacts(db: Db, projectId: string, factsId: number, key: string, day: string): Promise<number> {
  const [first] = await queryRows<{ day: string | null }>(
    db,
    sql`select min(day)::text as day from funnel_fact_rows where project_id = ${projectId}::uuid and facts_id = ${factsId} and day < ${day}::date`,
  );
  if (!first?.day) return 0;
  let removed = 0;
  for (let from = first.day; from < day; from = addDays(from, 7)) {
    const to = addDays(from, 7) < day ? addDays(from, 7) : day;
    removed += await limitedStatements(db, "eraseMs", async (t) => {
      await t.execute(sql`select pg_advisory_xact_lock(${factsLockKey(projectId, key)})`);
      return n(
        t,
        sql`with d as (delete from funnel_fact_rows where project_id = ${projectId}::uuid and facts_id = ${factsId}
            and day >= ${from}::date and day < ${to}::date returning 1) select count(*)::int as n from d`,
      );
    });
  }
  // Only rows removed now can be what a remaining row points at: rows written since the last run
  // come from the remaining events.
  if (removed === 0) return 0;
  await limitedStatements(db, "eraseMs", async (t) => {
    await t.execute(sql`select pg_advisory_xact_lock(${factsLockKey(projectId, key)})`);
    const pointsBefore = (g: string) => sql`(day - ${sql.raw(g)}) < ${day}::date`;
    await t.execute(
      sql`update funnel_fact_rows set ${sql.join(
        GAPS.map((g) => sql`${sql.raw(g)} = case when ${pointsBefore(g)} then null else ${sql.raw(g)} end`),
        sql`, `,
      )}
      where project_id = ${projectId}::uuid and facts_id = ${factsId} and (${sql.join(
        GAPS.map((g) => pointsBefore(g)),
        sql` or `,
      )})`,
    );
  });
  return removed;
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function pgDate(v: string | Date): Date {
  return v instanceof Date ? v : new Date(v.includes("T") ? v : v.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
}
