import { ZodError } from "zod";
import { AccessError, InputError } from "../db/errors";

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** The JSON error body every API answers with: { error: { code, message, issues? } }. */
export function errorResponse(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers?: HeadersInit): Response {
  return json({ error: { code, message, ...extra } }, { status, headers });
}

/** Turns what a handler threw into a clear 4xx; anything unexpected is logged and answered with a plain 500. */
export function errorToResponse(err: unknown): Response {
  if (err instanceof AccessError) return errorResponse(err.status, err.code, err.message);
  if (err instanceof InputError) return errorResponse(err.status, "invalid_input", err.message, err.field ? { field: err.field } : {});
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = issues[0];
    return errorResponse(400, "invalid_input", first ? `${first.path || "body"}: ${first.message}` : "Invalid input.", { issues });
  }
  console.error("[trechter] unexpected error", err);
  return errorResponse(500, "internal", "Something went wrong on our side. Please try again.");
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a route handler so that access and input errors become JSON 4xx answers, never stack traces. */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (err) {
      return errorToResponse(err);
    }
  };
}

/** The request's JSON body, or a 400 that says it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError("The request body is not valid JSON.");
  }
}
