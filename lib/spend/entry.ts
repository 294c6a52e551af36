import { checkAmount, parseAmount } from "./amount";
import type { Locale } from "../i18n/locales";
import type { SpendProblem } from "./problem";
import { isStorableText } from "../text/safe";

export const SPEND_PERIODS = ["day", "month"] as const;
export type SpendPeriod = (typeof SPEND_PERIODS)[number];
export const SPEND_FIELDS = ["source", "medium", "campaign"] as const;
export type SpendField = (typeof SPEND_FIELDS)[number];

/** One validated spend entry; a month's entry is stored on the month's first day. */
export type SpendEntry = { period: SpendPeriod; day: string; source: string; medium: string; campaign: string; amount: number };
export const SPEND_INPUT_FIELDS = ["date", "source", "medium", "campaign", "amount"] as const;
export type SpendInputField = (typeof SPEND_INPUT_FIELDS)[number];
export type SpendInput = { date?: unknown; source?: unknown; medium?: unknown; campaign?: unknown; amount?: unknown };
export type EntryResult = { ok: true; entry: SpendEntry } | { ok: false; field: SpendInputField; problem: SpendProblem };

const MAX_LABEL = 200;

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A day (YYYY-MM-DD, or DD-MM-YYYY as Dutch Excel writes it) or a month (YYYY-MM). */
export function parseSpendDate(input: string): { ok: true; period: SpendPeriod; day: string } | { ok: false; problem: SpendProblem } {
  const text = input.trim();
  if (!text) return { ok: false, problem: { code: "dateRequired" } };
  const fail = (code: SpendProblem["code"]) => ({ ok: false as const, problem: { code, values: { text } } });
  let m = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validDay(y, mo, d)) return { ok: true, period: "day", day: `${y}-${pad(mo)}-${pad(d)}` };
    return fail("dateNotInCalendar");
  }
  m = text.match(/^(\d{1,2})-(\d{1,2})-(\d{4})$/);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validDay(y, mo, d)) return { ok: true, period: "day", day: `${y}-${pad(mo)}-${pad(d)}` };
    return fail("dateNotInCalendar");
  }
  m = text.match(/^(\d{4})-(\d{1,2})$/);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (validDay(y, mo, 1)) return { ok: true, period: "month", day: `${y}-${pad(mo)}-01` };
    return fail("monthInvalid");
  }
  return fail("dateFormat");
}

/** A UTM value as the tracker stores it: trimmed and lower-cased, so spend meets its visitors. */
export function utmValue(input: unknown): string {
  return typeof input === "string" || typeof input === "number" ? String(input).trim().toLowerCase() : "";
}

/**
 * Validates one entry from the form or a CSV row; the first problem names its field. `locale` is the
 * reader's when they typed the amount in the app (so "1.234" is what they mean), null for a file.
 */
export function parseSpendEntry(input: SpendInput, locale: Locale | null = null): EntryResult {
  // A NUL byte or a broken character cannot be stored: say which field holds it instead of failing the insert.
  for (const field of ["date", "source", "medium", "campaign", "amount"] as const) {
    const v = input[field];
    if (typeof v === "string" && !isStorableText(v)) return { ok: false, field, problem: { code: "unsafe", values: { field } } };
  }
  const date = parseSpendDate(typeof input.date === "string" ? input.date : "");
  if (!date.ok) return { ok: false, field: "date", problem: date.problem };
  const source = utmValue(input.source);
  if (!source) return { ok: false, field: "source", problem: { code: "sourceRequired" } };
  const medium = utmValue(input.medium);
  const campaign = utmValue(input.campaign);
  for (const [field, v] of [
    ["source", source],
    ["medium", medium],
    ["campaign", campaign],
  ] as const)
    if (v.length > MAX_LABEL) return { ok: false, field, problem: { code: "tooLong", values: { field, max: MAX_LABEL } } };
  const amount =
    typeof input.amount === "number"
      ? checkAmount(input.amount)
      : parseAmount(typeof input.amount === "string" ? input.amount : "", locale);
  if (!amount.ok) return { ok: false, field: "amount", problem: amount.problem };
  return { ok: true, entry: { period: date.period, day: date.day, source, medium, campaign, amount: amount.value } };
}

/** The key an entry is unique by: a second entry with the same key replaces the first. */
export function spendKey(e: Pick<SpendEntry, "period" | "day" | "source" | "medium" | "campaign">): string {
  return [e.period, e.day, e.source, e.medium, e.campaign].join("\u0000");
}
