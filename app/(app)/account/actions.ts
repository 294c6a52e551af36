"use server";

import { z } from "zod";
import { signOut } from "@/auth";
import { action, refuse } from "@/server/action";
import { mailOrigin, currentSessionId, mailSettings } from "@/server/account";
import { getLocale } from "@/server/i18n";
import { checkOwnPassword, deleteAccount, findUserById, setPassword } from "@/db/accounts";
import { createEmailChange } from "@/db/account-tokens";
import { hitRateLimit } from "@/db/rate-limit";
import {
  beginTotpSetup,
  disableTotp,
  enableTotp,
  replaceRecoveryCodes,
  setTeamRequiresTwoFactor,
  teamsRequiringTwoFactor,
} from "@/db/two-factor";
import { emailConfirmMail, emailChangeNoticeMail } from "@/server/mail/account";
import { sendMail } from "@/server/mail/send";
import { emailSchema, passwordSchema } from "@/lib/auth/validation";
import { authSecret } from "@/lib/config";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { getDb, type Db } from "@/db/client";

const fieldsNamed = (names: string[]) => (path: PropertyKey[]) => names[Number(path[0])] ?? "form";
const secret = z.string().max(1000);
const signedIn = { access: "signedIn", revalidate: () => ["/account"] } as const;

/** The current password, checked against the per-user limit; refuses beside `field` when wrong. */
/** Address changes a user may ask for per hour. */
const EMAIL_CHANGE_LIMIT = { tries: 3, windowSeconds: 3600 };

async function requirePassword(db: Db, userId: string, password: string, field: string) {
  const result = await checkOwnPassword(db, userId, password);
  if (result === "limited") throw refuse("rate_limited");
  if (result === "wrong") throw refuse("invalid_input", { [field]: "invalid" });
}

/** Changes the password (the current one is required); every other session of the user ends. */
export const changePasswordAction = action(
  { ...signedIn, input: z.tuple([secret, secret]), field: fieldsNamed(["currentPassword", "newPassword"]) },
  async ([current, next], { userId }) => {
    const parsed = passwordSchema.safeParse(next);
    if (!parsed.success) throw refuse("invalid_input", { newPassword: next.length < 10 ? "too_short" : "too_long" });
    const db = await getDb();
    await requirePassword(db, userId, current, "currentPassword");
    await setPassword(db, userId, parsed.data, await currentSessionId());
  },
);

/**
 * Asks to move the account to a new address (the current password is required): a one-hour link
 * goes to the new address, and the old one is told. The address changes only when the link is opened.
 */
export const requestEmailChangeAction = action(
  { ...signedIn, input: z.tuple([z.string().trim().max(320), secret]), field: fieldsNamed(["newEmail", "currentPassword"]) },
  async ([rawEmail, current], { userId }) => {
    const mail = mailSettings();
    const origin = mail && (await mailOrigin());
    if (!mail || !origin) throw refuse("unavailable");
    const parsed = emailSchema.safeParse(rawEmail);
    if (!parsed.success) throw refuse("invalid_input", { newEmail: "invalid" });
    const db = await getDb();
    const user = await findUserById(db, userId);
    if (!user) throw refuse("unauthenticated");
    if (parsed.data === user.email) throw refuse("invalid_input", { newEmail: "taken" });
    await requirePassword(db, userId, current, "currentPassword");
    // Each request mails an address the user chose and says whether another account has it: a few an hour.
    if ((await hitRateLimit(db, `account:email-change:${userId}`, EMAIL_CHANGE_LIMIT.tries, EMAIL_CHANGE_LIMIT.windowSeconds)).limited)
      throw refuse("rate_limited");
    const token = await createEmailChange(db, userId, parsed.data);
    const locale: Locale = user.locale && isLocale(user.locale) ? user.locale : await getLocale();
    const link = `${origin}/confirm-email/${token}`;
    const sent = await sendMail(mail, parsed.data, emailConfirmMail({ locale, name: user.name, newEmail: parsed.data, link }));
    if (sent.status === "failed") return { email: parsed.data, mailError: sent.reason };
    await sendMail(mail, user.email, emailChangeNoticeMail({ locale, name: user.name, oldEmail: user.email, newEmail: parsed.data }));
    return { email: parsed.data };
  },
);

/** Starts setting up two-factor sign-in: the secret and its otpauth URI (for the QR code), not yet in force. */
export const startTwoFactorAction = action({ ...signedIn, input: z.tuple([]) }, async (_, { userId }) =>
  beginTotpSetup(await getDb(), userId, authSecret()),
);

/** Turns two-factor sign-in on with a code from the app; returns the recovery codes, shown once. */
export const enableTwoFactorAction = action(
  { ...signedIn, input: z.tuple([z.string().max(20)]), field: fieldsNamed(["code"]) },
  async ([code], { userId }) => ({ recoveryCodes: await enableTotp(await getDb(), userId, code, authSecret()) }),
);

/** New recovery codes (the password is required); the old ones stop working. */
export const regenerateRecoveryCodesAction = action(
  { ...signedIn, input: z.tuple([secret]), field: fieldsNamed(["password"]) },
  async ([password], { userId }) => {
    const db = await getDb();
    await requirePassword(db, userId, password, "password");
    return { recoveryCodes: await replaceRecoveryCodes(db, userId) };
  },
);

/** Turns two-factor sign-in off (the password is required); refused while a team of the user requires it. */
export const disableTwoFactorAction = action(
  { ...signedIn, input: z.tuple([secret]), field: fieldsNamed(["password"]) },
  async ([password], { userId }) => {
    const db = await getDb();
    if ((await teamsRequiringTwoFactor(db, userId)).length) throw refuse("conflict");
    await requirePassword(db, userId, password, "password");
    await disableTotp(db, userId);
  },
);

/**
 * Deletes the signed-in user's account: the e-mail address typed as confirmation and the password
 * are required; refused (`conflict`) while they are the last owner of a team with other members.
 */
export const deleteAccountAction = action(
  { access: "signedIn", input: z.tuple([z.string().trim().max(320), secret]), field: fieldsNamed(["confirm", "password"]) },
  async ([confirm, password], { userId }) => {
    const db = await getDb();
    const user = await findUserById(db, userId);
    if (!user) throw refuse("unauthenticated");
    if (confirm.toLowerCase() !== user.email) throw refuse("invalid_input", { confirm: "invalid" });
    await requirePassword(db, userId, password, "password");
    const result = await deleteAccount(db, userId);
    if (!result.deleted) throw refuse("conflict");
    await signOut({ redirectTo: "/login?deleted=1" });
  },
);

/** The owner requires (or stops requiring) two-factor sign-in for the session's team. */
export const setTeamTwoFactorAction = action(
  { access: "owner", input: z.tuple([z.boolean()]), field: fieldsNamed(["required"]), revalidate: () => ["/team"] },
  async ([required], { team }) => setTeamRequiresTwoFactor(team, required),
);
