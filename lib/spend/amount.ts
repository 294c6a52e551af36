/**
 * Money as people type it: "1234.50", "1,234.50" (English) or "12,50", "1.234,50" (Dutch), with an
 * optional € sign and spaces. Amounts have at most two decimals, so a separator followed by exactly
 * three digits ("1.234", "1,234") could be a thousands separator in one language and three decimals in
 * the other: that is refused as ambiguous rather than guessed.
 */
export type AmountResult = { ok: true; value: number } | { ok: false; message: string };

/** The largest amount numeric(14,2) holds. */
export const MAX_AMOUNT = 999_999_999_999.99;

export function parseAmount(input: string): AmountResult {
  const text = input.replace(/[€\s\u00a0]/g, "").replace(/^eur/i, "");
  if (!text) return { ok: false, message: "Enter an amount." };
  if (/^-/.test(text)) return { ok: false, message: `The amount must be more than 0 (got "${input.trim()}").` };
  let normal: string | null = null;
  if (/^\d+$/.test(text)) normal = text;
  else if (/^\d+[.,]\d{1,2}$/.test(text)) normal = text.replace(",", ".");
  else if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(text) || /^\d{1,3}(\.\d{3}){2,}$/.test(text))
    normal = text.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(text) || /^\d{1,3}(,\d{3}){2,}$/.test(text)) normal = text.replace(/,/g, "");
  else if (/^\d{1,3}[.,]\d{3}$/.test(text))
    return { ok: false, message: `The amount "${input.trim()}" is ambiguous: write 1234 or 1234.00 (or 1.234,00).` };
  else if (/^\d+[.,]\d{3,}$/.test(text)) return { ok: false, message: `The amount "${input.trim()}" has more than 2 decimals.` };
  if (normal === null) return { ok: false, message: `"${input.trim()}" is not an amount; write it like 1234.50 or 1.234,50.` };
  const value = Math.round(Number(normal) * 100) / 100;
  if (!(value > 0)) return { ok: false, message: `The amount must be more than 0 (got "${input.trim()}").` };
  if (value > MAX_AMOUNT) return { ok: false, message: "The amount is too large." };
  return { ok: true, value };
}
