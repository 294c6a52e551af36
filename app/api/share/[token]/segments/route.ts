import { sharedSegmentValues } from "@/db/share-report";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { SEGMENT_FIELDS, type SegmentField } from "@/lib/funnel/types";
import { errorResponse, json, route } from "@/lib/http";
import { openSharedReport, SHARE_HEADERS } from "../../open";

/** Filter-chip values for a shared report, inside the link's range. */
export const GET = route<{ params: Promise<{ token: string }> }>(async (request, { params }) => {
  const opened = await openSharedReport((await params).token);
  if (opened.error) return opened.error;
  const url = new URL(request.url);
  const field = url.searchParams.get("field") ?? "";
  if (!(SEGMENT_FIELDS as readonly string[]).includes(field)) return errorResponse(400, "invalid_input", `field must be one of ${SEGMENT_FIELDS.join(", ")}.`, {}, SHARE_HEADERS);
  url.searchParams.delete(field);
  try {
    const q = parseRangeParams(url.searchParams, opened.scope.project.timeZone);
    return json({ field, values: await sharedSegmentValues(opened.scope, opened.link, field as SegmentField, q) }, { headers: SHARE_HEADERS });
  } catch (err) {
    if (err instanceof RangeParamsError) return errorResponse(400, "invalid_input", err.message, {}, SHARE_HEADERS);
    throw err;
  }
});
