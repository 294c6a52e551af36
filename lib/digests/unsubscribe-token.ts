import crypto from "node:crypto";

/**
 * The one-click unsubscribe token of an outside recipient: the project and recipient ids with an
 * HMAC-SHA-256 under the app's secret, so it cannot be made for another address, and needs no
 * table of its own. It stays valid as long as the recipient row does.
 */
export function unsubscribeToken(projectId: string, recipientId: string, secret: string): string {
  const body = Buffer.from(`${projectId}.${recipientId}`).toString("base64url");
  return `${body}.${sign(body, secret)}`;
}

/** The ids a token names, or null for a token that was not made with this secret. */
export function readUnsubscribeToken(token: string, secret: string): { projectId: string; recipientId: string } | null {
  if (token.length > 300) return null;
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  const [projectId, recipientId] = Buffer.from(body, "base64url").toString("utf8").split(".");
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return uuid.test(projectId ?? "") && uuid.test(recipientId ?? "") ? { projectId, recipientId } : null;
}

function sign(body: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(`unsubscribe:${body}`).digest("base64url");
}
