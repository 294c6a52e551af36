import type { Translate } from "./i18n/translate";
import { isOneOf } from "./one-of";

/**
 * The one answer every server action gives (made by server/action.ts). Errors are codes, never
 * sentences: the client words them from the i18n catalogues, in the reader's language.
 */

/**
 * Why an action said no. `invalid_input`: fieldErrors names the fields; `conflict`: a rule of the product (last owner);
 * `rate_limited`: too many attempts, try later; `unavailable`: this server is not set up for it (no mail server).
 */
export const ACTION_ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "invalid_input",
  "conflict",
  "too_large",
  "rate_limited",
  "unavailable",
] as const;
export type ActionErrorCode = (typeof ACTION_ERROR_CODES)[number];

/** What is wrong with one field. `unsafe_text`: a NUL byte or a lone surrogate; `unknown_key`: a key the action does not take. */
export const FIELD_ERROR_CODES = [
  "required",
  "invalid",
  "too_long",
  "too_short",
  "too_big",
  "too_small",
  "unsafe_text",
  "unknown_key",
  "taken",
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export type ActionError = { code: ActionErrorCode; fieldErrors?: Record<string, FieldErrorCode> };
export type ActionResult<T = undefined> = { ok: true; data?: T } | { ok: false; error: ActionError };

/**
 * A field's problem in the reader's language: the feature's own sentence for the field
 * (`<feature>.errors.<field>`) unless the code says something more specific that only the common
 * catalogue words (unsafe text, a key the form does not have).
 */
export function fieldErrorText(t: Translate, feature: string, field: string, code: FieldErrorCode): string {
  const specific = code === "unsafe_text" || code === "unknown_key";
  const key = `${feature}.errors.${field}`;
  if (!specific && t.has(key)) return t(key);
  return t(`common.fieldErrors.${code}`);
}

/** An action's refusal as one sentence: the feature's wording for the code (`<feature>.errors.forbidden`, `.notFound`) when it has one, else the common one. */
export function actionErrorText(t: Translate, feature: string, error: ActionError): string {
  const key = `${feature}.errors.${error.code === "not_found" ? "notFound" : error.code}`;
  return t.has(key) ? t(key) : t(`common.actionErrors.${error.code}`);
}

/** A refusal as the texts a form shows: each field's problem beside it, and `form` for the rest. */
export function refusalTexts(t: Translate, feature: string, error: ActionError, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, code] of Object.entries(error.fieldErrors ?? {})) {
    const key = fields.includes(field) ? field : "form";
    if (!(key in out)) out[key] = fieldErrorText(t, feature, field, code);
  }
  if (!Object.keys(out).length) out.form = actionErrorText(t, feature, error);
  return out;
}

/** The first field error of a refusal among `fields` (the ones a form shows), or null. */
export function firstFieldError<F extends string>(error: ActionError, fields: readonly F[]): { field: F; code: FieldErrorCode } | null {
  for (const [field, code] of Object.entries(error.fieldErrors ?? {})) if (isOneOf(fields, field)) return { field, code };
  return null;
}
