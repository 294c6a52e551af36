import { sharedFunnelResults } from "@/db/share-report";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { errorResponse, json, route } from "@/lib/http";
import { openSharedReport, SHARE_HEADERS } from "../../open";

/** Results of the one report a share link opens; checked against the database on every request. */
export const GET = route<{ params: Promise<{ token: string }> }>(async (request, { params }) => {
  const opened = await openSharedReport((await params).token);
  if (opened.error) return opened.error;
  try {
    const q = parseRangeParams(new URL(request.url).searchParams, opened.scope.project.timeZone);
    return json(await sharedFunnelResults(opened.scope, opened.link, q), { headers: SHARE_HEADERS });
  } catch (err) {
    if (err instanceof RangeParamsError) return errorResponse(400, "invalid_input", err.message, {}, SHARE_HEADERS);
    throw err;
  }
});
