import { ingest } from "@/server/ingest/handler";
import { INGEST_CORS as CORS } from "@/server/ingest/cors";
import { ingestResponse, requestParts } from "@/server/ingest/route";

export function OPTIONS() {
  return new Response(null, { status: 204, headers: CORS });
}

/** The Segment HTTP Tracking API: /v1/track, /v1/page, /v1/identify, /v1/alias, /v1/group, /v1/batch and the short forms. */
export async function POST(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  return ingestResponse((db, limit) =>
    ingest(db, { ...requestParts(request), kind, authorization: request.headers.get("authorization") }, limit),
  );
}
