import { localIsoDay } from "../funnel/ranges";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The days the spend page lists (both inclusive): the URL's from/to when valid and in order, else
 * from the first day of the month two months back to the last day of the current month.
 */
export function spendListRange(from: string | null, to: string | null, now: Date, timeZone: string): { first: string; last: string } {
  const valid = (d: string | null): d is string =>
    !!d && DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  if (valid(from) && valid(to) && from <= to) return { first: from, last: to };
  const [y, m] = localIsoDay(now, timeZone).split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 3, 1)).toISOString().slice(0, 10);
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { first, last };
}
