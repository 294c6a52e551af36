import { getDb } from "../../db/client";
import type { Db } from "../../db/client";
import { config } from "../../lib/config";
import { clientAddress } from "../../lib/auth/client-address";
import { readBodyCapped } from "../body";
import { INGEST_CORS } from "./cors";
import type { IngestResponse } from "./answers";
import type { DropInRequest } from "./dropin";

type Handler = (db: Db, req: DropInRequest, rateLimitPerMinute: number) => Promise<IngestResponse>;

/** The route handlers of a drop-in API (app/api/event, app/api/send): open CORS, the body read under its cap, a 500 without details. */
export function dropInRoute(handler: Handler) {
  return {
    OPTIONS: () => new Response(null, { status: 204, headers: INGEST_CORS }),
    POST: async (request: Request) => {
      let result: IngestResponse;
      try {
        result = await handler(
          await getDb(),
          {
            readBody: (limit) => readBodyCapped(request, limit),
            contentEncoding: request.headers.get("content-encoding"),
            userAgent: request.headers.get("user-agent"),
            clientIp: clientAddress(request.headers),
            origin: request.headers.get("origin"),
            referer: request.headers.get("referer"),
          },
          config().INGEST_RATE_LIMIT,
        );
      } catch (err) {
        console.error("[trechter] ingestion failed", err);
        result = {
          status: 500,
          body: { success: false, error: { code: "internal", message: "Something went wrong on our side; the event was not stored." } },
        };
      }
      return Response.json(result.body, { status: result.status, headers: { ...INGEST_CORS, ...result.headers } });
    },
  };
}
