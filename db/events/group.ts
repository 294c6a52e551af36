import type { Db } from "../client";
import { insertEventGroup, insertEvents, type EventInput, type InsertResult } from "./insert";
import { isUnavailable } from "./errors";

/*
 * Group commit of ingestion requests. A project's batches cannot be stored side by side anyway:
 * each takes the identity locks of its anonymous ids (insert.ts), and a batch of 100 visitors takes
 * most of the 64 buckets, so two batches of one project run one after the other in PostgreSQL. Here
 * they are gathered in the process instead: while a project's transactions are in flight (IN_FLIGHT),
 * the batches that arrive wait, and the next transaction stores all of them (up to
 * MAX_GROUP_EVENTS) with one set of statements, one lock round and one commit. Nothing waits for a
 * timer: a lone request is stored at once, as before, and under load a group is whatever arrived
 * during the previous commit.
 *
 * Each request is answered only after the transaction that holds its events committed (or failed),
 * so nothing is acknowledged before it is durable. If a group's transaction fails on its data (a
 * value PostgreSQL refuses) or for an unexpected reason, every batch of it is stored again on its
 * own, so one request's bad event never costs another request its answer; if the database is away,
 * all of them get the error (503, and Segment clients resend: messageId dedup prevents doubles).
 */

/** A group's size in events; a larger request is stored alone. */
export const MAX_GROUP_EVENTS = 5000;

/**
 * Transactions of one project in flight at once: two, so PostgreSQL stores one group while the
 * next commits (batches that only add events hold their identity buckets shared, insert.ts, and
 * run side by side; linking ones still take turns).
 */
const IN_FLIGHT = 2;

type Waiting = { events: EventInput[]; resolve: (r: InsertResult) => void; reject: (err: unknown) => void };
type Queue = { waiting: Waiting[]; running: number };

const queues = new WeakMap<Db, Map<string, Queue>>();

/** Stores one request's events with the other requests of the project that arrive meanwhile (see above). */
export function insertEventsGrouped(db: Db, projectId: string, events: EventInput[]): Promise<InsertResult> {
  let byProject = queues.get(db);
  if (!byProject) queues.set(db, (byProject = new Map()));
  let queue = byProject.get(projectId);
  if (!queue) byProject.set(projectId, (queue = { waiting: [], running: 0 }));
  const done = new Promise<InsertResult>((resolve, reject) => queue.waiting.push({ events, resolve, reject }));
  if (queue.running < IN_FLIGHT) {
    queue.running++;
    void drain(db, projectId, queue, byProject);
  }
  return done;
}

async function drain(db: Db, projectId: string, queue: Queue, byProject: Map<string, Queue>): Promise<void> {
  while (queue.waiting.length) {
    let size = 0;
    let take = 0;
    while (take < queue.waiting.length && (take === 0 || size + queue.waiting[take].events.length <= MAX_GROUP_EVENTS))
      size += queue.waiting[take++].events.length;
    const group = queue.waiting.splice(0, take);
    await storeGroup(db, projectId, group);
  }
  if (--queue.running === 0) byProject.delete(projectId);
}

async function storeGroup(db: Db, projectId: string, group: Waiting[]): Promise<void> {
  try {
    const results = await insertEventGroup(
      db,
      projectId,
      group.map((w) => w.events),
    );
    group.forEach((w, i) => w.resolve(results[i]));
    return;
  } catch (err) {
    if (group.length === 1 || isUnavailable(err)) {
      for (const w of group) w.reject(err);
      return;
    }
  }
  // One batch of the group made it fail: each on its own, so each request gets its own answer.
  for (const w of group) {
    try {
      w.resolve(await insertEvents(db, projectId, w.events));
    } catch (err) {
      w.reject(err);
    }
  }
}
