import { apiProjectScope } from "@/server/guard";
import { segmentValues } from "@/db/queries/funnel/segmentValues";
import { parseRangeParams } from "@/lib/funnel/query";
import { SEGMENT_FIELDS, isSegmentField } from "@/lib/funnel/types";
import { errorResponse, json, route } from "@/server/api-route";

/** Top values of a segment field in a range, for the filter chips. */
export const GET = route<{ params: Promise<{ projectId: string }> }>(async (request, { params }) => {
  const { projectId } = await params;
  const scope = await apiProjectScope(request, projectId);
  const url = new URL(request.url);
  const field = url.searchParams.get("field") ?? "";
  if (!isSegmentField(field)) {
    return errorResponse(400, "invalid_input", `field must be one of ${SEGMENT_FIELDS.join(", ")} or prop:<name>.`);
  }
  url.searchParams.delete(field);
  const { from, to } = parseRangeParams(url.searchParams, scope.project.timeZone);
  return json({ field, values: await segmentValues(scope, field, from, to) });
});
