import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { openShareForRequest } from "@/db/share";
import { sharedSegmentValues } from "@/db/share-report";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { SEGMENT_FIELDS, type SegmentField } from "@/lib/funnel/types";
import { errorResponse, json, route } from "@/lib/http";

/** Filter-chip values for a shared report, inside the link's range. */
export const GET = route<{ params: Promise<{ token: string }> }>(async (request, { params }) => {
  const { token } = await params;
  const db = await getDb();
  const jar = await cookies();
  const opened = await openShareForRequest(db, token, (id) => jar.get(`trechter_share_${id}`)?.value);
  if (opened.state !== "ok") return errorResponse(404, `link_${opened.state}`, "This report link is not available.");
  const url = new URL(request.url);
  const field = url.searchParams.get("field") ?? "";
  if (!(SEGMENT_FIELDS as readonly string[]).includes(field)) return errorResponse(400, "invalid_input", `field must be one of ${SEGMENT_FIELDS.join(", ")}.`);
  url.searchParams.delete(field);
  try {
    const q = parseRangeParams(url.searchParams, opened.scope.project.timeZone);
    return json({ field, values: await sharedSegmentValues(opened.scope, opened.link, field as SegmentField, q) }, { headers: { "Referrer-Policy": "no-referrer" } });
  } catch (err) {
    if (err instanceof RangeParamsError) return errorResponse(400, "invalid_input", err.message);
    throw err;
  }
});
