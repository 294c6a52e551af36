import { getDb } from "@/db/client";
import { ingest } from "@/db/events/ingest";
import { config } from "@/lib/config";
import { clientAddress } from "@/lib/auth/client-address";

// Any site may send events to its project: CORS is open, credentials are the write key.
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Authorization, Content-Encoding",
  "Access-Control-Max-Age": "86400",
};

export function OPTIONS() {
  return new Response(null, { status: 204, headers: CORS });
}

/** The Segment HTTP Tracking API: /v1/track, /v1/page, /v1/identify, /v1/alias, /v1/group, /v1/batch and the short forms. */
export async function POST(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > 5 * 1024 * 1024) return Response.json({ success: false, error: { code: "too_large", message: "The request body is too large." } }, { status: 413, headers: CORS });
  let result;
  try {
    result = await ingest(
      await getDb(),
      {
        kind,
        body: Buffer.from(await request.arrayBuffer()),
        contentEncoding: request.headers.get("content-encoding"),
        authorization: request.headers.get("authorization"),
        userAgent: request.headers.get("user-agent"),
        clientIp: clientAddress(request.headers),
      },
      config().INGEST_RATE_LIMIT,
    );
  } catch (err) {
    console.error("[trechter] ingestion failed", err);
    result = { status: 503, body: { success: false, error: { code: "unavailable", message: "Events could not be stored; retry later." } }, headers: { "Retry-After": "5" } };
  }
  return Response.json(result.body, { status: result.status, headers: { ...CORS, ...result.headers } });
}
