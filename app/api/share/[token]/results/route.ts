import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { openShareLink } from "@/db/share";
import { sharedFunnelResults } from "@/db/share-report";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { sharePasswordOk } from "@/lib/share-cookie";
import { errorResponse, json, route } from "@/lib/http";

const HEADERS = { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store" };

/** Results of the one report a share link opens; checked against the database on every request. */
export const GET = route<{ params: Promise<{ token: string }> }>(async (request, { params }) => {
  const { token } = await params;
  const db = await getDb();
  const probe = await openShareLink(db, token, { touch: false, passwordOk: true });
  const passwordOk = probe.state === "ok" && probe.link.passwordHash ? sharePasswordOk((await cookies()).get(`trechter_share_${probe.link.id}`)?.value, token, probe.link.passwordHash) : true;
  const opened = await openShareLink(db, token, { touch: false, passwordOk });
  if (opened.state !== "ok") return errorResponse(opened.state === "password" ? 401 : 404, `link_${opened.state}`, "This report link is not available.", {}, HEADERS);
  try {
    const q = parseRangeParams(new URL(request.url).searchParams, opened.scope.project.timeZone);
    return json(await sharedFunnelResults(opened.scope, opened.link, q), { headers: HEADERS });
  } catch (err) {
    if (err instanceof RangeParamsError) return errorResponse(400, "invalid_input", err.message, {}, HEADERS);
    throw err;
  }
});
