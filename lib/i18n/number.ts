import type { Locale } from "./locales";

/**
 * Numbers as people type them, in their own language: "3,5" and "1.234,50" for a Dutch reader,
 * "3.5" and "1,234.50" for an English one. Every numeric input (components/ui/NumberInput) and the
 * server code that reads the same fields parse with `parseLocaleNumber`, so "3,5" is 3.5 on both
 * sides and never 35.
 *
 * The reading, for text of digits with `.` and `,` (spaces as thousands separators, a leading sign):
 * - both `.` and `,`: the last one is the decimal separator and the other must group by three
 *   ("1.234,50" and "1,234.50" are both 1234.5, whatever the locale: only one reading exists);
 * - one separator, several times: thousands groups of three ("1.234.567"), else invalid;
 * - one separator once: the locale's decimal separator is a decimal ("3,5" in Dutch); the locale's
 *   thousands separator groups when three digits follow a first group of 1–3 ("1.234" in Dutch is
 *   1234, "1,234" in English too), and is otherwise the other language's decimal ("3.5" typed in the
 *   Dutch UI is 3.5: no grouping would write it so);
 * - without a locale (a CSV file, whose writer's language is unknown) a separator that could be
 *   either ("1.234", "1,234") is refused as `ambiguous` instead of guessed.
 */
export type NumberParseError = "empty" | "invalid" | "ambiguous";
export type NumberParseResult =
  { ok: true; value: number; /** digits after the decimal separator */ decimals: number } | { ok: false; code: NumberParseError };

const SPACES = /[\s\u00a0\u202f\u2009]/g;

/** Parses `text` as the reader of `locale` writes numbers (null/undefined: either language, refusing what is ambiguous). */
export function parseLocaleNumber(text: string, locale?: Locale | null): NumberParseResult {
  let s = text.trim().replace(/\u2212/g, "-");
  if (!s) return { ok: false, code: "empty" };
  let sign = 1;
  if (s[0] === "-" || s[0] === "+") {
    if (s[0] === "-") sign = -1;
    s = s.slice(1).trimStart();
  }
  // Spaces group thousands ("1 234,50") only between digits.
  if (/\d[\s\u00a0\u202f\u2009]\d/.test(s)) {
    if (!/^\d{1,3}([\s\u00a0\u202f\u2009]\d{3})+([.,]\d+)?$/.test(s)) return { ok: false, code: "invalid" };
    s = s.replace(SPACES, "");
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false, code: "invalid" };

  const dots = count(s, ".");
  const commas = count(s, ",");
  const done = (intPart: string, frac: string): NumberParseResult => {
    const value = sign * Number(`${intPart || "0"}.${frac || "0"}`);
    return Number.isFinite(value) ? { ok: true, value: value === 0 ? 0 : value, decimals: frac.length } : { ok: false, code: "invalid" };
  };
  if (dots === 0 && commas === 0) return done(s, "");

  if (dots > 0 && commas > 0) {
    const at = Math.max(s.lastIndexOf("."), s.lastIndexOf(","));
    const dec = s[at];
    const group = dec === "." ? "," : ".";
    if (count(s, dec) !== 1) return { ok: false, code: "invalid" };
    const intPart = s.slice(0, at);
    const frac = s.slice(at + 1);
    if (!groupedBy(intPart, group) || !/^\d+$/.test(frac)) return { ok: false, code: "invalid" };
    return done(intPart.split(group).join(""), frac);
  }

  const sep = dots > 0 ? "." : ",";
  if (count(s, sep) > 1) return groupedBy(s, sep) ? done(s.split(sep).join(""), "") : { ok: false, code: "invalid" };
  const at = s.indexOf(sep);
  const intPart = s.slice(0, at);
  const frac = s.slice(at + 1);
  if (!/^\d*$/.test(intPart) || !/^\d+$/.test(frac)) return { ok: false, code: "invalid" };
  const couldGroup = /^[1-9]\d{0,2}$/.test(intPart) && frac.length === 3;
  if (!locale) return couldGroup ? { ok: false, code: "ambiguous" } : done(intPart, frac);
  const decimalSep = locale === "nl" ? "," : ".";
  if (sep === decimalSep || !couldGroup) return done(intPart, frac);
  return done(intPart + frac, "");
}

