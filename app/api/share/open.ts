import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { openShareForRequest, type ShareLinkRow } from "@/db/share";
import type { ProjectScope } from "@/db/tenant";
import { errorResponse } from "@/lib/http";

/** Headers of every answer to a share link: no referrer, no indexing, no caching. */
export const SHARE_HEADERS = { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store" };

/**
 * The link behind a share API request, checked against the database (and its password cookie) on
 * every call, or the error answer to send: 401 while a password is needed, 404 otherwise.
 */
export async function openSharedReport(token: string): Promise<{ scope: ProjectScope; link: ShareLinkRow; error?: never } | { error: Response }> {
  const db = await getDb();
  const jar = await cookies();
  const opened = await openShareForRequest(db, token, (id) => jar.get(`trechter_share_${id}`)?.value);
  if (opened.state !== "ok") return { error: errorResponse(opened.state === "password" ? 401 : 404, `link_${opened.state}`, "This report link is not available.", {}, SHARE_HEADERS) };
  return { scope: opened.scope, link: opened.link };
}
