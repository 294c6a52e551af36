import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../client";

/**
 * Which persons changed since a moment, without missing a batch that was still committing.
 *
 * Ingestion stamps `persons.changed_at` with statement_timestamp() while it holds this lock shared
 * (for the whole transaction, taken by an earlier statement, so the stamp is later than the lock).
 * Not clock_timestamp(): Citus refuses volatile functions in an UPDATE of a distributed table, and
 * evaluates a stable one on the coordinator, whose clock settledInstant reads too. `settledInstant` reads the clock, then takes the lock exclusively
 * and lets go at once: that waits for every batch in flight. A batch that stamped a person before
 * the instant has therefore committed when the caller's next statement takes its snapshot, and one
 * that stamps after it is found by the next refresh (`changed_at >= instant`). No margin, no
 * re-reading of recent persons, and ingestion waits only for that moment.
 */
export function factsChangeLock(projectId: string): SQL {
  return sql`hashtextextended(${`funnel-facts-changes:${projectId}`}, 0)`;
}

/** The instant up to which all persons' changes are committed and visible (see above). */
export async function settledInstant(db: Db, projectId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [{ at }] = await queryRows<{ at: string | Date }>(t, sql`select clock_timestamp() as at`);
    await t.execute(sql`select pg_advisory_xact_lock(${factsChangeLock(projectId)})`);
    return new Date(at).toISOString();
  });
}
