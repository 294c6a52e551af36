import { isOneOf } from "../one-of";
import { localIsoDay, zonedMidnight } from "./ranges";

/** The buckets a trend can count in: local days, ISO weeks (from Monday) and calendar months, in the project's time zone. */
export const TREND_UNITS = ["day", "week", "month"] as const;
export type TrendUnit = (typeof TREND_UNITS)[number];
export const isTrendUnit = (v: unknown): v is TrendUnit => isOneOf(TREND_UNITS, v);

/** One period of a trend: its first local day, the visitors who entered and converted in it, and whether it is incomplete. */
export type TrendPoint = {
  /** the period's first local day (YYYY-MM-DD): the day, the Monday of the week, the 1st of the month */
  period: string;
  entered: number;
  converted: number;
  /** converted / entered; null when nobody entered (no rate to draw, but the period is there with 0 visitors) */
  rate: number | null;
  /** the period is not complete: it is still running (today, this week), or the range cuts it off */
  partial: boolean;
};

/** The unit a trend uses when none is asked for: days up to 31 days, else weeks. */
export function defaultTrendUnit(from: Date, to: Date): TrendUnit {
  return to.getTime() - from.getTime() <= 31 * 86400_000 ? "day" : "week";
}

const ymd = (day: string) => day.split("-").map(Number) as [number, number, number];
const iso = (t: Date) => t.toISOString().slice(0, 10);

/** The first day of the unit that contains a calendar day (PostgreSQL's date_trunc: weeks start on Monday). */
export function periodStart(day: string, unit: TrendUnit): string {
  const [y, m, d] = ymd(day);
  if (unit === "day") return day;
  if (unit === "month") return iso(new Date(Date.UTC(y, m - 1, 1)));
  const t = new Date(Date.UTC(y, m - 1, d));
  return iso(new Date(Date.UTC(y, m - 1, d - ((t.getUTCDay() + 6) % 7))));
}

/** The first day of the next period. */
export function nextPeriod(period: string, unit: TrendUnit): string {
  const [y, m, d] = ymd(period);
  if (unit === "month") return iso(new Date(Date.UTC(y, m, 1)));
  return iso(new Date(Date.UTC(y, m - 1, d + (unit === "week" ? 7 : 1))));
}

/** A trend never has more periods than this (a 400-day range counted in days has 401). */
const MAX_PERIODS = 500;

/**
 * Every period of [from, to) in `timeZone`, oldest first, with the counted ones filled in and the
 * others present with 0 visitors, so the chart's axis is real time: a quiet day is a 0, not a day
 * left out. Periods that start after `now` are not listed (nothing can have happened yet). A period
 * is `partial` when it runs past `now` or past either end of the range.
 */
export function fillTrend(
  counted: readonly { period: string; entered: number; converted: number }[],
  range: { from: Date; to: Date },
  unit: TrendUnit,
  timeZone: string,
  now: Date = new Date(),
): TrendPoint[] {
  const byPeriod = new Map(counted.map((c) => [c.period, c]));
  const first = periodStart(localIsoDay(range.from, timeZone), unit);
  const last = localIsoDay(new Date(range.to.getTime() - 1), timeZone);
  const midnight = (day: string) => zonedMidnight(...ymd(day), timeZone);
  const points: TrendPoint[] = [];
  // A period's end is the next one's start: each local midnight is computed once.
  let start = midnight(first);
  for (let p = first; p <= last && points.length < MAX_PERIODS; p = nextPeriod(p, unit)) {
    if (start > now) break;
    const end = midnight(nextPeriod(p, unit));
    const c = byPeriod.get(p);
    const entered = c?.entered ?? 0;
    const converted = c?.converted ?? 0;
    points.push({
      period: p,
      entered,
      converted,
      rate: entered ? converted / entered : null,
      partial: start < range.from || end > range.to || end > now,
    });
    start = end;
  }
  return points;
}
