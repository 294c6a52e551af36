import { z } from "zod";
import { SEGMENT_FIELDS, isBuiltinSegmentField, type BuiltinSegmentField, type SegmentFilters } from "./funnel/types";
import { MAX_RANGE_MS, PARAM_LIMITS } from "./funnel/query";
import { PRESETS, isLocalMidnight, presetRange, previousRange, zonedMidnight } from "./funnel/ranges";
import { CSV_TABLES, type CsvTable } from "./conversions/export";
import { InputError } from "./errors";
import { isStorableText } from "./text/safe";
import { TREND_UNITS, type TrendUnit } from "./funnel/periods";

/**
 * What a share link's visitor may ask of its report, parsed strictly from the query string. The rules
 * (README: Roles and sharing):
 * - only the built-in segment fields, for filters and breakdowns; never `prop:` fields, which would
 *   list raw property values or tell whether one person visited;
 * - a range inside the link's period (a preset, or from/to): a visitor may narrow it, never extend it;
 *   without one, the link's own period; from/to are whole days of the project's calendar (a plain
 *   date, or an ISO time at a local midnight), as the page offers them: a window of minutes, with a
 *   filter, could come close to telling whether one visitor came;
 * - a filter on a field the link locks may only choose among the locked values (anything else is a
 *   400, not silently intersected); filters on other fields narrow further; locked filters always apply;
 * - `compare` only where the previous period lies inside the link's period too, or the link itself
 *   carries the comparison (then every answer compares, with the period before the asked range, as
 *   far back as the period before the link's own);
 * - a link made with a breakdown always answers with it; a different breakdown is a 400;
 * - anything else (unknown parameters, whatever their name, repeated single values) is a 400 that says what is wrong;
 * - the link's own terms obey the same caps (its filters: PARAM_LIMITS, built-in fields; its period:
 *   years 2000 to 2100, at most 400 days): a link made before they were checked answers 422.
 */
export type ShareEndpoint = "results" | "conversions" | "segments";

/**
 * The link's terms: its period (already resolved for today), its locked filters, and what else was on
 * screen when it was made: a breakdown (locked: the client sees it and cannot swap it) and the
 * comparison with the period before (then that previous period is part of what the link shows).
 */
export type ShareTerms = { from: Date; to: Date; filters: SegmentFilters; breakdown?: BuiltinSegmentField | null; compare?: boolean };

export type SharedQuery = {
  from: Date;
  to: Date;
  /** the link's locked filters, narrowed by the visitor's */
  filters: SegmentFilters;
  breakdown?: BuiltinSegmentField;
  compare: boolean;
  /** results: the trend's periods (day, week, month) */
  trendUnit?: TrendUnit;
  /** conversions: the segment tables to include */
  segments: BuiltinSegmentField[];
  /** segments: the field whose values to list */
  field?: BuiltinSegmentField;
  /** conversions: a CSV download instead of JSON */
  csv?: { table: CsvTable; field?: BuiltinSegmentField };
};

/** A share link's visitor asked for something the report does not offer: a 400. */
export class ShareQueryError extends InputError {}

const fieldList = SEGMENT_FIELDS.join(", ");

const one = <T extends z.ZodType>(name: string, inner: T) =>
  z
    .array(inner)
    .max(1, `Give ${name} at most once.`)
    .optional()
    .transform((v) => v?.[0]);
const field = z.enum(SEGMENT_FIELDS, `Use one of ${fieldList}.`);
const realDay = (v: string) => {
  const [y, m, d] = v.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
const isoTime = z.iso.datetime({ offset: true });
const instant = z.string().superRefine((v, ctx) => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    if (!realDay(v)) ctx.addIssue({ code: "custom", message: `${v} is not a day that exists.` });
  } else if (!isoTime.safeParse(v).success) ctx.addIssue({ code: "custom", message: "Use a date like 2026-11-01 or an ISO 8601 time." });
});
const values = z
  .array(
    z
      .string()
      .min(1, "A filter value cannot be empty.")
      .max(PARAM_LIMITS.valueLength, `Filter values are at most ${PARAM_LIMITS.valueLength} characters.`)
      // As the dashboard's parameters (lib/funnel/query.ts): PostgreSQL cannot compare such text, a 400 and not a 500.
      .refine((v) => isStorableText(v), "Filter values cannot contain NUL characters or lone surrogates."),
  )
  .max(PARAM_LIMITS.values, `At most ${PARAM_LIMITS.values} values per filter.`);

/** The longest period a share link covers: rolling, the last this many days; fixed, at most this long. */
export const SHARE_MAX_DAYS = 365;

/**
 * What is wrong with a share link's locked filters, or null: the caps of URL parameters
 * (PARAM_LIMITS: 10 fields, 20 values of at most 200 characters) and built-in fields only. Checked
 * when a link is made (db/share) and whenever it is read (parseShareQuery), so a link never asks
 * more of the engine than a URL may (1,500 locked fields blocked the server for a minute).
 */
