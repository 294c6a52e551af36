import { ZodError } from "zod";
import { AccessError, InputError } from "../lib/errors";
import { BodyTooLargeError, readBodyCapped } from "./body";
import { findUnstorable } from "../lib/text/safe";
import { TooBusyError } from "../lib/semaphore";

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** The JSON error body every API answers with: { error: { code, message, issues? } }. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: HeadersInit,
): Response {
  return json({ error: { code, message, ...extra } }, { status, headers });
}

/** A funnel step's or exclusion's number as people count (paths count from 0): "steps.1.within" is " (step 2)". */
function ordinal(path: string): string {
  const m = /^(steps|exclusions)\.(\d+)(\.|$)/.exec(path);
  return m ? ` (${m[1] === "steps" ? "step" : "exclusion"} ${Number(m[2]) + 1})` : "";
}

/** Turns what a handler threw into a clear 4xx; anything unexpected is logged and answered with a plain 500. */
export function errorToResponse(err: unknown): Response {
  if (err instanceof AccessError) return errorResponse(err.status, err.code, err.message);
  if (err instanceof InputError) return errorResponse(err.status, "invalid_input", err.message, err.field ? { field: err.field } : {});
  if (err instanceof BodyTooLargeError) return errorResponse(413, "too_large", err.message);
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = issues[0];
    return errorResponse(
      400,
      "invalid_input",
      first ? `${first.path || "body"}${ordinal(first.path)}: ${first.message}` : "Invalid input.",
      {
        issues,
      },
    );
  }
  if (err instanceof TooBusyError) {
    return errorResponse(
      err.status,
      err.code,
      err.message,
      { retryAfter: err.retryAfterSeconds },
      { "retry-after": String(err.retryAfterSeconds) },
    );
  }
  if (sqlState(err) === QUERY_CANCELED) {
    // statement_timeout (db/limits.ts): the query was stopped, not the database lost. No Retry-After:
    // the same query would take as long again.
    return errorResponse(
      503,
      "query_timeout",
      "This query took too long and was stopped. Narrow the date range or the filters (fewer segments, no breakdown) and try again.",
    );
  }
  console.error("[trechter] unexpected error", err);
  return errorResponse(500, "internal", "Something went wrong on our side. Please try again.");
}

/** SQLSTATE 57014, query_canceled: what PostgreSQL raises when a statement passes its statement_timeout. */
const QUERY_CANCELED = "57014";

/** The SQLSTATE of a database error, also when drizzle wraps it (DrizzleQueryError's `cause`). */
function sqlState(err: unknown): string | null {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export type RouteOptions = {
  /** Headers every error answer carries as well (the share routes' no-referrer/noindex/no-store). */
  headers?: Record<string, string>;
};

/**
 * Wraps a route handler so that what it throws becomes a JSON answer, never a stack trace: access
 * errors 401/403/404, input errors (InputError and its kinds: bad range parameters, CSV requests,
 * unknown goals, share queries) 400/409/422, a zod error 400, too busy 429, a query timeout 503.
 */
export function route<C>(handler: Handler<C>, options: RouteOptions = {}): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (err) {
      const response = errorToResponse(err);
      for (const [name, value] of Object.entries(options.headers ?? {})) response.headers.set(name, value);
      return response;
    }
  };
}

/** A CSV download (with a byte-order mark, so spreadsheet programs read it as UTF-8). */
export function csvResponse(file: { filename: string; body: string }, headers: Record<string, string> = {}): Response {
  return new Response("\uFEFF" + file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}

/** Query bodies are a few KB; 1 MB leaves room for long step lists and filters without letting one request hold much memory. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export type ReadJsonOptions = {
  /** Bytes the body may have (as sent); past it the read stops and the answer is 413. */
  limit?: number;
  /**
   * "api" (the default): refuse with 401, before reading the body, a request without a known read
   * key or a signed-in session (server/api-credentials.ts). "none" for a route open to anyone.
   */
  credentials?: "api" | "none";
};

/**
 * The request's JSON body, read as a stream under a hard cap whatever its headers say (chunked, no
 * or a false Content-Length): 413 past the cap, 400 when it is not JSON or holds text PostgreSQL
 * cannot store (a NUL or lone surrogate in any string or key) or nests deeper than 32 levels.
 */
export async function readJson(request: Request, options: ReadJsonOptions = {}): Promise<unknown> {
  if ((options.credentials ?? "api") === "api") {
    // Loaded on use: it brings next-auth, which pure users of this module do not need.
    const { requireApiCredentials } = await import("./api-credentials");
    await requireApiCredentials(request);
  }
  const bytes = await readBodyCapped(request, options.limit ?? MAX_JSON_BODY_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new InputError("The request body is not valid JSON.");
  }
  const unstorable = findUnstorable(value);
  if (unstorable) throw new InputError(`${unstorable.path || "body"} ${unstorable.reason}.`, unstorable.path || undefined);
  return value;
}
