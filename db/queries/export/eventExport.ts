import { sql } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows } from "../../client";
import { limitedStatements } from "../../limits";
import { InputError } from "../../../lib/errors";
import { KeyedSemaphore, Semaphore, TooBusyError } from "../../../lib/semaphore";
import type { ExportedEvent } from "../../../lib/export/events";

/** Events per page: one short keyset query each (about 5,000 × 0.5 KB in memory at a time). */
export const EXPORT_PAGE_SIZE = 5000;
/** A download holds at most this many events; a larger range is refused (422: split it), never cut short. */
export const EXPORT_MAX_ROWS = 1_000_000;
/** A download must be read within this time; then the stream ends with an error and frees its slot. */
export const EXPORT_DEADLINE_MS = 30 * 60_000;
/** One export per project at a time, and this many per server. */
const EXPORT_STREAMS = 4;

type Global = typeof globalThis & { __trechterExports?: { all: Semaphore; project: KeyedSemaphore } };
const g = globalThis as Global;
const gates = (g.__trechterExports ??= { all: new Semaphore(EXPORT_STREAMS), project: new KeyedSemaphore(1) });

/** A slot for one export of a project, or 429 (the project's own export runs) / 503 (the server's are taken). Release it when the stream ends. */
export function exportSlot(projectId: string): () => void {
  const project = gates.project.tryAcquire(projectId);
  if (!project) throw new TooBusyError("This project's events are already being exported. Finish or cancel that download first.", 429, 30);
  const all = gates.all.tryAcquire();
  if (!all) {
    project();
    throw new TooBusyError("Too many exports are running on this server. Please try again in a minute.", 503, 60);
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    all();
    project();
  };
}

/** The range holds more events than one download may (a 422 that asks for a shorter range). */
export class ExportTooLargeError extends InputError {
  constructor(max: number) {
    super(`This range holds more than ${max.toLocaleString("en")} events. Export a shorter range, then the next one.`, "from", 422);
  }
}

type Row = {
  cursor: string;
  id: number | string;
  time: string | Date;
  received_at: string | Date;
  name: string;
  person_id: string;
  anonymous_id: string | null;
  user_id: string | null;
  path: string | null;
  referrer_domain: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  country: string | null;
  region: string | null;
  revenue: string | number | null;
  properties: Record<string, unknown> | string;
  message_id: string;
};

const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

function exported(r: Row): ExportedEvent {
  return {
    time: toDate(r.time),
    receivedAt: toDate(r.received_at),
    name: r.name,
    personId: r.person_id,
    anonymousId: r.anonymous_id,
    userId: r.user_id,
    path: r.path,
    referrerDomain: r.referrer_domain,
    utmSource: r.utm_source,
    utmMedium: r.utm_medium,
    utmCampaign: r.utm_campaign,
    device: r.device,
    browser: r.browser,
    os: r.os,
    country: r.country,
    region: r.region,
    revenue: r.revenue === null ? null : Number(r.revenue),
    properties: typeof r.properties === "string" ? (JSON.parse(r.properties) as Record<string, unknown>) : r.properties,
    messageId: r.message_id,
  };
}

export type OpenedExport = { rows: number; pages: AsyncGenerator<ExportedEvent[]> };

/**
 * A project's events in [from, to), oldest first (time, then receive order), for an admin's download.
 * First one bounded count (at most maxRows + 1 rows are looked at, under the heavy-statement limit),
 * so a range over the bound is refused before a byte is sent; then pages by keyset on (project_id,
 * time, id), each one short query under the connection's statement time limit that borrows a pool
 * connection only while it runs, so a slow reader holds none and memory stays at one page. The
 * cursor is the time as PostgreSQL prints it (microseconds kept), so no event is skipped or repeated
 * where JavaScript's milliseconds would round. Events that arrive in the range while the download
 * runs are not in it (received after it started), so the count it starts with is the file's length.
 */
export async function openEventExport(
  scope: ProjectScope,
  range: { from: Date; to: Date },
  opts: { pageSize?: number; maxRows?: number; countOnly?: boolean } = {},
): Promise<OpenedExport> {
  scope.require("admin");
  const pageSize = opts.pageSize ?? EXPORT_PAGE_SIZE;
  const maxRows = opts.maxRows ?? EXPORT_MAX_ROWS;
  const project = scope.projectId;
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  // What was stored when the download started: the count in the header is the file's length, and a
  // busy project's new events cannot keep a download of today running. The moment is the database's
  // own clock (received_at is stamped by it), to the microsecond: the app's clock, in milliseconds,
  // could fall before events stored a moment earlier and leave them out of the file.
  const [{ n, started }] = await limitedStatements(scope.db, "heavyMs", (db) =>
    queryRows<{ n: number; started: string }>(
      db,
      sql`select count(*)::int as n,
          to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as started
        from (select 1 from events where project_id = ${project}::uuid
        and time >= ${from}::timestamptz and time < ${to}::timestamptz
        and received_at <= statement_timestamp() limit ${maxRows + 1}) x`,
    ),
  );
  const stored = sql`received_at <= ${started}::timestamptz`;
  const rows = Number(n);
  if (rows > maxRows) throw new ExportTooLargeError(maxRows);
  if (opts.countOnly) return { rows, pages: (async function* () {})() };

  async function* pages(): AsyncGenerator<ExportedEvent[]> {
    let after: { cursor: string; id: number | string } | null = null;
    for (;;) {
      const page: Row[] = await queryRows<Row>(
        scope.db,
        sql`select time::text as cursor, id, time, received_at, name, person_id, anonymous_id, user_id, path, referrer_domain,
            utm_source, utm_medium, utm_campaign, device, browser, os, country, region, revenue, properties, message_id
          from events
          where project_id = ${project}::uuid and time >= ${from}::timestamptz and time < ${to}::timestamptz and ${stored}
            ${after ? sql`and (time, id) > (${after.cursor}::timestamptz, ${after.id}::bigint)` : sql``}
          order by time, id
          limit ${pageSize}`,
      );
      if (page.length) yield page.map(exported);
      if (page.length < pageSize) return;
      const last = page[page.length - 1];
      after = { cursor: last.cursor, id: last.id };
    }
  }
  return { rows, pages: pages() };
}
