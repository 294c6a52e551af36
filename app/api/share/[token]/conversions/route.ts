import { sharedConversions } from "@/db/share-report";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { segmentParams } from "@/lib/conversions/query";
import { csvResponse, CsvRequestError, overviewCsv } from "@/lib/conversions/export";
import { errorResponse, json, route } from "@/lib/http";
import { openSharedReport, SHARE_HEADERS } from "../../open";

/** The conversions overview a share link opens (and its CSV tables); checked against the database on every request. */
export const GET = route<{ params: Promise<{ token: string }> }>(async (request, { params }) => {
  const opened = await openSharedReport((await params).token);
  if (opened.error) return opened.error;
  const search = new URL(request.url).searchParams;
  try {
    const q = parseRangeParams(search, opened.scope.project.timeZone);
    const overview = await sharedConversions(opened.scope, opened.link, { ...q, segments: segmentParams(search) });
    if (search.get("format") === "csv") return csvResponse(overviewCsv(overview, search, opened.scope.project.name), SHARE_HEADERS);
    return json(overview, { headers: SHARE_HEADERS });
  } catch (err) {
    if (err instanceof RangeParamsError || err instanceof CsvRequestError) return errorResponse(400, "invalid_input", err.message, {}, SHARE_HEADERS);
    throw err;
  }
});
