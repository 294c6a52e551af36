import { eq } from "drizzle-orm";
import { z } from "zod";
import type { TeamScope } from "../../db/tenant";
import { users } from "../../db/schema";
import { createInvite, inviteInputSchema } from "../../db/members";
import { inviteMail } from "./invite";
import { sendMail, type Delivery, type MailSettings } from "./send";
import type { Locale } from "../../lib/i18n/locales";

export type InviteOptions = {
  /** The invite page's URL for a token (the caller knows the host). */
  link: (token: string) => string;
  /** The inviter's language; the e-mail is written in it. */
  locale: Locale;
  /** SMTP settings; without them nothing is sent and the link is only shown. */
  mail?: MailSettings | null;
};

/**
 * Creates an invite, then e-mails its link when SMTP is configured. The invite is stored first and
 * stays whatever the mail server does: a failed send comes back as `delivery.reason`, never as an error.
 */
export async function inviteMember(scope: TeamScope, input: z.input<typeof inviteInputSchema>, opts: InviteOptions) {
  const { invite, token } = await createInvite(scope, input);
  const link = opts.link(token);
  let delivery: Delivery = { status: "off" };
  if (opts.mail?.smtpUrl) {
    const [inviter] =
      scope.userId === "operator" ? [] : await scope.db.select({ name: users.name }).from(users).where(eq(users.id, scope.userId));
    const content = inviteMail({
      locale: opts.locale,
      teamName: scope.teamName,
      inviterName: inviter?.name ?? null,
      role: invite.role,
      link,
      expiresAt: invite.expiresAt,
    });
    delivery = await sendMail(opts.mail, invite.email, content);
  }
  return { invite, token, link, delivery };
}
