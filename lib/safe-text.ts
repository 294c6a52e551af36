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
