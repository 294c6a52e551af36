import type { Db } from "../../db/client";
import { createPasswordReset } from "../../db/account-tokens";
import { hitRateLimit } from "../../db/rate-limit";
import { RESET_LIMITS } from "../../lib/auth/limits";
import { isLocale, type Locale } from "../../lib/i18n/locales";
import { passwordResetMail } from "./account";
import { sendMail, type Delivery, type MailSettings } from "./send";

export type ResetOptions = {
  /** The reset page's URL for a token (the caller knows the host). */
  link: (token: string) => string;
  /** The language when the user has none stored: the requester's. */
  locale: Locale;
  mail: MailSettings;
  now?: Date;
};

/**
 * Mails a one-time reset link to the account with this address, in the user's language; nothing
 * happens for an unknown address (`{ status: "off" }`), and the caller answers the same either way.
 */
export async function sendPasswordReset(db: Db, email: string, opts: ResetOptions): Promise<Delivery> {
  const reset = await createPasswordReset(db, email, opts.now);
  if (!reset) return { status: "off" };
  const locale = reset.user.locale && isLocale(reset.user.locale) ? reset.user.locale : opts.locale;
  const content = passwordResetMail({ locale, name: reset.user.name, email: reset.user.email, link: opts.link(reset.token) });
  return sendMail(opts.mail, reset.user.email, content);
}

/**
 * Counts one reset request against the address asked about and the client's address, before
 * anything else happens; false when either is over its limit. Unknown addresses count the same.
 */
export async function resetRequestAllowed(db: Db, email: string, clientAddress: string): Promise<boolean> {
  const { perEmail, perAddress, windowSeconds } = RESET_LIMITS;
  const counts = await Promise.all([
    hitRateLimit(db, `reset:email:${email}`, perEmail, windowSeconds),
    hitRateLimit(db, `reset:address:${clientAddress}`, perAddress, windowSeconds),
  ]);
  return counts.every((c) => !c.limited);
}
