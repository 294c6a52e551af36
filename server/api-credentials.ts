import { getDb } from "../db/client";
import { unauthenticated } from "../lib/errors";
import { sessionUserId } from "./guard";
import { projectScopeForReadKey } from "../db/tenant";

/**
 * The gate in front of a JSON API body (server/api-route.ts readJson): the request must carry a known read
 * key (`Authorization: Bearer …`) or a signed-in session before a byte of its body is read, so a
 * stranger's upload is refused unread. It only gates: the route still resolves its scope (which
 * project, which role) through the tenant guard, as before.
 */
export async function requireApiCredentials(request: Request): Promise<void> {
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    await projectScopeForReadKey(await getDb(), bearer);
    return;
  }
  // No cookie at all cannot be a session: refused without asking next-auth.
  if (!request.headers.get("cookie") || !(await sessionUserId())) throw unauthenticated();
}
