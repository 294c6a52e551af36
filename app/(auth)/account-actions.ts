"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, refuse } from "@/server/action";
import { currentSessionId, mailOrigin, mailSettings } from "@/server/account";
import { getLocale } from "@/server/i18n";
import { getDb } from "@/db/client";
import { clearRateLimit } from "@/db/rate-limit";
import { redeemPasswordReset, confirmEmailChange } from "@/db/account-tokens";
import { resetRequestAllowed, sendPasswordReset } from "@/server/mail/password-reset";
import { emailSchema, passwordSchema } from "@/lib/auth/validation";
import { clientAddress } from "@/lib/auth/client-address";
import { loginLimitKeys } from "@/auth";

const token = z.string().max(200);
const fieldsNamed = (names: string[]) => (path: PropertyKey[]) => names[Number(path[0])] ?? "form";

/**
 * Mails a reset link when the address has an account. The answer is the same whether it has one
 * or not, and comes before the mail is made and sent, so neither its words nor its timing tell.
 * Limited per address asked about and per client address (unknown addresses count too).
 */
export const requestPasswordResetAction = action(
  { access: "public", input: z.tuple([z.string().trim().max(320)]), field: fieldsNamed(["email"]) },
  async ([raw]) => {
    const mail = mailSettings();
    if (!mail) throw refuse("unavailable");
    const parsed = emailSchema.safeParse(raw);
    if (!parsed.success) throw refuse("invalid_input", { email: "invalid" });
    const email = parsed.data;
    const db = await getDb();
    if (!(await resetRequestAllowed(db, email, clientAddress(await headers())))) throw refuse("rate_limited");
    const origin = await mailOrigin();
    if (!origin) throw refuse("unavailable");
    const locale = await getLocale();
    void sendPasswordReset(db, email, { link: (t) => `${origin}/reset-password/${t}`, locale, mail }).then(
      (delivery) => delivery.status === "failed" && console.error(`[mail] password reset not sent: ${delivery.reason}`),
      (err: unknown) => console.error("[mail] password reset failed", err),
    );
    return { email };
  },
);

/** Sets a new password with a reset link (once, within the hour); every session ends, and the login page says so. */
export const resetPasswordAction = action(
  { access: "public", input: z.tuple([token, z.string().max(1000)]), field: fieldsNamed(["token", "password"]) },
  async ([resetToken, password]) => {
    const parsed = passwordSchema.safeParse(password);
    if (!parsed.success) throw refuse("invalid_input", { password: password.length < 10 ? "too_short" : "too_long" });
    const db = await getDb();
    const done = await redeemPasswordReset(db, resetToken, parsed.data);
    if (!done) throw refuse("not_found");
    // Proving the address is as good as the password: earlier failed logins no longer hold the account back.
    await clearRateLimit(db, loginLimitKeys(done.email, "").account);
    redirect("/login?reset=1");
  },
);

/** Confirms a new e-mail address from the link mailed to it; every other session of the user ends. */
export const confirmEmailChangeAction = action(
  { access: "public", input: z.tuple([token]), field: fieldsNamed(["token"]) },
  async ([changeToken]) => {
    const done = await confirmEmailChange(await getDb(), changeToken, await currentSessionId());
    if (!done) throw refuse("not_found");
    return { email: done.newEmail };
  },
);
