import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { events, eventMessages } from "../schema";
import { factsChangeLock } from "../queries/funnel/changes";

/**
 * Deletes the events (and their message ids) of projects that are being deleted, in the caller's
 * transaction. Events have no foreign key to projects (schema/events.ts), so nothing cascades: the
 * project's deletion must come later in the same transaction. Each project's changes lock is taken
 * exclusively first (in one order), which waits for the batches in flight; a batch that comes after
 * finds the project gone and stores nothing (db/events/insert.ts).
 */
export async function deleteProjectEvents(t: Db, projectIds: string[]): Promise<void> {
  const ids = [...new Set(projectIds)].sort();
  if (!ids.length) return;
  for (const id of ids) await t.execute(sql`select pg_advisory_xact_lock(${factsChangeLock(id)})`);
  await t.delete(events).where(inArray(events.projectId, ids));
  await t.delete(eventMessages).where(inArray(eventMessages.projectId, ids));
}
