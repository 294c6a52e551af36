import { intlTag, type Locale } from "../../lib/i18n/locales";
import { catalogues } from "../../lib/i18n/messages";
import { makeTranslate } from "../../lib/i18n/translate";

export const translator = (locale: Locale) => makeTranslate(catalogues[locale], locale);

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A local day of the project (an instant in its time zone) in the reader's language: "7 dec. 2026", "Dec 7, 2026". */
export function dayLabel(instant: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), { day: "numeric", month: "short", year: "numeric", timeZone }).format(instant);
}

/** [from, to) of whole local days as the reader says it, the last day included: "30 nov. – 6 dec. 2026". */
export function periodLabel(p: { from: Date; to: Date }, timeZone: string, locale: Locale): string {
  const last = new Date(p.to.getTime() - 1);
  const a = dayLabel(p.from, timeZone, locale);
  const b = dayLabel(last, timeZone, locale);
  return a === b ? a : `${a} – ${b}`;
}

/** A plain day (YYYY-MM-DD) short, for chart axes: "7 dec", "Dec 7". */
export function shortDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
