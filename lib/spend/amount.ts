import type { Locale } from "../i18n/locales";
import { parseLocaleNumber } from "../i18n/number";
import type { SpendProblem } from "./problem";

/**
 * Money as people type it, read by the one number parser (lib/i18n/number.ts): "1234.50",
 * "1,234.50" (English) or "12,50", "1.234,50" (Dutch), with an optional € sign. Typed in the app,
 * the reader's language decides "1.234"; in a file, whose writer's language is unknown, a separator
 * followed by exactly three digits ("1.234", "1,234") is refused as ambiguous rather than guessed.
 * Amounts have at most two decimals.
 */
export type AmountResult = { ok: true; value: number } | { ok: false; problem: SpendProblem };

/** The largest amount numeric(14,2) holds. */
export const MAX_AMOUNT = 999_999_999_999.99;

export function parseAmount(input: string, locale: Locale | null = null): AmountResult {
  const shown = input.trim();
  const text = shown
    .replace(/€/g, "")
    .replace(/^eur\b/i, "")
    .replace(/\beur$/i, "")
    .trim();
  const fail = (code: SpendProblem["code"]): AmountResult => ({ ok: false, problem: { code, values: { text: shown } } });
  if (!text) return { ok: false, problem: { code: "amountRequired" } };
  const parsed = parseLocaleNumber(text, locale);
  if (!parsed.ok)
    return fail(parsed.code === "ambiguous" ? "amountAmbiguous" : parsed.code === "empty" ? "amountRequired" : "amountInvalid");
  return checkAmount(parsed.value, parsed.decimals, shown);
}

/** An amount that arrived as a number (the form's NumberInput): the same checks as typed text. */
export function checkAmount(value: number, decimals = decimalsOf(value), shown = String(value)): AmountResult {
  if (!Number.isFinite(value)) return { ok: false, problem: { code: "amountInvalid", values: { text: shown } } };
  if (!(value > 0)) return { ok: false, problem: { code: "amountNotPositive", values: { text: shown } } };
  if (decimals > 2 && Math.abs(value * 100 - Math.round(value * 100)) > 1e-6)
    return { ok: false, problem: { code: "amountDecimals", values: { text: shown } } };
  const rounded = Math.round(value * 100) / 100;
  if (rounded > MAX_AMOUNT) return { ok: false, problem: { code: "amountTooLarge" } };
  return { ok: true, value: rounded };
}

function decimalsOf(value: number): number {
  const s = String(value);
  return s.includes(".") ? s.length - s.indexOf(".") - 1 : 0;
}
