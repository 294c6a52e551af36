import { localDay, zonedMidnight } from "../funnel/ranges";

/**
 * The retention horizon of a project keeping `months` months of events at `now`: the local midnight
 * (in the project's time zone) of the day `months` months before today. Events before `cut` are
 * deleted, and funnel facts of local days before `day` with them; cutting at a local midnight keeps
 * every remaining fact row exact (a row is one local entry day). The 31st of a month without one
 * becomes its last day.
 */
export function retentionHorizon(now: Date, months: number, timeZone: string): { cut: Date; day: string } {
  const today = localDay(now, timeZone);
  const monthIndex = today.y * 12 + (today.m - 1) - months;
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(today.d, last);
  return {
    cut: zonedMidnight(y, m, d, timeZone),
    day: `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
  };
}
