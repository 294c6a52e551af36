import crypto from "node:crypto";

/**
 * OWASP's "device cookie" against lockout: after a successful login the browser gets a cookie
 * that proves it once knew the account's password. When an account is under a distributed attack
 * (too many failures from everywhere), untrusted clients are refused but a browser with this
 * cookie still gets its own tries, so an attacker cannot lock the owner out.
 */
export const DEVICE_COOKIE = "trechter_device";
export const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600;

export function deviceToken(secret: string, email: string): string {
  return crypto.createHmac("sha256", secret).update(`trechter-device:${email.trim().toLowerCase()}`).digest("base64url");
}

/** Whether the Cookie header holds this account's device cookie. */
export function isKnownDevice(secret: string, email: string, cookieHeader: string | null): boolean {
  const value = cookieHeader
    ?.split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${DEVICE_COOKIE}=`))
    ?.slice(DEVICE_COOKIE.length + 1);
  if (!value) return false;
  const expected = Buffer.from(deviceToken(secret, email));
  const given = Buffer.from(value);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
