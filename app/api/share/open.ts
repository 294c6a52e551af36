import { getDb } from "@/db/client";
import { openShareForRequest, type ShareLinkRow } from "@/db/share";
import { sharePasswordCookie } from "@/lib/share-cookie";
import { sharedQuery, sharedReportExists } from "@/db/share-report";
import type { ProjectScope } from "@/db/tenant";
import { errorResponse, route } from "@/server/api-route";
import type { ShareEndpoint, SharedQuery } from "@/lib/share-query";

/** Headers of every answer to a share link: no referrer, no indexing, no caching. */
export const SHARE_HEADERS = { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store" };

/** A cookie of the request by name (the share routes read the Request itself, not a request-scoped store). */
function cookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

type Opened = { scope: ProjectScope; link: ShareLinkRow; query: SharedQuery };

/**
 * One share API endpoint: the link behind the token, checked against the database (and its password
 * cookie) on every call, its report still there, and the whole query parsed strictly against the link
 * (lib/share-query). Answers 401 while a password is needed, 404 for an unknown, revoked or expired
 * link, 410 when the shared funnel was deleted, 400 for anything the report does not offer.
 */
export function shareRoute(endpoint: ShareEndpoint, handler: (opened: Opened, request: Request) => Promise<Response>) {
  return route<{ params: Promise<{ token: string }> }>(
    async (request, { params }) => {
      const { token } = await params;
      const db = await getDb();
      const opened = await openShareForRequest(db, token, (id) => cookie(request, sharePasswordCookie(id)));
      if (opened.state !== "ok")
        return errorResponse(
          opened.state === "password" ? 401 : 404,
          `link_${opened.state}`,
          "This report link is not available.",
          {},
          SHARE_HEADERS,
        );
      if (!(await sharedReportExists(opened.scope, opened.link)))
        return errorResponse(410, "report_gone", "This report no longer exists.", {}, SHARE_HEADERS);
      // A query the link does not offer throws ShareQueryError, an input error: route() answers 400, with SHARE_HEADERS.
      const query = sharedQuery(opened.scope, opened.link, endpoint, new URL(request.url).searchParams);
      return handler({ scope: opened.scope, link: opened.link, query }, request);
    },
    { headers: SHARE_HEADERS },
  );
}
