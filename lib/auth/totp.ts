import { Secret, TOTP } from "otpauth";

/** RFC 6238 as authenticator apps use it: HMAC-SHA1, 30-second steps, 6 digits. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the step before and after the current one are accepted too (clock drift, typing time). */
export const TOTP_WINDOW = 1;

const totp = (secretBase32: string, digits = TOTP_DIGITS, label = "", issuer = "") =>
  new TOTP({ secret: Secret.fromBase32(secretBase32), algorithm: "SHA1", digits, period: TOTP_PERIOD_SECONDS, label, issuer });

/** A new random secret (160 bits, RFC 4226's recommendation), base32 as apps and people type it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, account: string, issuer = "Trechter"): string {
  return totp(secretBase32, TOTP_DIGITS, account, issuer).toString();
}

/** The 30-second step a time falls in (RFC 6238's T). */
export function totpStepAt(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a time (`digits` is 6 for sign-in; 8 only to check RFC 6238's test vectors). */
export function totpCode(secretBase32: string, atMs: number, digits = TOTP_DIGITS): string {
  return totp(secretBase32, digits).generate({ timestamp: atMs });
}

/**
 * The step `code` belongs to when it is right for the step of `atMs` or one step either side, else
 * null. The caller stores the step so the same code (or an older one) is never accepted twice.
 */
export function totpMatchStep(secretBase32: string, code: string, atMs: number): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp: atMs, window: TOTP_WINDOW });
  return delta === null ? null : totpStepAt(atMs) + delta;
}
