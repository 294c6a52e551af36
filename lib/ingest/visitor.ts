import crypto from "node:crypto";

/**
 * A visitor without cookies or storage, the way Plausible counts one: a keyed hash of the site,
 * the client's address and its user agent under a salt that changes every day and is deleted after
 * two (db/visitor-salts.ts). The address is used for this hash only and never stored; once a day's
 * salt is gone, nobody (Trechter included) can tell which address a hash came from. The same
 * person is one visitor within a day and a new one the next day, on another network or browser.
 */
export function dailyVisitorId(salt: Buffer, site: string, clientIp: string | null, userAgent: string | null): string {
  const mac = crypto.createHmac("sha256", salt);
  mac.update([site.toLowerCase(), clientIp ?? "", userAgent ?? ""].join("\n"));
  return "v1-" + mac.digest("base64url").slice(0, 22);
}

/** The UTC day a salt belongs to (`2026-12-03`). */
export function saltDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