export function shareFiltersProblem(filters: unknown): string | null {
  if (typeof filters !== "object" || filters === null || Array.isArray(filters)) return "filters is an object of field → list of values.";
  const keys = Object.keys(filters);
  if (keys.length > PARAM_LIMITS.filterFields) return `at most ${PARAM_LIMITS.filterFields} filter fields, not ${keys.length}.`;
  for (const key of keys) {
    if (!isBuiltinSegmentField(key)) return `"${key.slice(0, 120)}" is not a field a shared report filters on; use ${fieldList}.`;
    const list: unknown = (filters as Record<string, unknown>)[key];
    if (!Array.isArray(list) || list.some((v) => typeof v !== "string")) return `${key}: the values are a list of strings.`;
    if (list.length > PARAM_LIMITS.values) return `${key}: at most ${PARAM_LIMITS.values} values per filter.`;
    if (list.some((v: string) => v.length > PARAM_LIMITS.valueLength))
      return `${key}: filter values are at most ${PARAM_LIMITS.valueLength} characters.`;
    if (list.some((v: string) => !isStorableText(v))) return `${key}: filter values cannot contain NUL characters or lone surrogates.`;
  }
  return null;
}

/** What is wrong with a period a share link covers, or null: years 2000 to 2100, from before to, at most `maxDays` long. */
export function shareRangeProblem(from: Date, to: Date, maxDays: number = SHARE_MAX_DAYS): string | null {
  const inYears = (d: Date) =>
    !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= PARAM_LIMITS.minYear && d.getUTCFullYear() <= PARAM_LIMITS.maxYear;
  if (!inYears(from) || !inYears(to)) return `the period must lie between the years ${PARAM_LIMITS.minYear} and ${PARAM_LIMITS.maxYear}.`;
  if (from >= to) return "the start must be before the end.";
  if (to.getTime() - from.getTime() > maxDays * 86400_000) return `the period can be at most ${maxDays} days.`;
  return null;
}

/** A link's own terms beyond the caps (made before they were checked): a 422 that says so, before any query runs. */
function checkTerms(terms: ShareTerms) {
  const filters = shareFiltersProblem(terms.filters);
  if (filters)
    throw new ShareQueryError(
      `This link's filters are more than a shared report allows: ${filters} Ask whoever shared it for a new link.`,
      undefined,
      422,
    );
  const period = shareRangeProblem(terms.from, terms.to, MAX_RANGE_MS / 86400_000);
  if (period)
    throw new ShareQueryError(
      `This link's period is more than a shared report allows: ${period} Ask whoever shared it for a new link.`,
      undefined,
      422,
    );
}

const common = {
  range: one("range", z.enum(PRESETS, `range must be one of ${PRESETS.join(", ")}.`)),
  from: one("from", instant),
  to: one("to", instant),
  ...Object.fromEntries(SEGMENT_FIELDS.map((f) => [f, values.optional()])),
} as Record<string, z.ZodType>;

const schemas: Record<ShareEndpoint, z.ZodType> = {
  results: z.strictObject({
    ...common,
    breakdown: one("breakdown", field),
    compare: one("compare", z.enum(["1", "true"], "compare is 1 or left out.")),
    unit: one("unit", z.enum(TREND_UNITS, `unit must be one of ${TREND_UNITS.join(", ")}.`)),
  }),
  conversions: z.strictObject({
    ...common,
    segment: z.array(field).max(SEGMENT_FIELDS.length, "Too many segment tables.").optional(),
    format: one("format", z.literal("csv", "format is csv or left out.")),
    table: one("table", z.enum(CSV_TABLES, `table must be one of ${CSV_TABLES.join(", ")}.`)),
    field: one("field", field),
  }),
  segments: z.strictObject({
    range: common.range,
    from: common.from,
    to: common.to,
    field: z.tuple([field], `field is one of ${fieldList}, given once.`),
  }),
};

type Parsed = {
  range?: (typeof PRESETS)[number];
  from?: string;
  to?: string;
  breakdown?: BuiltinSegmentField;
  compare?: string;
  unit?: TrendUnit;
  segment?: BuiltinSegmentField[];
  format?: "csv";
  table?: CsvTable;
  field?: BuiltinSegmentField | [BuiltinSegmentField];
} & Partial<Record<BuiltinSegmentField, string[]>>;

/** The parameters by name, as own properties whatever the name (`__proto__` too), so the strict schema sees every one. */
function groupParams(params: URLSearchParams): Record<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of params) {
    if (k.startsWith("prop:"))
      throw new ShareQueryError(`${k}: custom property fields (prop:…) are not part of a shared report; use one of ${fieldList}.`);
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return Object.fromEntries(out);
}

