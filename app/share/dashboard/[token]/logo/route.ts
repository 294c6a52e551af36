import { getDb } from "@/db/client";
import { openDashboardShare } from "@/db/dashboards-share";
import { dashboardShareCookie } from "@/lib/dashboards/types";
import { route, errorResponse } from "@/server/api-route";

/** Cookies of the request by name (a route reads the Request itself). */
function cookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The client logo of a dashboard link: only while the link opens (password cookie included), as the
 * PNG, JPEG or WebP its bytes were checked to be when it was uploaded, never sniffed as anything else
 * and never run as a document (nosniff, a CSP that allows nothing, an attachment-safe disposition).
 */
export const GET = route<{ params: Promise<{ token: string }> }>(async (request, { params }) => {
  const { token } = await params;
  const opened = await openDashboardShare(await getDb(), token, { proofCookie: (id) => cookie(request, dashboardShareCookie(id)) });
  const headers = { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "private, no-store" };
  if (opened.state !== "ok" || !opened.link.logo || !opened.link.logoType)
    return errorResponse(404, "not_found", "No logo here.", {}, headers);
  return new Response(Buffer.from(opened.link.logo), {
    headers: {
      ...headers,
      "Content-Type": opened.link.logoType,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Content-Disposition": 'inline; filename="logo"',
    },
  });
});
