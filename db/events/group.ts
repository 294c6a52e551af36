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
 * Transactions of one project in flight at once: four, so PostgreSQL stores groups side by side
 * while others commit (batches that only add events hold their identity buckets shared, insert.ts;
 * linking ones still take turns). Measured with bench:ingest on 2 cores (3 runs of 3 rounds each,
 * alternated): two in flight 29–35 k events/s, ratio 0.48–0.50 to the baseline; four 29–33 k,
 * 0.51–0.53, p99 per batch under 150 ms either way.
 */
export const IN_FLIGHT = 4;
/**
 * Ingestion transactions in flight in the whole process, all projects together: the pool has 10
 * connections and heavy reports may hold 4 (db/limits.ts), so logins, pages and share links keep
 * two however many projects send at once. Projects that wait for one of these take turns.
 */
export const IN_FLIGHT_TOTAL = 4;

type Waiting = { events: EventInput[]; resolve: (r: InsertResult) => void; reject: (err: unknown) => void };
type Queue = { waiting: Waiting[]; running: number };
/** A database's queues by project, in turn order (a project that gets a transaction goes to the back), and its transactions in flight. */
type Queues = { byProject: Map<string, Queue>; running: number };

const queues = new WeakMap<Db, Queues>();

/** Stores one request's events with the other requests of the project that arrive meanwhile (see above). */
export function insertEventsGrouped(db: Db, projectId: string, events: EventInput[]): Promise<InsertResult> {
  let all = queues.get(db);
  if (!all) queues.set(db, (all = { byProject: new Map(), running: 0 }));
  let queue = all.byProject.get(projectId);
  if (!queue) all.byProject.set(projectId, (queue = { waiting: [], running: 0 }));
  const done = new Promise<InsertResult>((resolve, reject) => queue.waiting.push({ events, resolve, reject }));
  startTransactions(db, all);
  return done;
}

/**
 * Starts a transaction for each project that has requests waiting, in turn, while the limits allow:
 * first for projects with none in flight, so that one busy project cannot keep another waiting.
 */
function startTransactions(db: Db, all: Queues): void {
  for (const idleOnly of [true, false])
    for (const [projectId, queue] of [...all.byProject]) {
      if (all.running >= IN_FLIGHT_TOTAL) return;
      if (!queue.waiting.length || queue.running >= IN_FLIGHT || (idleOnly && queue.running > 0)) continue;
      queue.running++;
      all.running++;
      // To the back of the turn order.
      all.byProject.delete(projectId);
      all.byProject.set(projectId, queue);
      void storeNext(db, all, projectId, queue);
    }
}

/** Stores the project's next group (what waits, up to MAX_GROUP_EVENTS), then lets the next project have the transaction. */
async function storeNext(db: Db, all: Queues, projectId: string, queue: Queue): Promise<void> {
  let size = 0;
  let take = 0;
  while (take < queue.waiting.length && (take === 0 || size + queue.waiting[take].events.length <= MAX_GROUP_EVENTS))
    size += queue.waiting[take++].events.length;
  const group = queue.waiting.splice(0, take);
  try {
    if (group.length) await storeGroup(db, projectId, group);
  } finally {
    queue.running--;
    all.running--;
    if (queue.running === 0 && !queue.waiting.length) all.byProject.delete(projectId);
    startTransactions(db, all);
  }
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
