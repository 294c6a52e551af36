import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../client";

/**
 * Which persons changed since a moment, without missing a batch that was still committing.
 *
 * Every batch that writes events holds this lock shared for its whole transaction (taken before
 * its first statement that writes). A batch takes its events' ids (the `event_ids` sequence) while
 * it holds the lock, and an identity change stamps `persons.changed_at` with statement_timestamp()
 * (later than the lock). Not clock_timestamp(): Citus refuses volatile functions in an UPDATE of a
 * distributed table, and evaluates a stable one on the coordinator, whose clock settledInstant
 * reads too. `settledInstant` reads the clock, then takes the lock exclusively, reads the last id
 * the sequence gave, and lets go: that waits for every batch in flight. So every event with an id
 * up to that one, and every stamp before the instant, is committed when the caller's next statement
 * takes its snapshot; a batch that comes later takes a larger id or a later stamp and is found by
 * the next refresh. No margin, no re-reading of recent persons, and ingestion waits only for that moment.
 * Deleting a project takes the lock exclusively too (db/projects.ts), so no batch adds events to it meanwhile.
 */
export function factsChangeLock(projectId: string): SQL {
  return sql`hashtextextended(${`funnel-facts-changes:${projectId}`}, 0)`;
}

/** The instant and the event id up to which all persons' changes are committed and visible (see above). */
export async function settledInstant(db: Db, projectId: string): Promise<{ at: string; eventId: number }> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [{ at }] = await queryRows<{ at: string | Date }>(t, sql`select clock_timestamp() as at`);
    await t.execute(sql`select pg_advisory_xact_lock(${factsChangeLock(projectId)})`);
    // Null before the sequence gave its first id.
    const [{ id }] = await queryRows<{ id: string | number | null }>(t, sql`select pg_sequence_last_value('event_ids') as id`);
    return { at: new Date(at).toISOString(), eventId: Number(id ?? 0) };
  });
}
