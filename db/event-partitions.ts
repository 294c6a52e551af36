import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./client";
import { isCitus } from "./distribution";

/**
 * `events` is partitioned by UTC month on `time` (drizzle/0017_events_partitioned.sql): a partition
 * `events_pYYYY_MM` per month, named as Citus's create_time_partitions names them, and
 * `events_default` for anything outside them (backfills older than the oldest month). This module
 * makes the months ahead and drops whole months that every project's retention has passed; the
 * retention job (db/retention.ts) calls both on every tick. Design and costs: README, "Time
 * partitioning of events".
 */

/** Months ahead of the current one that always have a partition (ingestion accepts a day ahead). */
export const PARTITIONS_AHEAD = 3;
/** DDL waits at most this long for ingestion and reports to let go of `events`, else tries next tick. */
const DDL_LOCK_TIMEOUT = "5s";

/** Held by the transaction that makes or drops a partition: two processes' jobs never race on one. */
const lockPartitions = (t: Db) => t.execute(sql`select pg_advisory_xact_lock(hashtext('trechter events partitions'))`);
const exists = async (t: Db, name: string) =>
  (await queryRows<{ r: string | null }>(t, sql`select to_regclass(${name})::text as r`))[0]?.r != null;

/**
 * The settings of a transaction that changes partitions: a time limit on its locks and, on Citus, one
 * connection per node (a DDL after a parallel read of the shards is refused, the tables having
 * foreign keys to reference tables).
 */
async function ddlSettings(t: Db, citus: boolean): Promise<void> {
  await t.execute(sql.raw(`set local lock_timeout = '${DDL_LOCK_TIMEOUT}'`));
  if (citus) await t.execute(sql`set local citus.multi_shard_modify_mode to 'sequential'`);
}

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));
const partitionName = (m: Date) => `events_p${m.getUTCFullYear()}_${String(m.getUTCMonth() + 1).padStart(2, "0")}`;

/** The month partitions of `events` with their bounds, oldest first. */
export async function eventPartitions(db: Db): Promise<{ name: string; from: Date; to: Date }[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'events'::regclass and c.relname ~ '^events_p[0-9]{4}_[0-9]{2}$' order by 1`,
  );
  return rows.map(({ name }) => {
    const [y, m] = name.slice("events_p".length).split("_").map(Number);
    return { name, from: monthStart(y, m - 1), to: monthStart(y, m) };
  });
}

/**
 * Makes sure the current month and PARTITIONS_AHEAD months after it have a partition (Citus:
 * create_time_partitions). A month whose rows already went to the default partition (the job did not
 * run for months) is moved out of it first: PostgreSQL refuses a partition for rows the default holds.
 * Returns the partitions made.
 */
export async function createPartitionsAhead(db: Db, now = new Date()): Promise<string[]> {
  const have = new Set((await eventPartitions(db)).map((p) => p.name));
  const months = Array.from({ length: PARTITIONS_AHEAD + 1 }, (_, i) => monthStart(now.getUTCFullYear(), now.getUTCMonth() + i));
  const missing = months.filter((m) => !have.has(partitionName(m)));
  if (!missing.length) return [];
  const citus = await isCitus(db);
  const made: string[] = [];
  for (const from of missing) {
    const to = monthStart(from.getUTCFullYear(), from.getUTCMonth() + 1);
    const done = await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      await lockPartitions(t);
      if (await exists(t, partitionName(from))) return false;
      await ddlSettings(t, citus);
      await t.execute(sql`set local timezone = 'UTC'`);
      const [stray] = await queryRows<{ n: number }>(
        t,
        sql`select count(*)::int as n from (select 1 from events_default
          where time >= ${from.toISOString()}::timestamptz and time < ${to.toISOString()}::timestamptz limit 1) x`,
      );
      if (Number(stray?.n) > 0) await moveOutOfDefault(t, partitionName(from), from, to);
      else if (citus)
        await t.execute(
          sql`select create_time_partitions('events', interval '1 month', ${to.toISOString()}::timestamptz, ${from.toISOString()}::timestamptz)`,
        );
      else await t.execute(sql.raw(createPartition(partitionName(from), from, to)));
      return true;
    });
    if (done) made.push(partitionName(from));
  }
  return made;
}

const createPartition = (name: string, from: Date, to: Date) =>
  `create table "${name}" partition of events for values from ('${from.toISOString()}') to ('${to.toISOString()}')`;

/** Gives a month held by the default partition its own partition, with its rows (ids kept). */
async function moveOutOfDefault(t: Db, name: string, from: Date, to: Date): Promise<void> {
  const range = sql`time >= ${from.toISOString()}::timestamptz and time < ${to.toISOString()}::timestamptz`;
  await t.execute(sql`alter table events detach partition events_default`);
  await t.execute(sql.raw(createPartition(name, from, to)));
  await t.execute(sql`insert into events select * from events_default where ${range}`);
  await t.execute(sql`delete from events_default where ${range}`);
  await t.execute(sql`alter table events attach partition events_default default`);
}

export type DroppedPartitions = { partitions: string[]; events: number };

/**
 * Drops the month partitions that end at or before `cut` (Citus: drop_old_time_partitions), with
 * the event_messages rows of their events, each month in one transaction that first locks the
 * events table and then the month, whole (no insert lands in it between the two, and the locks are
 * taken in the order every other statement takes them). `cut` must lie at or before every project's
 * horizon: the caller passes the earliest (retentionCut). Returns the partitions and the events
 * they held (counted by their message rows).
 */
export async function dropPartitionsBefore(db: Db, cut: Date): Promise<DroppedPartitions> {
  const doomed = (await eventPartitions(db)).filter((p) => p.to.getTime() <= cut.getTime());
  const out: DroppedPartitions = { partitions: [], events: 0 };
  if (!doomed.length) return out;
  const citus = await isCitus(db);
  for (const p of doomed) {
    const events = await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      await lockPartitions(t);
      if (!(await exists(t, p.name))) return null;
      await ddlSettings(t, citus);
      // The parent first, as every statement on events locks it (then the partitions it reads): locking
      // the month first and the parent at the drop deadlocked with an identify's re-attribution, which
      // held the parent and waited for the month. Reports and inserts wait behind this transaction: up to
      // 5 s while it waits for the lock (ddlSettings), then while it deletes the month's message ids and
      // drops it (0.85 s for 19 months and 324,436 events in bench:retention; bounded by the statement
      // time limit, 30 s by default).
      await t.execute(sql.raw(`lock table only events in access exclusive mode`));
      await t.execute(sql.raw(`lock table "${p.name}" in access exclusive mode`));
      const [r] = await queryRows<{ n: number }>(
        t,
        sql`with d as (delete from event_messages m using ${sql.identifier(p.name)} e
            where m.project_id = e.project_id and m.message_id = e.message_id returning 1)
          select count(*)::int as n from d`,
      );
      if (citus) await t.execute(sql`call drop_old_time_partitions('events', ${p.to.toISOString()}::timestamptz)`);
      else await t.execute(sql.raw(`drop table "${p.name}"`));
      return Number(r?.n ?? 0);
    });
    if (events === null) continue;
    out.events += events;
    out.partitions.push(p.name);
  }
  return out;
}
