import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { openShareForRequest } from "@/db/share";
import { sharedConversions } from "@/db/share-report";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { segmentParams } from "@/lib/conversions/query";
import { csvResponse, CsvRequestError, overviewCsv } from "@/lib/conversions/export";
import { errorResponse, json, route } from "@/lib/http";

const HEADERS = { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store" };

/** The conversions overview a share link opens (and its CSV tables); checked against the database on every request. */
export const GET = route<{ params: Promise<{ token: string }> }>(async (request, { params }) => {
  const { token } = await params;
  const db = await getDb();
  const jar = await cookies();
  const opened = await openShareForRequest(db, token, (id) => jar.get(`trechter_share_${id}`)?.value);
  if (opened.state !== "ok") return errorResponse(opened.state === "password" ? 401 : 404, `link_${opened.state}`, "This report link is not available.", {}, HEADERS);
  const search = new URL(request.url).searchParams;
  try {
    const q = parseRangeParams(search, opened.scope.project.timeZone);
    const overview = await sharedConversions(opened.scope, opened.link, { ...q, segments: segmentParams(search) });
    if (search.get("format") === "csv") return csvResponse(overviewCsv(overview, search, opened.scope.project.name), HEADERS);
    return json(overview, { headers: HEADERS });
  } catch (err) {
    if (err instanceof RangeParamsError || err instanceof CsvRequestError) return errorResponse(400, "invalid_input", err.message, {}, HEADERS);
    throw err;
  }
});
