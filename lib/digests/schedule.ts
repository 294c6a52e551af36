import { localDay, zonedMidnight } from "../funnel/ranges";
import type { DigestFrequency } from "./types";

export type DigestTiming = { frequency: DigestFrequency; weekday: number | null; hour: number };

/** The UTC instant of y-m-d h:00 local time in `timeZone` (a day that skips that hour gives the hour after the jump). */
export function zonedHour(y: number, m: number, d: number, hour: number, timeZone: string): Date {
  const midnight = zonedMidnight(y, m, d, timeZone);
  let t = midnight.getTime() + hour * 3600_000;
  // Across a clock change between midnight and `hour`, the local hour is off by the change: correct once.
  const local = new Intl.DateTimeFormat("en-US", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(new Date(t));
  const diff = Number(local) - hour;
  if (diff !== 0 && Math.abs(diff) <= 2) t -= diff * 3600_000;
  return new Date(t);
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar day. */
function isoWeekday(y: number, m: number, d: number): number {
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/**
 * The first send time strictly after `after`: daily at the hour, weekly on the weekday at the hour,
 * monthly on the 1st at the hour, all in the project's time zone.
 */
export function nextDigestRun(s: DigestTiming, timeZone: string, after: Date): Date {
  const today = localDay(after, timeZone);
  for (let i = 0; i < 40; i++) {
    const day = new Date(Date.UTC(today.y, today.m - 1, today.d + i));
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    if (s.frequency === "weekly" && isoWeekday(y, m, d) !== (s.weekday ?? 1)) continue;
    if (s.frequency === "monthly" && d !== 1) continue;
    const at = zonedHour(y, m, d, s.hour, timeZone);
    if (at > after) return at;
  }
  throw new Error("no next run within 40 days");
}

/**
 * The whole local days a digest sent at `runAt` reports on: the day before (daily), the 7 days
 * before (weekly), the previous calendar month (monthly). `key` names the period for idempotency.
 */
export function digestPeriod(frequency: DigestFrequency, timeZone: string, runAt: Date): { from: Date; to: Date; key: string } {
  const t = localDay(runAt, timeZone);
  const to = zonedMidnight(t.y, t.m, t.d, timeZone);
  const from =
    frequency === "daily"
      ? zonedMidnight(t.y, t.m, t.d - 1, timeZone)
      : frequency === "weekly"
        ? zonedMidnight(t.y, t.m, t.d - 7, timeZone)
        : zonedMidnight(t.y, t.m - 1, 1, timeZone);
  const to2 = frequency === "monthly" ? zonedMidnight(t.y, t.m, 1, timeZone) : to;
  const f = localDay(from, timeZone);
  const key = `${frequency}:${f.y}-${String(f.m).padStart(2, "0")}-${String(f.d).padStart(2, "0")}`;
  return { from, to: to2, key };
}
