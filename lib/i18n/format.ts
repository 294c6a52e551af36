import type { Locale } from "./locales";
import { intlTag } from "./locales";

/**
 * Locale-aware formatters, one style for the whole product (screens, e-mails, share reports):
 * - counts (`number`): whole, grouped for the locale: 3,674 in English, 3.674 in Dutch;
 * - rates and shares (`percent`): always two decimals, 39.40% / 39,40%, so figures of one kind line
 *   up and an interval never has more decimals than its rate;
 * - intervals (`interval`): both ends in that style joined by an en dash, "37.72% – 41.10%";
 * - changes (`signedPercent`, `signedInterval`): the same with an explicit sign, "+12.50%", "−3.00%"
 *   (a real minus sign, U+2212, not Intl's hyphen);
 * - differences of rates (`signedPoints`): percentage points with two decimals and a sign, "+1.20" / "−1,20";
 * - money (`currency`): euros with cents; `decimal`: up to two decimals, for plain quantities.
 * An unknown value (null, NaN) is an en dash everywhere.
 */
const PERCENT_DECIMALS = 2;

export function formatters(locale: Locale) {
  const tag = intlTag(locale);
  const int = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const pctOptions = { style: "percent", minimumFractionDigits: PERCENT_DECIMALS, maximumFractionDigits: PERCENT_DECIMALS } as const;
  const pct = new Intl.NumberFormat(tag, pctOptions);
  const signedPct = new Intl.NumberFormat(tag, { ...pctOptions, signDisplay: "exceptZero" });
  const tickPct = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
  const signedPoints = new Intl.NumberFormat(tag, {
    minimumFractionDigits: PERCENT_DECIMALS,
    maximumFractionDigits: PERCENT_DECIMALS,
    signDisplay: "exceptZero",
  });
  const eur = new Intl.NumberFormat(tag, { style: "currency", currency: "EUR" });
  const date = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric" });
  const dateTime = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  const unit = (u: string) => new Intl.NumberFormat(tag, { style: "unit", unit: u, unitDisplay: "short", maximumFractionDigits: 1 });
  const units = { second: unit("second"), minute: unit("minute"), hour: unit("hour"), day: unit("day") };
  const known = (n: number | null | undefined): n is number => n != null && Number.isFinite(n);
  const percent = (fraction: number | null | undefined) => (known(fraction) ? pct.format(fraction) : "–");
  // Intl writes a hyphen-minus for a negative sign in both locales; a change gets the real minus sign,
  // as wide as its plus, so "−4.39%" and "+4.39%" line up and a screen reader says "minus".
  const minus = (s: string) => s.replace("-", "\u2212");
  const signedPercent = (fraction: number | null | undefined) => (known(fraction) ? minus(signedPct.format(fraction)) : "–");
  return {
    /** A duration in the largest sensible unit: 45 sec, 12 min, 3.5 hr, 2 days. */
    duration: (seconds: number | null | undefined) => {
      if (!known(seconds)) return "–";
      if (seconds < 60) return units.second.format(Math.round(seconds));
      if (seconds < 3600) return units.minute.format(seconds / 60);
      if (seconds < 86400) return units.hour.format(seconds / 3600);
      return units.day.format(seconds / 86400);
    },
    /** A change as a fraction (0.125 → "+12.50%"); zero has no sign. */
    signedPercent,
    /** A difference of two rates in percentage points, signed, without the unit (0.012 → "+1.20"; the catalogue adds "pp"). */
    signedPoints: (difference: number | null | undefined) => (known(difference) ? minus(signedPoints.format(difference * 100)) : "–"),
    /** A count: whole and grouped (3,674 / 3.674). */
    number: (n: number | null | undefined) => (known(n) ? int.format(n) : "–"),
    /** A quantity with up to two decimals (3.5 / 3,5). */
    decimal: (n: number | null | undefined) => (known(n) ? dec.format(n) : "–"),
    /** A fraction (0.0263) as a percentage with two decimals (2.63% / 2,63%). */
    percent,
    /** A range of fractions, such as a 95 % interval: "37.72% – 41.10%" (37,72% – 41,10%). */
    interval: (low: number | null | undefined, high: number | null | undefined) =>
      known(low) && known(high) ? `${percent(low)} – ${percent(high)}` : "–",
    /** A range of changes, such as an uplift's interval: "−3.00% – +5.00%". */
    signedInterval: (low: number | null | undefined, high: number | null | undefined) =>
      known(low) && known(high) ? `${signedPercent(low)} – ${signedPercent(high)}` : "–",
    /** A chart axis tick: a percentage with only the decimals it needs (10%, 2.5%): ticks are round numbers, not figures. */
    percentTick: (fraction: number) => tickPct.format(fraction),
    currency: (n: number | null | undefined) => (known(n) ? eur.format(n) : "–"),
    date: (d: Date | string | number) => date.format(new Date(d)),
    dateTime: (d: Date | string | number) => dateTime.format(new Date(d)),
  };
}
export type Formatters = ReturnType<typeof formatters>;
