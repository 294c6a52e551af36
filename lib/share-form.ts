import { SEGMENT_FIELDS, isBuiltinSegmentField, type BuiltinSegmentField } from "./funnel/types";
import { isPreset } from "./funnel/ranges";
import { SHARE_MAX_DAYS } from "./share-query";

/**
 * What a new share link carries, taken from the report on screen (its URL): the filters, the
 * breakdown, the comparison and the period, so the client sees what the team saw. Pure: the share
 * form (components/share/ShareLinks) shows it before the link is made.
 */
export type ShareLinkRange = { kind: "rolling"; days: number } | { kind: "fixed"; from: string; to: string };
export type ScreenTerms = {
  filters: Record<string, string[]>;
  breakdown: BuiltinSegmentField | null;
  compare: boolean;
  range: ShareLinkRange;
};

/**
 * Filter values as the report's API reads them: a parameter may hold several values separated by
 * commas (`source=google,newsletter`), repeated parameters add more; duplicates and empty values go.
 */
export function splitFilterValues(filters: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, values] of Object.entries(filters)) {
    const list = [...new Set(values.flatMap((v) => v.split(",")).filter(Boolean))];
    if (list.length) out[field] = list;
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, "0");
/** A calendar day as YYYY-MM-DD (the days are plain: the server reads them in the project's time zone). */
export const plainDay = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};

/**
 * The period on screen as a link's period: the last 7/30/90 days stay rolling (the link moves with
 * the days); a custom range stays those days; this month, last month and this quarter become their
 * days as of `today` (a calendar day, YYYY-MM-DD), fixed, so the client sees the period the team chose.
 */
export function screenRange(search: URLSearchParams, today: string): ShareLinkRange {
  const from = search.get("from");
  const to = search.get("to");
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (from && to && day.test(from.slice(0, 10)) && day.test(to.slice(0, 10)))
    return { kind: "fixed", from: from.slice(0, 10), to: to.slice(0, 10) };
  const preset = search.get("range") ?? "30d";
  if (!isPreset(preset)) return { kind: "rolling", days: 30 };
  const [y, m] = today.split("-").map(Number);
  switch (preset) {
    case "7d":
    case "30d":
    case "90d":
      return { kind: "rolling", days: Math.min(SHARE_MAX_DAYS, Number(preset.slice(0, -1))) };
    case "this_month":
      return { kind: "fixed", from: plainDay(y, m, 1), to: today };
    case "last_month":
      return { kind: "fixed", from: plainDay(y, m - 1, 1), to: plainDay(y, m, 0) };
    case "this_quarter":
      return { kind: "fixed", from: plainDay(y, Math.floor((m - 1) / 3) * 3 + 1, 1), to: today };
  }
}

/** Everything a link made from this screen carries. The conversions overview has no breakdown or comparison control. */
export function screenTerms(search: URLSearchParams, report: "funnel" | "conversions", today: string): ScreenTerms {
  const filters = splitFilterValues(
    Object.fromEntries(SEGMENT_FIELDS.filter((k) => search.getAll(k).length).map((k) => [k, search.getAll(k)])),
  );
  const breakdown = search.get("breakdown");
  return {
    filters,
    breakdown: report === "funnel" && breakdown && isBuiltinSegmentField(breakdown) ? breakdown : null,
    compare: report === "funnel" && search.get("compare") === "1",
    range: screenRange(search, today),
  };
}

/** Inclusive number of days of a fixed range of plain days. */
export function fixedDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000) + 1;
}
