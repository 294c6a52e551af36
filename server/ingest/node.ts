import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER } from "../../lib/auth/client-address";
import { readBodyCapped } from "../body";
import { INGEST_CORS } from "./cors";
import { ingest } from "./handler";
import { ingestPlausible, ingestUmami, type DropInRequest } from "./dropin";
import { runIngest } from "./route";
import { config } from "../../lib/config";
import type { IngestResponse } from "./answers";

/*
 * The ingestion routes answered by the app's own HTTP server (server/serve.ts) before Next sees the
 * request: the same handlers as the Next routes (app/v1/[kind], app/api/event, app/api/send) with
 * the same answers, headers and body caps, without the framework's request pipeline (a fetch
 * Request and Response per call, web streams for the body, the router), which cost about a tenth of
 * the one Node thread under load. Only the exact paths and the methods the routes export are taken
 * here; anything else (a trailing slash, percent-escapes, GET, HEAD) goes on to Next, which answers
 * it as before. The Next routes stay: `next dev` and the route tests use them.
 */

/** A /v1 kind as Next's [kind] segment would receive it: only plain names, so no decoding differs. */
const V1_PATH = /^\/v1\/([A-Za-z0-9_]+)$/;

type Route = { kind: "v1"; name: string } | { kind: "plausible" } | { kind: "umami" };

/** The ingestion route of a path (without the query), or null. */
export function ingestionRoute(path: string): Route | null {
  if (path === "/api/event") return { kind: "plausible" };
  if (path === "/api/send") return { kind: "umami" };
  const v1 = V1_PATH.exec(path);
  return v1 ? { kind: "v1", name: v1[1] } : null;
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** What every ingestion request carries, as requestParts (route.ts) reads it from a fetch Request. */
function requestParts(req: IncomingMessage): DropInRequest {
  return {
    readBody: (limit) => readBodyCapped(req, limit),
    contentEncoding: header(req, "content-encoding"),
    userAgent: header(req, "user-agent"),
    // Set by server/http.ts from the socket (and a trusted proxy's chain) before anything else runs.
    clientIp: header(req, CLIENT_ADDRESS_HEADER)?.trim() || "unknown",
    origin: header(req, "origin"),
    referer: header(req, "referer"),
  };
}

function send(res: ServerResponse, result: IngestResponse): void {
  const body = JSON.stringify(result.body);
  res.writeHead(result.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...INGEST_CORS,
    ...result.headers,
  });
  res.end(body);
}

/** The environment is read once per process here (validating it per request cost more than the lookup it saves). */
let rateLimit: number | undefined;

/**
 * Answers the request when it is for an ingestion route (POST or the CORS preflight) and returns
 * true; returns false for everything else, which the caller hands to Next.
 */
export function handleIngestion(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "POST" && req.method !== "OPTIONS") return false;
  const route = ingestionRoute((req.url ?? "/").split("?")[0]);
  if (!route) return false;
  if (req.method === "OPTIONS") {
    res.writeHead(204, INGEST_CORS);
    res.end();
    return true;
  }
  const parts = requestParts(req);
  rateLimit ??= config().INGEST_RATE_LIMIT;
  const answer =
    route.kind === "v1"
      ? runIngest((db, limit) => ingest(db, { ...parts, kind: route.name, authorization: header(req, "authorization") }, limit), rateLimit)
      : runIngest((db, limit) => (route.kind === "plausible" ? ingestPlausible : ingestUmami)(db, parts, limit), rateLimit);
  void answer.then((result) => send(res, result));
  return true;
}
