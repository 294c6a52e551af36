import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { insertEvents, type EventInput } from "./insert";
import { insertEventsGrouped } from "./group";
import { isDataError, dataErrorReason } from "./errors";
import type { NormalizedEvent } from "../../lib/ingest/normalize";

/** An accepted message and its place in the request (a batch's index), so a refusal can name it. */
export type Candidate = { index: number; event: NormalizedEvent };

/**
 * The stored fields of an accepted event: insertEvents reads the fields of EventInput by name (row()
 * in insert.ts), so the normalized event is passed as it is rather than copied per event.
 */
const toInput = (e: NormalizedEvent): EventInput => e;

/**
 * Stores the accepted events. Every message was checked for what PostgreSQL refuses, so the batch
 * normally goes in as one statement, with the project's other requests that arrive meanwhile (group
 * commit, group.ts: answered after the shared commit); should a data error still slip through, the batch is tried
 * once more item by item, so the bad one is named (and refused) and the others are stored.
 * Duplicates of a messageId are skipped either way. Errors that are not about the data propagate.
 */
export async function storeAccepted(
  db: Db,
  projectId: string,
  candidates: Candidate[],
): Promise<{ stored: number; refused: { index: number; error: string }[] }> {
  if (candidates.length === 0) return { stored: 0, refused: [] };
  try {
    return {
      stored: (
        await insertEventsGrouped(
          db,
          projectId,
          candidates.map((c) => toInput(c.event)),
        )
      ).stored,
      refused: [],
    };
  } catch (err) {
    if (!isDataError(err)) throw err;
    // The error holds the statement's parameters (the events): log its reason only.
    console.warn(`[trechter] a batch failed on its data (${dataErrorReason(err)}); storing its items one by one`);
  }
  let stored = 0;
  const refused: { index: number; error: string }[] = [];
  for (const c of candidates) {
    try {
      stored += (await insertEvents(db, projectId, [toInput(c.event)])).stored;
    } catch (err) {
      if (!isDataError(err)) throw err;
      refused.push({ index: c.index, error: dataErrorReason(err) });
    }
  }
  return { stored, refused };
}

/** Counts the events a request sent from an origin the project does not allow (shown in its settings). */
export async function recordOriginsRefused(db: Db, projectId: string, receivedAt: Date, refused: number): Promise<void> {
  if (!refused) return;
  await db.execute(sql`insert into ingest_stats (project_id, day, origins_refused) values (${projectId}, ${receivedAt.toISOString().slice(0, 10)}, ${refused})
    on conflict (project_id, day) do update set origins_refused = ingest_stats.origins_refused + excluded.origins_refused`);
}

/** Counts the bot messages a request dropped on the project's day (shown in its settings). */
export async function recordBotsDropped(db: Db, projectId: string, receivedAt: Date, bots: number): Promise<void> {
  if (!bots) return;
  await db.execute(sql`insert into ingest_stats (project_id, day, bots_dropped) values (${projectId}, ${receivedAt.toISOString().slice(0, 10)}, ${bots})
    on conflict (project_id, day) do update set bots_dropped = ingest_stats.bots_dropped + excluded.bots_dropped`);
}
