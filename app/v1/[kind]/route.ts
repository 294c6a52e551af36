import { getDb } from "@/db/client";
import { ingest } from "@/server/ingest/handler";
import { config } from "@/lib/config";
import { clientAddress } from "@/lib/auth/client-address";
import { readBodyCapped } from "@/server/body";

import { INGEST_CORS as CORS } from "@/server/ingest/cors";

export function OPTIONS() {
  return new Response(null, { status: 204, headers: CORS });
}

/** The Segment HTTP Tracking API: /v1/track, /v1/page, /v1/identify, /v1/alias, /v1/group, /v1/batch and the short forms. */
export async function POST(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  let result;
  try {
    result = await ingest(
      await getDb(),
      {
        kind,
        // Read only after the path and a basic-auth key are checked, never past the cap (server/body.ts).
        readBody: (limit) => readBodyCapped(request, limit),
        contentEncoding: request.headers.get("content-encoding"),
        authorization: request.headers.get("authorization"),
        userAgent: request.headers.get("user-agent"),
        clientIp: clientAddress(request.headers),
        origin: request.headers.get("origin"),
        referer: request.headers.get("referer"),
      },
      config().INGEST_RATE_LIMIT,
    );
  } catch (err) {
    // ingest answers 503 itself when the database is away; anything else is a bug, not a reason for
    // clients to resend the same batch at once (no Retry-After; Segment clients back off on 500).
    console.error("[trechter] ingestion failed", err);
    result = {
      status: 500,
      body: { success: false, error: { code: "internal", message: "Something went wrong on our side; the events were not all stored." } },
    };
  }
  return Response.json(result.body, { status: result.status, headers: { ...CORS, ...result.headers } });
}
