import type { SpendEntry, SpendField } from "./entry";

const DAY = 86400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY;

/** Days in the month of a YYYY-MM-DD day. */
export function daysInMonth(day: string): number {
  const [y, m] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The part of an entry that falls in the days first..last (inclusive, YYYY-MM-DD): a day entry
 * counts whole or not at all; a month entry counts pro rata by the days of its month inside the
 * range (€310 for March, a range of 10 March days: €100).
 */
export function spendInRange(entry: Pick<SpendEntry, "period" | "day" | "amount">, first: string, last: string): number {
  const lo = dayNumber(first);
  const hi = dayNumber(last);
  const start = dayNumber(entry.day);
  if (entry.period === "day") return start >= lo && start <= hi ? entry.amount : 0;
  const length = daysInMonth(entry.day);
  const overlap = Math.min(hi, start + length - 1) - Math.max(lo, start) + 1;
  return overlap > 0 ? (entry.amount * overlap) / length : 0;
}

/** The range's spend per value of one field (source, medium or campaign), and in total; cents rounded at the end. */
export function spendBySegmentValue(
  entries: Pick<SpendEntry, "period" | "day" | "amount" | SpendField>[],
  first: string,
  last: string,
  field: SpendField,
): { values: Map<string, number>; total: number } {
  const values = new Map<string, number>();
  let total = 0;
  for (const e of entries) {
    const part = spendInRange(e, first, last);
    if (part <= 0) continue;
    values.set(e[field], (values.get(e[field]) ?? 0) + part);
    total += part;
  }
  const cents = (n: number) => Math.round(n * 100) / 100;
  for (const [k, v] of values) values.set(k, cents(v));
  return { values, total: cents(total) };
}
