import crypto from "node:crypto";

/**
 * Between the password and the code, the browser holds a short-lived signed challenge instead of the
 * password: it names the user, ends after CHALLENGE_SECONDS, and is bound to the password hash, so a
 * password change (or reset) voids challenges made with the old password.
 */
export const CHALLENGE_COOKIE = "trechter_2fa";
export const CHALLENGE_SECONDS = 5 * 60;

const mac = (secret: string, userId: string, expiresMs: number, passwordHash: string) =>
  crypto.createHmac("sha256", secret).update(`trechter-2fa:${userId}:${expiresMs}:${passwordHash}`).digest("base64url");

export function signChallenge(secret: string, userId: string, passwordHash: string, nowMs: number): string {
  const expiresMs = nowMs + CHALLENGE_SECONDS * 1000;
  return `${userId}.${expiresMs}.${mac(secret, userId, expiresMs, passwordHash)}`;
}

/** The user id a challenge names when it is well-formed and not expired (its signature is checked by verifyChallenge). */
export function challengeUser(value: string, nowMs: number): string | null {
  const [userId, expires, signature] = value.split(".");
  if (!userId || !signature || !/^[0-9a-f-]{36}$/i.test(userId) || !/^\d{1,15}$/.test(expires ?? "")) return null;
  return Number(expires) > nowMs ? userId : null;
}

/** Whether the challenge was signed by us for this user and password hash, and has not expired. */
export function verifyChallenge(secret: string, value: string, passwordHash: string, nowMs: number): boolean {
  const userId = challengeUser(value, nowMs);
  if (!userId) return false;
  const [, expires, signature] = value.split(".");
  const expected = Buffer.from(mac(secret, userId, Number(expires), passwordHash));
  const given = Buffer.from(signature);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
