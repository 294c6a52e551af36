import { and, asc, desc, eq, getTableColumns, gte, lte, or, sql } from "drizzle-orm";
import type { ProjectScope } from "./tenant";
import { isUuid } from "./tenant";
import { adSpend } from "./schema";
import { notFound, InputError } from "../lib/errors";
import { parseSpendEntry, type SpendEntry, type SpendField, type SpendInput } from "../lib/spend/entry";
import { parseSpendCsv, type SpendCsvError } from "../lib/spend/csv";
import type { Locale } from "../lib/i18n/locales";
import { spendBySegmentValue } from "../lib/spend/prorate";
import { daysInRange } from "../lib/conversions/overview";

export type SpendRow = typeof adSpend.$inferSelect;
/** Local calendar days, both inclusive (YYYY-MM-DD). */
export type SpendDays = { first: string; last: string };

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

/** The local days a [from, to) range covers in the project's time zone; null for an empty range. */
export function spendDays(scope: ProjectScope, from: Date, to: Date): SpendDays | null {
  const days = daysInRange(from, to, scope.project.timeZone);
  return days.length ? { first: days[0], last: days[days.length - 1] } : null;
}

/** Day entries inside the days, and month entries whose month overlaps them. */
function overlaps(range: SpendDays) {
  return or(
    and(eq(adSpend.period, "day"), gte(adSpend.day, range.first), lte(adSpend.day, range.last)),
    and(eq(adSpend.period, "month"), gte(adSpend.day, monthStart(range.first)), lte(adSpend.day, range.last)),
  );
}

/** The project's spend entries (those touching `range` when given), newest day first. */
export async function listSpend(scope: ProjectScope, range?: SpendDays): Promise<SpendRow[]> {
  return scope.db
    .select()
    .from(adSpend)
    .where(and(eq(adSpend.projectId, scope.projectId), range ? overlaps(range) : undefined))
    .orderBy(desc(adSpend.day), asc(adSpend.source), asc(adSpend.medium), asc(adSpend.campaign));
}

/** Inserts entries, or replaces the amount of an entry with the same period, day, source, medium and campaign. */
async function upsert(db: ProjectScope["db"], projectId: string, entries: SpendEntry[]): Promise<{ row: SpendRow; replaced: boolean }[]> {
  if (!entries.length) return [];
  const rows = await db
    .insert(adSpend)
    .values(
      entries.map((e) => ({
        projectId,
        period: e.period,
        day: e.day,
        source: e.source,
        medium: e.medium,
        campaign: e.campaign,
        amount: e.amount,
      })),
    )
    .onConflictDoUpdate({
      target: [adSpend.projectId, adSpend.period, adSpend.day, adSpend.source, adSpend.medium, adSpend.campaign],
      // excluded.created_at is the row's default, now(): Citus refuses a non-immutable function in an upsert's SET.
      set: { amount: sql`excluded.amount`, createdAt: sql`excluded.created_at` },
    })
    // xmax is 0 for a freshly inserted row, non-zero for one the conflict updated.
    .returning({ ...getTableColumns(adSpend), inserted: sql<boolean>`(xmax = 0)` });
  return rows.map(({ inserted, ...row }) => ({ row, replaced: !inserted }));
}

/** Adds one entry from the form (or replaces the amount of the same entry). Admins only; a bad field is a 400 naming it. */
export async function addSpend(
  scope: ProjectScope,
  input: SpendInput,
  /** the reader's language, so a typed "1.234" means what they meant; null reads it as a file would */
  locale: Locale | null = null,
): Promise<{ row: SpendRow; replaced: boolean }> {
  scope.require("admin");
  const parsed = parseSpendEntry(input, locale);
  if (!parsed.ok) throw new InputError(parsed.problem.code, parsed.field, 400);
  const [result] = await upsert(scope.db, scope.projectId, [parsed.entry]);
  return result;
}

/**
 * Imports a CSV upload: every valid row in one transaction, each bad row reported with its line.
 * Uploading the same file again replaces amounts instead of adding them, so spend is never doubled.
 */
export async function importSpend(
  scope: ProjectScope,
  csvText: string,
): Promise<{ inserted: number; replaced: number; errors: SpendCsvError[] }> {
  scope.require("admin");
  const { rows, errors } = parseSpendCsv(csvText);
  const entries = rows.map(({ line: _line, ...entry }) => entry);
  const results = await scope.db.transaction(async (tx) => {
    const out: { replaced: boolean }[] = [];
    for (let i = 0; i < entries.length; i += 500)
      out.push(...(await upsert(tx as unknown as ProjectScope["db"], scope.projectId, entries.slice(i, i + 500))));
    return out;
  });
  const replaced = results.filter((r) => r.replaced).length;
  return { inserted: results.length - replaced, replaced, errors };
}

/** Removes one entry. Admins only; a malformed id or another project's entry is 404. */
export async function deleteSpend(scope: ProjectScope, id: string): Promise<void> {
  scope.require("admin");
  if (!isUuid(id)) throw notFound("Spend entry not found");
  const gone = await scope.db
    .delete(adSpend)
    .where(and(eq(adSpend.projectId, scope.projectId), eq(adSpend.id, id)))
    .returning({ id: adSpend.id });
  if (!gone.length) throw notFound("Spend entry not found");
}

/**
 * The spend of a [from, to) range per value of source, medium or campaign (an empty medium or
 * campaign is its own value, ""), and the total. Month entries count pro rata by their days inside
 * the range, in the project's time zone.
 */
export async function spendBySegment(
  scope: ProjectScope,
  q: { from: Date; to: Date; field: SpendField },
): Promise<{ values: Map<string, number>; total: number }> {
  const range = spendDays(scope, q.from, q.to);
  if (!range) return { values: new Map(), total: 0 };
  const rows = await listSpend(scope, range);
  return spendBySegmentValue(rows, range.first, range.last, q.field);
}

/** The range's spend per value of each of `fields`, and the total: one read for the conversions overview. */
export async function spendForOverview(
  scope: ProjectScope,
  q: { from: Date; to: Date; fields: SpendField[] },
): Promise<{ total: number; bySegment: Partial<Record<SpendField, Map<string, number>>> }> {
  const range = spendDays(scope, q.from, q.to);
  if (!range) return { total: 0, bySegment: {} };
  const rows = await listSpend(scope, range);
  const bySegment: Partial<Record<SpendField, Map<string, number>>> = {};
  for (const field of q.fields) bySegment[field] = spendBySegmentValue(rows, range.first, range.last, field).values;
  return { total: spendBySegmentValue(rows, range.first, range.last, "source").total, bySegment };
}
