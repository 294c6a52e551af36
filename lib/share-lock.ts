import type { Translate } from "./i18n/translate";
import type { Formatters } from "./i18n/format";
import { segmentFieldLabel } from "./funnel/field-label";
import { PRESETS, localIsoDay, presetRange, type Preset } from "./funnel/ranges";
import type { BuiltinSegmentField, SegmentFilters } from "./funnel/types";
import type { ShareTerms } from "./share-query";

/** A link's period as its owner chose it: the last N days (moving with today), or fixed calendar days. */
export type SharePeriod = { kind: "rolling"; days: number } | { kind: "fixed"; from: string; to: string };

/**
 * What a shared report is locked to, as its page shows it and its range picker offers it: the link's
 * period (first and last day, in the project's calendar), the presets that lie inside it, the locked
 * filters, breakdown and comparison. Plain data, for a client component.
 */
export type ShareLock = {
  period: SharePeriod;
  /** the period's first and last day today (YYYY-MM-DD, inclusive) */
  first: string;
  last: string;
  /** the dashboard presets whose range lies inside the link's period today (not the one that is that period) */
  presets: Preset[];
  filters: SegmentFilters;
  breakdown: BuiltinSegmentField | null;
  compare: boolean;
};

/** The lock of a link with these terms, today, in the project's time zone; `rollingDays` for a rolling link, null for fixed days. */
export function shareLock(terms: ShareTerms, rollingDays: number | null, timeZone: string, now = new Date()): ShareLock {
  const presets = PRESETS.filter((p) => {
    const r = presetRange(p, timeZone, now);
    // The preset that is the link's own period is its first option already ("The link's period: …").
    const same = r.from.getTime() === terms.from.getTime() && r.to.getTime() === terms.to.getTime();
    return r.from >= terms.from && r.to <= terms.to && !same;
  });
  const first = localIsoDay(terms.from, timeZone);
  const last = localIsoDay(new Date(terms.to.getTime() - 1), timeZone);
  return {
    period: rollingDays ? { kind: "rolling", days: rollingDays } : { kind: "fixed", from: first, to: last },
    first,
    last,
    presets,
    filters: terms.filters,
    breakdown: terms.breakdown ?? null,
    compare: terms.compare === true,
  };
}

/** A plain calendar day (YYYY-MM-DD) in the reader's date format; noon UTC keeps the day whatever the runtime's zone. */
export const formatPlainDay = (f: Formatters, day: string) => f.date(new Date(`${day}T12:00:00Z`));

/** "Last 14 days", or "1 Nov 2026 – 30 Nov 2026" for fixed days. */
export function describePeriod(t: Translate, f: Formatters, period: SharePeriod): string {
  return period.kind === "rolling"
    ? t("share.describe.rolling", { count: period.days })
    : t("share.describe.fixed", { from: formatPlainDay(f, period.from), to: formatPlainDay(f, period.to) });
}

/**
 * The terms of a link in words, one part each: the period, each locked filter ("Device: mobile"), the
 * breakdown and the comparison. `days` adds the period's dates to a rolling period ("Last 14 days:
 * 20 Nov 2026 – 3 Dec 2026"), as the shared report's subtitle shows them.
 */
export function describeShareTerms(
  t: Translate,
  f: Formatters,
  terms: { period: SharePeriod; filters: SegmentFilters; breakdown: string | null; compare: boolean },
  days?: { first: string; last: string },
): { period: string; filters: string[]; breakdown: string | null; compare: string | null } {
  const period =
    days && terms.period.kind === "rolling"
      ? t("share.describe.rollingDays", {
          count: terms.period.days,
          from: formatPlainDay(f, days.first),
          to: formatPlainDay(f, days.last),
        })
      : describePeriod(t, f, terms.period);
  const filters = Object.entries(terms.filters)
    .filter(([, values]) => values?.length)
    .map(
      ([field, values]) =>
        `${segmentFieldLabel(t, field)}: ${values!.map((v) => (v === "(none)" ? t("funnels.filters.none") : v)).join(", ")}`,
    );
  return {
    period,
    filters,
    breakdown: terms.breakdown ? t("share.describe.breakdown", { field: segmentFieldLabel(t, terms.breakdown).toLowerCase() }) : null,
    compare: terms.compare ? t("share.describe.compare") : null,
  };
}
