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
  const unit = (u: string) => new Intl.NumberFormat(tag, { style: "unit", unit: u, unitDisplay: "short", maximumFractionDigits: 1 });
  const units = { second: unit("second"), minute: unit("minute"), hour: unit("hour"), day: unit("day") };
  return {
    /** A duration in the largest sensible unit: 45 sec, 12 min, 3.5 hr, 2 days. */
    duration: (seconds: number | null | undefined) => {
      if (seconds == null || !Number.isFinite(seconds)) return "–";
      if (seconds < 60) return units.second.format(Math.round(seconds));
      if (seconds < 3600) return units.minute.format(seconds / 60);
      if (seconds < 86400) return units.hour.format(seconds / 3600);
      return units.day.format(seconds / 86400);
    },
    signedPercent: (fraction: number | null | undefined) =>
      fraction == null || !Number.isFinite(fraction) ? "–" : (fraction > 0 ? "+" : "") + pct.format(fraction),
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
