import crypto from "node:crypto";

/** A URL-safe random token with `bytes` bytes (≥ 16, i.e. ≥ 128 bits) from the OS CSPRNG. */
export function randomToken(bytes = 24): string {
  if (bytes < 16) throw new Error("tokens carry at least 128 bits");
  return crypto.randomBytes(bytes).toString("base64url");
}

/** The stored form of a key or token: SHA-256 hex. Keys are random, so no salt or stretching is needed. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export const WRITE_KEY_PREFIX = "tw_";
export const READ_KEY_PREFIX = "tr_";

export function newWriteKey(): string {
  return WRITE_KEY_PREFIX + randomToken(24);
}

export function newReadKey(): string {
  return READ_KEY_PREFIX + randomToken(24);
}

/** What a settings page may show of a key it cannot show whole. */
export function keyPrefix(key: string): string {
  return key.slice(0, 9) + "…";
}

function encryptionKey(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", secret, "trechter", "write-key-encryption", 32));
}

/** AES-256-GCM with a key derived from the app secret; output is iv.tag.ciphertext in base64url. */
export function encryptSecret(plain: string, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", encryptionKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

/** The inverse of encryptSecret; null when the secret changed or the value was tampered with. */
export function decryptSecret(sealed: string, secret: string): string | null {
  try {
    const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
    const decipher = crypto.createDecipheriv("aes-256-gcm", encryptionKey(secret), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
