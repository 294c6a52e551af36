import { describe, it, expect } from "vitest";
import { totpCode, totpMatchStep, totpStepAt, newTotpSecret, totpUri } from "./totp";
import { newRecoveryCodes, normalizeRecoveryCode, hashRecoveryCode } from "./recovery-codes";
import { signChallenge, verifyChallenge, challengeUser } from "./two-factor-challenge";

// RFC 6238 appendix B, SHA-1: the secret is the ASCII "12345678901234567890" (base32 below), 8 digits.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP (RFC 6238)", () => {
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("gives the RFC's code at T=%i", (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it("gives 6-digit codes (the RFC's codes' last six digits)", () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe("287082");
    expect(totpCode(RFC_SECRET, 1111111109_000)).toBe("081804");
  });

  it("accepts the code of the step before and after, not two steps away", () => {
    const secret = newTotpSecret();
    const now = 1_800_000_015_000;
    const step = totpStepAt(now);
    expect(totpMatchStep(secret, totpCode(secret, now), now)).toBe(step);
    expect(totpMatchStep(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(totpMatchStep(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(totpMatchStep(secret, totpCode(secret, now - 60_000), now)).toBeNull();
    expect(totpMatchStep(secret, totpCode(secret, now + 60_000), now)).toBeNull();
  });

  it("refuses anything that is not six digits, and takes a code typed with a space", () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const code = totpCode(secret, now);
    expect(totpMatchStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(totpStepAt(now));
    expect(totpMatchStep(secret, code.slice(0, 5), now)).toBeNull();
    expect(totpMatchStep(secret, "abcdef", now)).toBeNull();
  });

  it("makes a 160-bit secret and an otpauth URI an app can read", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri(secret, "sanne@fietsen.nl"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Trechter");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(uri.searchParams.get("digits")).toBe("6");
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes that read back however they are typed", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    expect(normalizeRecoveryCode(` ${codes[0].toUpperCase()} `)).toBe(codes[0].replaceAll("-", ""));
    expect(normalizeRecoveryCode("123456")).toBeNull();
  });

  it("hash per user, so one user's stored code says nothing of another's", () => {
    expect(hashRecoveryCode("a", "0123456789ab")).not.toBe(hashRecoveryCode("b", "0123456789ab"));
  });
});

describe("the sign-in challenge between password and code", () => {
  const user = "7d3c1a9e-1111-4222-8333-944455556666";
  it("holds for five minutes, for the same password hash only", () => {
    const now = 1_800_000_000_000;
    const c = signChallenge("secret", user, "hash-1", now);
    expect(challengeUser(c, now)).toBe(user);
    expect(verifyChallenge("secret", c, "hash-1", now + 299_000)).toBe(true);
    expect(verifyChallenge("secret", c, "hash-1", now + 301_000)).toBe(false);
    expect(verifyChallenge("secret", c, "hash-2", now)).toBe(false);
    expect(verifyChallenge("other", c, "hash-1", now)).toBe(false);
    const [id, exp, sig] = c.split(".");
    expect(verifyChallenge("secret", `${id}.${Number(exp) + 60_000}.${sig}`, "hash-1", now)).toBe(false);
  });
});