function message(err: z.ZodError): string {
  return err.issues
    .map((i) => {
      if (i.code === "unrecognized_keys")
        return `Unknown parameter${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")}: a shared report takes only its range, filters on ${fieldList} and the options its page offers.`;
      const path = i.path.filter((p) => typeof p === "string").join(".");
      return `${path ? `${path}: ` : ""}${i.message}`;
    })
    .join(" ");
}

/** The local day of a plain date, the end (+1 day) for `to`; an ISO time as it is. */
function when(v: string, timeZone: string, end: boolean): Date {
  const m = v.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? zonedMidnight(Number(m[1]), Number(m[2]), Number(m[3]) + (end ? 1 : 0), timeZone) : new Date(v);
}

const iso = (d: Date) => d.toISOString();

/** Parses one share API request against the link's terms; throws ShareQueryError with what is wrong. */
export function parseShareQuery(
  endpoint: ShareEndpoint,
  params: URLSearchParams,
  terms: ShareTerms,
  timeZone: string,
  now = new Date(),
): SharedQuery {
  checkTerms(terms);
  const parsed = schemas[endpoint].safeParse(groupParams(params));
  if (!parsed.success) throw new ShareQueryError(message(parsed.error));
  const q = parsed.data as Parsed;
  const period = `this link's period (${iso(terms.from)} to ${iso(terms.to)})`;

  let from = terms.from;
  let to = terms.to;
  if (q.from !== undefined || q.to !== undefined) {
    if (q.from === undefined || q.to === undefined)
      throw new ShareQueryError("from and to go together: give both, or neither for the link's period.");
    if (q.range !== undefined) throw new ShareQueryError("Give either range or from and to, not both.");
    from = when(q.from, timeZone, false);
    to = when(q.to, timeZone, true);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
      throw new ShareQueryError("from and to must be real dates, like 2026-11-01.");
    for (const [name, at] of [
      ["from", from],
      ["to", to],
    ] as const)
      if (!isLocalMidnight(at, timeZone))
        throw new ShareQueryError(
          `${name}: a shared report covers whole days of its project's calendar (${timeZone}); give a date like 2026-11-01, not a time of day.`,
        );
    if (from >= to) throw new ShareQueryError("from must be before to.");
  } else if (q.range !== undefined) {
    ({ from, to } = presetRange(q.range, timeZone, now));
  }
  if (from < terms.from || to > terms.to) {
    throw new ShareQueryError(`${q.range ? `range=${q.range}` : "from/to"} reaches outside ${period}; choose a range inside it.`);
  }

  const filters: SegmentFilters = { ...terms.filters };
  for (const f of SEGMENT_FIELDS) {
    const asked = q[f];
    if (!asked) continue;
    const locked = terms.filters[f];
    const outside = locked ? asked.filter((v) => !locked.includes(v)) : [];
    if (outside.length)
      throw new ShareQueryError(`${f}: this link is locked to ${f} = ${locked!.join(", ")}; ${outside.join(", ")} is not part of it.`);
    filters[f] = [...new Set(asked)];
  }

  const compare = terms.compare === true || q.compare !== undefined;
  if (compare && !previousInside({ from, to }, terms, timeZone)) {
    throw new ShareQueryError(`compare: the period before this range lies outside ${period}; choose a shorter range to compare.`);
  }
  if (terms.breakdown && q.breakdown !== undefined && q.breakdown !== terms.breakdown)
    throw new ShareQueryError(`breakdown: this link is broken down by ${terms.breakdown}; ${q.breakdown} is not part of it.`);
  const breakdown = terms.breakdown ?? q.breakdown;

  const csv = q.format === "csv" ? { table: q.table ?? "goals", field: Array.isArray(q.field) ? undefined : q.field } : undefined;
  if (!csv && (q.table !== undefined || (endpoint === "conversions" && q.field !== undefined)))
    throw new ShareQueryError("table and field belong to a CSV download (format=csv).");
  const segments = [...new Set(q.segment ?? [])];
  if (csv?.table === "segment" && (!csv.field || !segments.includes(csv.field))) {
    throw new ShareQueryError(`A segment table needs field=<one of ${fieldList}> and segment=<the same field>.`);
  }
  const wanted = Array.isArray(q.field) ? q.field[0] : endpoint === "segments" ? q.field : undefined;
  return { from, to, filters, breakdown, compare, trendUnit: q.unit, segments, field: wanted, csv };
}

/**
 * Whether a previous period lies inside what the link shows (the only case its figures may leave the
 * server): its own period, or, for a link that carries the comparison, back to the period before it.
 */
export function previousInside(range: { from: Date; to: Date }, terms: ShareTerms, timeZone: string): boolean {
  const earliest = terms.compare ? previousRange(terms.from, terms.to, timeZone).from : terms.from;
  return previousRange(range.from, range.to, timeZone).from >= earliest;
}
