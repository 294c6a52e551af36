import nodemailer from "nodemailer";
import type { MailContent } from "./invite";

export type MailSettings = { smtpUrl: string; from: string };
export type Delivery = { status: "sent"; to: string } | { status: "failed"; to: string; reason: string } | { status: "off" };

/**
 * Sends one message over SMTP and never throws: a failure comes back as its reason. Short
 * timeouts, so an unreachable mail server delays the caller by seconds, not minutes.
 */
export async function sendMail(settings: MailSettings, to: string, content: MailContent): Promise<Delivery> {
  const transport = nodemailer.createTransport(settings.smtpUrl, {
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  } as nodemailer.TransportOptions);
  try {
    await transport.sendMail({ from: settings.from, to, subject: content.subject, text: content.text, html: content.html });
    return { status: "sent", to };
  } catch (err) {
    return { status: "failed", to, reason: mailErrorReason(err) };
  } finally {
    transport.close();
  }
}

/** A short reason for the UI, without the SMTP URL (it may carry a password). */
export function mailErrorReason(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  if (e?.responseCode && e.response) return e.response.slice(0, 200);
  const text = `${e?.code ?? ""} ${e?.message ?? ""}`;
  if (/ECONNREFUSED/.test(text)) return "the mail server refused the connection";
  if (/ETIMEDOUT|ETIMEOUT/.test(text)) return "the mail server did not answer in time";
  if (e?.code === "EAUTH") return "the mail server did not accept the login";
  if (/EDNS|ENOTFOUND|EAI_AGAIN/.test(text)) return "the mail server's host name is unknown";
  return (e?.message ?? String(err)).replace(/smtps?:\/\/[^\s]*/gi, "smtp://…").slice(0, 200);
}
