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

/** An absolute link on this app (APP_URL, or the request's own origin as server/origin resolves it). */
export async function appLink(path: string): Promise<string> {
  return `${requestOrigin(await headers())}${path}`;
}