/**
 * A number as an input shows it for editing: the reader's decimal separator, no thousands separators
 * (they get in the way of editing), at most `maxDecimals` decimals; null shows as empty.
 */
export function formatNumberInput(value: number | null | undefined, locale: Locale, maxDecimals = 6): string {
  if (value == null || !Number.isFinite(value)) return "";
  const fixed = Number(value.toFixed(maxDecimals)).toString();
  if (/e/i.test(fixed))
    return new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { useGrouping: false, maximumFractionDigits: maxDecimals }).format(
      value,
    );
  return locale === "nl" ? fixed.replace(".", ",") : fixed;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** "1.234.567" grouped by ".": a first group of 1–3 digits (not a leading 0), then groups of exactly 3. */
function groupedBy(s: string, sep: string): boolean {
  const e = sep === "." ? "\\." : ",";
  return new RegExp(`^([1-9]\\d{0,2}(${e}\\d{3})*|0)$`).test(s);
}

/** The limits of one numeric field, checked after parsing (by the input as the reader types, and again by the server). */
export type NumberLimits = { min?: number; max?: number; integer?: boolean; maxDecimals?: number };

/** Why a field's number is refused, with what the message needs (min, max, count of decimals). */
export type NumberProblem =
  | { code: NumberParseError; text: string }
  | { code: "tooSmall"; min: number }
  | { code: "tooBig"; max: number }
  | { code: "notWhole" }
  | { code: "decimals"; count: number };

/** Parses a field's text for `locale` and checks its limits: the value, or the problem the catalogue words (`common.number.*`). */
export function readNumberField(
  text: string,
  locale: Locale | null | undefined,
  limits: NumberLimits = {},
): { ok: true; value: number } | { ok: false; problem: NumberProblem } {
  const parsed = parseLocaleNumber(text, locale);
  if (!parsed.ok) return { ok: false, problem: { code: parsed.code, text: text.trim() } };
  const { value, decimals } = parsed;
  if (limits.integer && !Number.isInteger(value)) return { ok: false, problem: { code: "notWhole" } };
  if (limits.maxDecimals !== undefined && decimals > limits.maxDecimals && !Number.isInteger(value * 10 ** limits.maxDecimals))
    return { ok: false, problem: { code: "decimals", count: limits.maxDecimals } };
  if (limits.min !== undefined && value < limits.min) return { ok: false, problem: { code: "tooSmall", min: limits.min } };
  if (limits.max !== undefined && value > limits.max) return { ok: false, problem: { code: "tooBig", max: limits.max } };
  return { ok: true, value };
}

/**
 * A number problem in the reader's words. `t` is the catalogue's translate function; numbers in the
 * message (limits, the example) are written the reader's way.
 */
export function numberProblemText(
  t: (key: "common.number.empty" | `common.number.${NumberProblem["code"]}`, values?: Record<string, string | number>) => string,
  problem: NumberProblem,
  locale: Locale,
): string {
  const example = locale === "nl" ? "1234,5" : "1234.5";
  const plain = (n: number) => new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: 6 }).format(n);
  switch (problem.code) {
    case "empty":
      return t("common.number.empty");
    case "invalid":
      return t("common.number.invalid", { example });
    case "ambiguous":
      return t("common.number.ambiguous", { text: `"${problem.text}"`, example });
    case "tooSmall":
      return t("common.number.tooSmall", { min: plain(problem.min) });
    case "tooBig":
      return t("common.number.tooBig", { max: plain(problem.max) });
    case "notWhole":
      return t("common.number.notWhole");
    case "decimals":
      return t("common.number.decimals", { count: problem.count });
  }
}
