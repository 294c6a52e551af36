import { getDb } from "../../db/client";
import type { Db } from "../../db/client";
import { config } from "../../lib/config";
import { clientAddress } from "../../lib/auth/client-address";
import { readBodyCapped } from "../body";
import { INGEST_CORS } from "./cors";
import type { IngestResponse } from "./answers";
import type { DropInRequest } from "./dropin";

/** What every ingestion request carries, from the request as Next hands it over. */
export function requestParts(request: Request): DropInRequest {
  return {
    // Read only after the path (and a basic-auth key, for /v1) are checked, never past the cap (server/body.ts).
    readBody: (limit) => readBodyCapped(request, limit),
    contentEncoding: request.headers.get("content-encoding"),
    userAgent: request.headers.get("user-agent"),
    clientIp: clientAddress(request.headers),
    origin: request.headers.get("origin"),
    referer: request.headers.get("referer"),
  };
}

/**
 * An ingestion handler's answer, with a 500 without details for a fault. The handlers answer 503
 * themselves when the database is away; anything else is a bug, not a reason for clients to resend
 * at once (no Retry-After; Segment clients back off on 500). Shared by the Next routes and the
 * server's own ingestion path (server/ingest/node.ts).
 */
export async function runIngest(
  run: (db: Db, rateLimitPerMinute: number) => Promise<IngestResponse>,
  rateLimitPerMinute?: number,
): Promise<IngestResponse> {
  try {
    return await run(await getDb(), rateLimitPerMinute ?? config().INGEST_RATE_LIMIT);
  } catch (err) {
    console.error("[trechter] ingestion failed", err);
    return {
      status: 500,
      body: { success: false, error: { code: "internal", message: "Something went wrong on our side; the events were not all stored." } },
    };
  }
}

/** An ingestion handler's answer as the response: open CORS (see runIngest). */
export async function ingestResponse(run: (db: Db, rateLimitPerMinute: number) => Promise<IngestResponse>): Promise<Response> {
  const result = await runIngest(run);
  return Response.json(result.body, { status: result.status, headers: { ...INGEST_CORS, ...result.headers } });
}

type Handler = (db: Db, req: DropInRequest, rateLimitPerMinute: number) => Promise<IngestResponse>;

/** The route handlers of a drop-in API (app/api/event, app/api/send). */
export function dropInRoute(handler: Handler) {
  return {
    OPTIONS: () => new Response(null, { status: 204, headers: INGEST_CORS }),
    POST: (request: Request) => ingestResponse((db, limit) => handler(db, requestParts(request), limit)),
  };
}
