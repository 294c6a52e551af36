import { z } from "zod";

/**
 * Text PostgreSQL cannot store: a NUL byte (text columns refuse it, jsonb refuses \u0000) or a lone
 * UTF-16 surrogate (not valid UTF-8). Such input is refused at the boundary as a field error, so it
 * never reaches an insert and fails it with a 500.
 */
export function isUnsafeText(value: string): boolean {
  return value.includes("\u0000") || !value.isWellFormed();
}

/** A zod string that refuses unsafe text (issue message `unsafe_text`, which the action wrapper turns into that field code). */
export const safeString = (error?: string) => z.string(error).refine((s) => !isUnsafeText(s), { message: "unsafe_text", params: { code: "unsafe_text" } });

/** Whether any string or key anywhere in a JSON-like value is unsafe text. */
export function containsUnsafeText(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return isUnsafeText(value);
  if (depth > 32 || typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => containsUnsafeText(v, depth + 1));
  return Object.entries(value).some(([k, v]) => isUnsafeText(k) || containsUnsafeText(v, depth + 1));
}
