import type { Translate } from "../i18n/translate";

/**
 * The codes the JSON API answers with in `{ error: { code, message } }` (server/api-route.ts and the
 * share routes), plus `network` (no answer) and `unknown` (an answer without a code we know). The
 * message is English for API users; the UI words the code through the catalogue (common.apiErrors).
 */
export const API_ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "invalid_input",
  "too_large",
  "too_many_requests",
  "busy",
  "query_timeout",
  "report_gone",
  "internal",
  "network",
  "unknown",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const isApiErrorCode = (code: unknown): code is ApiErrorCode => API_ERROR_CODES.some((c) => c === code);

/** A refusal or failure of the JSON API, typed by its code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The ApiError for a non-2xx answer and its parsed body (null when the body was not JSON). */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const error = typeof body === "object" && body !== null && "error" in body ? body.error : null;
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : null;
  const message =
    typeof error === "object" && error !== null && "message" in error && typeof error.message === "string"
      ? error.message
      : `HTTP ${status}`;
  return new ApiError(status, isApiErrorCode(code) ? code : status >= 500 ? "internal" : "unknown", message);
}

/** Whether asking again may help: no answer, a busy or failing server; never a refusal of the request itself. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ApiError && (error.code === "network" || error.code === "busy" || error.code === "internal");
}

/** What went wrong, in the reader's language. */
export function apiErrorText(t: Translate, error: unknown): string {
  return t(`common.apiErrors.${error instanceof ApiError ? error.code : "unknown"}`);
}
