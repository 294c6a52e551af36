import crypto from "node:crypto";

/** Recovery codes per user, shown once when two-factor sign-in is turned on. */
export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 alphabet (no i, l, o, u): 12 characters carry 60 bits.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** `count` fresh codes, written `xxxx-xxxx-xxxx`. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = crypto.randomBytes(12);
    const chars = [...bytes].map((b) => ALPHABET[b & 31]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** The code as typed, reduced to its 12 characters (case, spaces and dashes do not matter); null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]+/g, "");
  return /^[0-9a-hjkmnp-tv-z]{12}$/.test(code) ? code : null;
}

/** The stored form: SHA-256 salted with the user's id (60 random bits need no stretching, and every try is rate-limited). */
export function hashRecoveryCode(userId: string, code: string): string {
  return crypto.createHash("sha256").update(`trechter-recovery:${userId}:${code}`).digest("hex");
}
