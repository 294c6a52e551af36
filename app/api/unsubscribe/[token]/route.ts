import { z } from "zod";
import { getDb } from "@/db/client";
import { unsubscribeByToken } from "@/db/digests-send";
import { authSecret } from "@/lib/config";
import { errorResponse, route } from "@/server/api-route";

const params = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{10,200}\.[A-Za-z0-9_-]{43}$/, "Not an unsubscribe link.") });

/**
 * One-click unsubscribe (RFC 8058): the mail's List-Unsubscribe URL, which mail programs POST
 * (`List-Unsubscribe=One-Click`) without asking; the unsubscribe page's button posts here too and
 * is sent back to the page. A GET does nothing (mail scanners open links), so there is none.
 */
export const POST = route(async (request: Request, context: { params: Promise<{ token: string }> }) => {
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) return errorResponse(404, "not_found", "This unsubscribe link is not valid.");
  const { token } = parsed.data;
  const target = await unsubscribeByToken(await getDb(), token, authSecret());
  if (!target) return errorResponse(404, "not_found", "This unsubscribe link is not valid.");
  if ((request.headers.get("accept") ?? "").includes("text/html")) {
    return new Response(null, { status: 303, headers: { location: `/unsubscribe/${token}` } });
  }
  return new Response("Unsubscribed.\n", { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
});
