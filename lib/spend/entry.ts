import { parseAmount } from "./amount";
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
export type EntryResult = { ok: true; entry: SpendEntry } | { ok: false; field: SpendInputField; message: string };

const MAX_LABEL = 200;

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A day (YYYY-MM-DD, or DD-MM-YYYY as Dutch Excel writes it) or a month (YYYY-MM). */
export function parseSpendDate(input: string): { ok: true; period: SpendPeriod; day: string } | { ok: false; message: string } {
  const text = input.trim();
  if (!text) return { ok: false, message: "Enter a date (YYYY-MM-DD) or a month (YYYY-MM)." };
  let m = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validDay(y, mo, d)) return { ok: true, period: "day", day: `${y}-${pad(mo)}-${pad(d)}` };
    return { ok: false, message: `"${text}" is not a date in the calendar.` };
  }
  m = text.match(/^(\d{1,2})-(\d{1,2})-(\d{4})$/);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validDay(y, mo, d)) return { ok: true, period: "day", day: `${y}-${pad(mo)}-${pad(d)}` };
    return { ok: false, message: `"${text}" is not a date in the calendar.` };
  }
  m = text.match(/^(\d{4})-(\d{1,2})$/);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (validDay(y, mo, 1)) return { ok: true, period: "month", day: `${y}-${pad(mo)}-01` };
    return { ok: false, message: `"${text}" is not a month.` };
  }
  return { ok: false, message: `"${text}" is not a date: write a day as YYYY-MM-DD or a month as YYYY-MM.` };
}

/** A UTM value as the tracker stores it: trimmed and lower-cased, so spend meets its visitors. */
export function utmValue(input: unknown): string {
  return typeof input === "string" || typeof input === "number" ? String(input).trim().toLowerCase() : "";
}

/** Validates one entry from the form or a CSV row; the first problem names its field. */
export function parseSpendEntry(input: SpendInput): EntryResult {
  // A NUL byte or a broken character cannot be stored: say which field holds it instead of failing the insert.
  for (const field of ["date", "source", "medium", "campaign", "amount"] as const) {
    const v = input[field];
    if (typeof v === "string" && !isStorableText(v))
      return { ok: false, field, message: `The ${field} holds characters that cannot be stored (a NUL byte or a broken character).` };
  }
  const date = parseSpendDate(typeof input.date === "string" ? input.date : "");
  if (!date.ok) return { ok: false, field: "date", message: date.message };
  const source = utmValue(input.source);
  if (!source) return { ok: false, field: "source", message: "Enter a source, as in utm_source (google, newsletter…)." };
  const medium = utmValue(input.medium);
  const campaign = utmValue(input.campaign);
  for (const [field, v] of [
    ["source", source],
    ["medium", medium],
    ["campaign", campaign],
  ] as const)
    if (v.length > MAX_LABEL) return { ok: false, field, message: `The ${field} is longer than ${MAX_LABEL} characters.` };
  const amount =
    typeof input.amount === "number"
      ? parseAmount(String(input.amount))
      : parseAmount(typeof input.amount === "string" ? input.amount : "");
  if (!amount.ok) return { ok: false, field: "amount", message: amount.message };
  return { ok: true, entry: { period: date.period, day: date.day, source, medium, campaign, amount: amount.value } };
}

/** The key an entry is unique by: a second entry with the same key replaces the first. */
export function spendKey(e: Pick<SpendEntry, "period" | "day" | "source" | "medium" | "campaign">): string {
  return [e.period, e.day, e.source, e.medium, e.campaign].join("\u0000");
}
