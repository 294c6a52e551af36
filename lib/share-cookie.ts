import crypto from "node:crypto";

/** The cookie that carries a share link's password proof: one per link, set by the password form, read by the page and its API. */
export function sharePasswordCookie(linkId: string): string {
  return `trechter_share_${linkId}`;
}

/** What the browser keeps after entering a share link's password: bound to the token and the current password hash. */
export function sharePasswordProof(token: string, passwordHash: string): string {
  return crypto.createHash("sha256").update(`${token}\n${passwordHash}`).digest("base64url");
}

export function sharePasswordOk(cookie: string | undefined, token: string, passwordHash: string): boolean {
  if (!cookie) return false;
  const expected = Buffer.from(sharePasswordProof(token, passwordHash));
  const given = Buffer.from(cookie);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
