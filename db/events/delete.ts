import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { events, eventMessages, funnelFactRows } from "../schema";
import { factsChangeLock } from "../queries/funnel/changes";

/**
 * Deletes the events (and their message ids) and funnel fact rows of projects that are being
 * deleted, in the caller's transaction. These have no foreign key to projects (schema/events.ts), so
 * nothing cascades: the project's deletion must come later in the same transaction. Each project's
 * changes lock is taken exclusively first (in one order), which waits for the batches in flight; a
 * batch that comes after finds the project gone and stores nothing (db/events/insert.ts). Then the
 * projects' rows are locked, which waits for the facts builds and refreshes writing to them (each
 * holds its project's row shared, factsUpkeep.ts writeFacts), so their rows are deleted here too; one
 * that starts after finds the project gone.
 */
export async function deleteProjectEvents(t: Db, projectIds: string[]): Promise<void> {
  const ids = [...new Set(projectIds)].sort();
  if (!ids.length) return;
  for (const id of ids) await t.execute(sql`select pg_advisory_xact_lock(${factsChangeLock(id)})`);
  await t.execute(
    sql`select id from projects where id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) order by id for update`,
  );
  await t.delete(events).where(inArray(events.projectId, ids));
  await t.delete(eventMessages).where(inArray(eventMessages.projectId, ids));
  await t.delete(funnelFactRows).where(inArray(funnelFactRows.projectId, ids));
}
