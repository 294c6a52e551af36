import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { eq } from "drizzle-orm";
import { describeEachDb } from "../../tests/db";
import { startSmtpServer } from "../../tests/smtp";
import { createAccount, findUserByEmail } from "../../db/accounts";
import { passwordResetOf, redeemPasswordReset } from "../../db/account-tokens";
import { createSession, sessionIsLive } from "../../db/sessions";
import { users } from "../../db/schema";
import { verifyPassword } from "../../lib/auth/password";
import { sendPasswordReset, resetRequestAllowed } from "./password-reset";

const origin = "https://trechter.example.nl";
const link = (token: string) => `${origin}/reset-password/${token}`;
const tokenIn = (body: string) => body.match(/\/reset-password\/([A-Za-z0-9_-]+)/)?.[1];

describe("password reset by e-mail", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());
  const mail = () => ({ smtpUrl: smtp.url, from: "Trechter <no-reply@trechter.test>" });

  describeEachDb("reset links", (db) => {
    const email = "sanne@fietsen.nl";
    beforeAll(async () => {
      await createAccount(db(), { name: "Sanne", email, password: "old password 123" });
    });

    it("mails a link in the text and the HTML that sets a new password once, and signs out every session", async () => {
      const user = (await findUserByEmail(db(), email))!;
      const session = await createSession(db(), user.id, 3600);
      const before = smtp.received.length;
      const delivery = await sendPasswordReset(db(), "Sanne@Fietsen.nl", { link, locale: "en", mail: mail() });
      expect(delivery).toEqual({ status: "sent", to: email });
      const received = smtp.received.slice(before);
      expect(received).toHaveLength(1);
      expect(received[0].to).toEqual([email]);
      expect(received[0].subject).toBe("Reset your Trechter password");
      const token = tokenIn(received[0].text)!;
      expect(token).toBeTruthy();
      expect(received[0].html).toContain(`href="${link(token)}"`);
      expect(received[0].text).toContain("expires in one hour");

      expect(await passwordResetOf(db(), token)).toEqual({ userId: user.id, email });
      expect(await redeemPasswordReset(db(), token, "new password 456")).toEqual({ userId: user.id, email });
      const after = (await findUserByEmail(db(), email))!;
      expect(await verifyPassword(after.passwordHash, "new password 456")).toBe(true);
      expect(await verifyPassword(after.passwordHash, "old password 123")).toBe(false);
      expect(await sessionIsLive(db(), session, user.id)).toBe(false);

      // The same link a second time: refused, and the password stays.
      expect(await passwordResetOf(db(), token)).toBeNull();
      expect(await redeemPasswordReset(db(), token, "third password 789")).toBeNull();
      expect(await verifyPassword((await findUserByEmail(db(), email))!.passwordHash, "new password 456")).toBe(true);
    });

    it("works for an hour and not after (the clock is the test's)", async () => {
      const t0 = new Date("2026-12-03T10:00:00Z");
      const send = async () => {
        const before = smtp.received.length;
        await sendPasswordReset(db(), email, { link, locale: "en", mail: mail(), now: t0 });
        return tokenIn(smtp.received[before].text)!;
      };
      const late = await send();
      expect(await passwordResetOf(db(), late, new Date(t0.getTime() + 61 * 60_000))).toBeNull();
      expect(await redeemPasswordReset(db(), late, "too late password", new Date(t0.getTime() + 61 * 60_000))).toBeNull();
      const inTime = await send();
      // A newer link replaces the older one.
      expect(await passwordResetOf(db(), late, t0)).toBeNull();
      expect(await redeemPasswordReset(db(), inTime, "in time password", new Date(t0.getTime() + 59 * 60_000))).not.toBeNull();
      expect(await verifyPassword((await findUserByEmail(db(), email))!.passwordHash, "in time password")).toBe(true);
    });

    it("sends nothing for an unknown address (the caller answers the same)", async () => {
      const before = smtp.received.length;
      expect(await sendPasswordReset(db(), "nobody@fietsen.nl", { link, locale: "en", mail: mail() })).toEqual({ status: "off" });
      expect(smtp.received.length).toBe(before);
    });

    it("writes to the user in their own language", async () => {
      await db().update(users).set({ locale: "nl" }).where(eq(users.email, email));
      const before = smtp.received.length;
      await sendPasswordReset(db(), email, { link, locale: "en", mail: mail() });
      const received = smtp.received[before];
      expect(received.subject).toBe("Nieuw wachtwoord voor Trechter");
      expect(received.text).toContain("Hallo Sanne,");
      expect(received.text).toContain("verloopt na een uur");
    });

    it("allows 3 requests per address asked about and 10 per client address an hour, known or not", async () => {
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await resetRequestAllowed(db(), "ghost@fietsen.nl", "203.0.113.7"));
      expect(results).toEqual([true, true, true, false]);
      // Another address from the same client still works, until the client's own limit.
      const client = [];
      for (let i = 0; i < 7; i++) client.push(await resetRequestAllowed(db(), `other${i}@fietsen.nl`, "203.0.113.7"));
      expect(client).toEqual([true, true, true, true, true, true, false]);
      expect(await resetRequestAllowed(db(), "ghost2@fietsen.nl", "198.51.100.1")).toBe(true);
    });
  });
});
