import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { openShareForRequest } from "@/db/share";
import { sharedFunnelResults } from "@/db/share-report";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { errorResponse, json, route } from "@/lib/http";

const HEADERS = { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store" };

/** Results of the one report a share link opens; checked against the database on every request. */
export const GET = route<{ params: Promise<{ token: string }> }>(async (request, { params }) => {
  const { token } = await params;
  const db = await getDb();
  const jar = await cookies();
  const opened = await openShareForRequest(db, token, (id) => jar.get(`trechter_share_${id}`)?.value);
  if (opened.state !== "ok") return errorResponse(opened.state === "password" ? 401 : 404, `link_${opened.state}`, "This report link is not available.", {}, HEADERS);
  try {
    const q = parseRangeParams(new URL(request.url).searchParams, opened.scope.project.timeZone);
    return json(await sharedFunnelResults(opened.scope, opened.link, q), { headers: HEADERS });
  } catch (err) {
    if (err instanceof RangeParamsError) return errorResponse(400, "invalid_input", err.message, {}, HEADERS);
    throw err;
  }
});
