import { sql } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows } from "../../client";
import { AUDIENCE_MAX_ROWS } from "../../limits";
import { InputError } from "../../../lib/errors";
import type { AudienceMember } from "../../../lib/funnel/types";
import { runEngine, type StepCountsQuery } from "./engine";

export type AudienceQuery = Omit<StepCountsQuery, "groupBy"> & {
  /** 1-based step: the audience reached it in their best attempt but not the next one */
  step: number;
};

export type { AudienceMember };

export const AUDIENCE_PAGE_SIZE = 2000;

/** Throws a 400 unless `step` names a step that has a next step. */
export function checkAudienceStep(step: number, stepCount: number): void {
  if (!Number.isInteger(step) || step < 1 || step >= stepCount) {
    throw new InputError(`step must be a whole number from 1 to ${stepCount - 1} (the last step has no drop-off).`, "step");
  }
}

/** One person of the audience as the engine found them (kept in memory until their page is read). */
type Entry = { person_id: string; entry_source: string | null; entry_time: string | Date };

/** The audience is larger than AUDIENCE_MAX_ROWS: narrow the range or filters (a file is never cut off). */
export class AudienceTooLargeError extends InputError {
  constructor(max: number) {
    super(
      `This audience has more than ${max.toLocaleString("en")} people. Narrow the date range or add filters, then download again.`,
      undefined,
      422,
    );
  }
}

export type OpenedAudience = {
  /** people in the audience */
  size: number;
  /** pages in person id order; each page is one short query that returns its connection */
  pages: AsyncGenerator<AudienceMember[]>;
};

/**
 * The people who reached step k but not k+1 (best attempt, as funnelStepCounts counts them), in
 * pages ordered by person id, so a caller can stream any audience up to `maxRows` people.
 *
 * How it pages, and why. The engine runs once, with the audience's time limit (db/limits.ts): its
 * per-person results (runEngine, as funnelStepCounts counts them) give each person's
 * id, entry time and entry source, at most `maxRows` + 1 of them (more is AudienceTooLargeError),
 * kept in memory (about 150 bytes a person). Each page then reads its people's traits, last event
 * and linked anonymous ids in one short query by id, which borrows a pool connection only while it
 * runs: a download whose reader is slow, or never reads, holds no connection (it held one for the
 * whole stream before, and ten such downloads took PostgreSQL's whole pool). Re-running the engine
 * per page would cost a full funnel per page (quadratic in the audience). Same SQL on both drivers.
 * Measured before this change (npm run bench:audience, 2 busy cores): 230,277 events of 100,000
 * visitors, step 1's 20,345 people in 11 pages: first page after 1.8 s (the engine: funnelStepCounts
 * alone 1.3 s), all streamed in 2.6 s on PostgreSQL, 3.2 s on PGlite.
 */
export async function openDropOffAudience(
  scope: ProjectScope,
  q: AudienceQuery,
  opts: { pageSize?: number; maxRows?: number } = {},
): Promise<OpenedAudience> {
  checkAudienceStep(q.step, q.steps.length);
  const pageSize = opts.pageSize ?? AUDIENCE_PAGE_SIZE;
  const maxRows = opts.maxRows ?? AUDIENCE_MAX_ROWS;
  // Level-based, as the required steps count: reached step k in some chain, and no chain reached k+1.
  const pairs = await runEngine(scope, q, {}, { entrySource: true, kind: "audienceMs" });
  const entries: Entry[] = [];
  for (let i = 0; i < pairs.level.length && entries.length <= maxRows; i++) {
    const level = pairs.level[i];
    if (level >= q.step && level < q.step + 1)
      entries.push({ person_id: pairs.person[i], entry_source: pairs.entrySource[i], entry_time: new Date(pairs.entryTime[i]) });
  }
  if (entries.length > maxRows) throw new AudienceTooLargeError(maxRows);
  // In person id order whatever order the engine's people came in (it hashes, and reads in slices).
  entries.sort((a, b) => (a.person_id < b.person_id ? -1 : a.person_id > b.person_id ? 1 : 0));
  async function* pages(): AsyncGenerator<AudienceMember[]> {
    for (let i = 0; i < entries.length; i += pageSize) yield await audiencePage(scope, entries.slice(i, i + pageSize));
  }
  return { size: entries.length, pages: pages() };
}

/** The whole audience as pages (tests and the benchmark; the API uses openDropOffAudience). */
export async function* dropOffAudience(
  scope: ProjectScope,
  q: AudienceQuery,
  opts: { pageSize?: number; maxRows?: number } = {},
): AsyncGenerator<AudienceMember[]> {
  yield* (await openDropOffAudience(scope, q, opts)).pages;
}

/** One page: the engine's entries with their person's traits, last event, identity and linked anonymous ids. */
async function audiencePage(scope: ProjectScope, entries: Entry[]): Promise<AudienceMember[]> {
  if (!entries.length) return [];
  const project = scope.projectId;
  const ids = sql.join(
    entries.map((e) => sql`(${e.person_id})`),
    sql`, `,
  );
  const rows = await queryRows<Omit<PageRow, "entry_source" | "entry_time">>(
    scope.db,
    sql`select a.person_id, p.traits, p.last_seen,
        (select array_agg(l.anonymous_id order by l.anonymous_id) from identity_links l where l.project_id = ${project}::uuid and l.user_id = a.person_id) as anonymous_ids,
        exists (select 1 from events ev where ev.project_id = ${project}::uuid and ev.user_id = a.person_id) as identified
      from (values ${ids}) as a(person_id)
      left join persons p on p.project_id = ${project}::uuid and p.person_id = a.person_id`,
  );
  const byId = new Map(rows.map((r) => [r.person_id, r]));
  return entries.map((e) => {
    const r = byId.get(e.person_id);
    return member({
      person_id: e.person_id,
      entry_source: e.entry_source,
      entry_time: e.entry_time,
      anonymous_ids: r?.anonymous_ids ?? null,
      traits: r?.traits ?? null,
      last_seen: r?.last_seen ?? null,
      identified: Boolean(r?.identified),
    });
  });
}

type PageRow = {
  person_id: string;
  entry_source: string | null;
  entry_time: string | Date;
  anonymous_ids: string[] | string | null;
  traits: Record<string, unknown> | string | null;
  last_seen: string | Date | null;
  identified: boolean;
};

function member(r: PageRow): AudienceMember {
  const linked = typeof r.anonymous_ids === "string" ? parsePgArray(r.anonymous_ids) : (r.anonymous_ids ?? []);
  const traits = typeof r.traits === "string" ? (JSON.parse(r.traits) as Record<string, unknown>) : (r.traits ?? {});
  return {
    personId: r.person_id,
    userId: r.identified ? r.person_id : null,
    anonymousIds: r.identified ? linked : [r.person_id],
    traits,
    entrySource: r.entry_source,
    entryTime: toDate(r.entry_time),
    lastSeen: r.last_seen === null ? null : toDate(r.last_seen),
  };
}

// postgres.js behind drizzle returns timestamps as text (drizzle turns its parsers off).
function toDate(v: string | Date): Date {
  return v instanceof Date ? v : new Date(v.includes("T") ? v : v.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
}

/** A text[] literal as postgres.js may hand it over when its array parser is off: {a,"b c"}. */
function parsePgArray(text: string): string[] {
  const body = text.slice(1, -1);
  if (!body) return [];
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|([^,]+)/g;
  for (let m; (m = re.exec(body));) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]);
  return out;
}
