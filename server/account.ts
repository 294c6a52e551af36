import "server-only";
import { headers } from "next/headers";
import { auth } from "@/auth";
import { config } from "@/lib/config";
import { requestOrigin } from "@/server/origin";
import type { MailSettings } from "@/server/mail/send";

/** The id of this browser's session row (an account change keeps it and signs out the others). */
export async function currentSessionId(): Promise<string | null> {
  return (await auth())?.sessionId ?? null;
}

/** SMTP settings, or null when this server sends no mail (SMTP_URL unset). */
export function mailSettings(): MailSettings | null {
  const { SMTP_URL, MAIL_FROM } = config();
  return SMTP_URL ? { smtpUrl: SMTP_URL, from: MAIL_FROM } : null;
}

const LOOPBACK = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The origin of links this server mails (password reset, e-mail confirmation, invites): APP_URL, or
 * without it the request's own origin only when that names this machine (localhost, 127.x, [::1]:
 * `npm start` on a laptop). Null otherwise, and such mail is not sent: the Host header is the
 * client's to choose, and a stranger who asked for a victim's reset with `Host: attacker.example`
 * had the victim's token mailed to them as a link to the stranger's own server.
 */
export async function mailOrigin(): Promise<string | null> {
  if (config().APP_URL) return requestOrigin(await headers());
  const origin = requestOrigin(await headers());
  if (LOOPBACK.test(new URL(origin).hostname)) return origin;
  console.error(`[mail] not sending account mail with links for ${origin}: set APP_URL to this server's public origin`);
  return null;
}
