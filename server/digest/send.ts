import nodemailer from "nodemailer";
import { mailErrorReason, type MailSettings } from "../mail/send";
import type { DigestMail } from "./mail-parts";

export type Outgoing = DigestMail & {
  to: string;
  messageId: string;
  /** RFC 8058: a one-click unsubscribe URL that takes a POST (outside recipients) */
  listUnsubscribe: string | null;
};

/** An SMTP transport for one job's sends (one connection reused for its recipients). */
export function digestTransport(settings: MailSettings) {
  const transport = nodemailer.createTransport(settings.smtpUrl, {
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 20_000,
  } as nodemailer.TransportOptions);
  return {
    /** Sends one message; a refusal or a broken connection comes back as its reason, never thrown. */
    async send(m: Outgoing): Promise<{ sent: true } | { sent: false; error: string }> {
      try {
        await transport.sendMail({
          from: settings.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          messageId: m.messageId,
          attachments: m.attachments.map((a) => ({ ...a, contentDisposition: "inline" as const })),
          ...(m.listUnsubscribe
            ? {
                list: { unsubscribe: { url: m.listUnsubscribe, comment: "Unsubscribe" } },
                headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
              }
            : {}),
        });
        return { sent: true };
      } catch (err) {
        return { sent: false, error: mailErrorReason(err) };
      }
    },
    close: () => transport.close(),
  };
}
