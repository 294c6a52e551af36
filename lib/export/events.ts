import { z } from "zod";
import { csvLine, fileSlug } from "../conversions/csv";
import { isRealDay, zonedMidnight } from "../funnel/ranges";
import { InputError } from "../errors";

/**
 * The event export of GET /api/v1/projects/:id/export: its query (strict: unknown or repeated
 * parameters are a 400 naming them), its columns, and how a page of events becomes text.
 */

export const EXPORT_FORMATS = ["ndjson", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-11-01")
  .refine((d) => {
    const [y, m, dd] = d.split("-").map(Number);
    return y >= 2000 && y <= 2100 && isRealDay(y, m, dd);
  }, "must be a day that exists, from 2000 to 2100");

export const exportQuerySchema = z
  .strictObject({
    from: day,
    to: day,
    format: z.enum(EXPORT_FORMATS, `must be one of ${EXPORT_FORMATS.join(", ")}`).default("ndjson"),
    /** `check=1`: only count, answer `{ rows }` as JSON (the settings page asks first, so errors show beside the fields) */
    check: z.literal("1", "must be 1 when given").optional(),
  })
  .refine((q) => q.from <= q.to, { message: "must not be after to", path: ["from"] });

export type ExportQuery = { from: Date; to: Date; format: ExportFormat; days: { from: string; to: string }; check: boolean };

/** The export's query from URL parameters: `from` and `to` are whole days in the project's time zone (`to` included). */
export function parseExportQuery(params: URLSearchParams, timeZone: string): ExportQuery {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) throw new InputError(`Give ${key.slice(0, 40)} once.`, key.slice(0, 40));
    seen.add(key);
  }
  const r = exportQuerySchema.safeParse(Object.fromEntries(params));
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue.code === "unrecognized_keys" ? issue.keys[0].slice(0, 40) : String(issue.path[0] ?? "query");
    const message =
      issue.code === "unrecognized_keys"
        ? `Unknown parameter ${field}: the export takes from, to, format and check.`
        : issue.code === "invalid_type"
          ? `${field} is missing: give from and to as dates, like from=2026-11-01&to=2026-11-30.`
          : `${field} ${issue.message}.`;
    throw new InputError(message, field);
  }
  const { from, to, format, check } = r.data;
  const at = (d: string, add: number) => {
    const [y, m, dd] = d.split("-").map(Number);
    return zonedMidnight(y, m, dd + add, timeZone);
  };
  return { from: at(from, 0), to: at(to, 1), format, days: { from, to }, check: check === "1" };
}

/** One stored event as exported: what Trechter keeps of it, nothing derived at export time. */
export type ExportedEvent = {
  time: Date;
  receivedAt: Date;
  name: string;
  personId: string;
  anonymousId: string | null;
  userId: string | null;
  path: string | null;
  referrerDomain: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  country: string | null;
  region: string | null;
  revenue: number | null;
  properties: Record<string, unknown>;
  messageId: string;
};

/** The columns of the CSV and the keys of each NDJSON object, in this order. */
export const EXPORT_COLUMNS = [
  "time",
  "received_at",
  "name",
  "person_id",
  "anonymous_id",
  "user_id",
  "path",
  "referrer_domain",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "device",
  "browser",
  "os",
  "country",
  "region",
  "revenue",
  "properties",
  "message_id",
] as const;

function record(e: ExportedEvent) {
  return {
    time: e.time.toISOString(),
    received_at: e.receivedAt.toISOString(),
    name: e.name,
    person_id: e.personId,
    anonymous_id: e.anonymousId,
    user_id: e.userId,
    path: e.path,
    referrer_domain: e.referrerDomain,
    utm_source: e.utmSource,
    utm_medium: e.utmMedium,
    utm_campaign: e.utmCampaign,
    device: e.device,
    browser: e.browser,
    os: e.os,
    country: e.country,
    region: e.region,
    revenue: e.revenue,
    properties: e.properties,
    message_id: e.messageId,
  };
}

/** The file's first line: the CSV header (NDJSON has none). */
export function exportHead(format: ExportFormat): string {
  // A byte-order mark first, so spreadsheet programs read the file as UTF-8.
  return format === "csv" ? "\uFEFF" + csvLine([...EXPORT_COLUMNS]) : "";
}

/** A page of events as text: CSV rows (times ISO 8601 UTC, properties as JSON, formula-like cells defused) or one JSON object a line. */
export function exportChunk(format: ExportFormat, page: ExportedEvent[]): string {
  if (format === "ndjson") return page.map((e) => JSON.stringify(record(e)) + "\n").join("");
  return page
    .map((e) => {
      const r = record(e);
      return csvLine(EXPORT_COLUMNS.map((c) => (c === "properties" ? JSON.stringify(r.properties) : r[c])));
    })
    .join("");
}

/** `<project>-events-<from>_<to>.<ext>`, days as asked (the project's time zone). */
export function exportFileName(projectName: string, q: Pick<ExportQuery, "days" | "format">): string {
  return `${fileSlug(projectName)}-events-${q.days.from}_${q.days.to}.${q.format}`;
}
