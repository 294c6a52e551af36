import type { Locale } from "./locales";
import { intlTag } from "./locales";

/** Locale-aware formatters (2,63 % in Dutch, 2.63% in English). */
export function formatters(locale: Locale) {
  const tag = intlTag(locale);
  const int = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(tag, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 2 });
  const eur = new Intl.NumberFormat(tag, { style: "currency", currency: "EUR" });
  const date = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric" });
  const dateTime = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  return {
    number: (n: number) => int.format(n),
    decimal: (n: number) => dec.format(n),
    /** A fraction (0.0263) as a percentage; null shows as an en dash. */
    percent: (fraction: number | null | undefined) => (fraction == null || !Number.isFinite(fraction) ? "–" : pct.format(fraction)),
    currency: (n: number | null | undefined) => (n == null ? "–" : eur.format(n)),
    date: (d: Date | string | number) => date.format(new Date(d)),
    dateTime: (d: Date | string | number) => dateTime.format(new Date(d)),
  };
}
export type Formatters = ReturnType<typeof formatters>;
