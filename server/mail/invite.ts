import type { Locale } from "../../lib/i18n/locales";
import { catalogues } from "../../lib/i18n/messages";
import { makeTranslate } from "../../lib/i18n/translate";
import { formatters } from "../../lib/i18n/format";

export type InviteMailInput = {
  locale: Locale;
  teamName: string;
  /** The inviter's name; null when the invite came from the operator's CLI. */
  inviterName: string | null;
  role: "owner" | "admin" | "viewer";
  link: string;
  expiresAt: Date;
};

export type MailContent = { subject: string; text: string; html: string };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The invite e-mail in the inviter's language: subject, plain text, and simple HTML (names escaped). */
export function inviteMail(input: InviteMailInput): MailContent {
  const t = makeTranslate(catalogues[input.locale], input.locale);
  const f = formatters(input.locale);
  const inviter = input.inviterName?.trim() || t("team.mail.someone");
  const role = t(`app.roles.${input.role}`).toLowerCase();
  const date = f.date(input.expiresAt);
  const values = { inviter, team: input.teamName, role, date };
  const subject = t("team.mail.subject", values);
  const paragraphs = [t("team.mail.greeting"), t("team.mail.body", values)];
  const text =
    [...paragraphs, `${t("team.mail.linkIntro")}\n${input.link}`, t("team.mail.expiry", values), t("team.mail.ignore")].join("\n\n") + "\n";
  const link = escapeHtml(input.link);
  const html = [
    `<!doctype html><html lang="${input.locale}"><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5">`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${link}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(t("team.mail.action"))}</a></p>`,
    `<p>${escapeHtml(t("team.mail.linkIntro"))}<br><a href="${link}">${link}</a></p>`,
    `<p>${escapeHtml(t("team.mail.expiry", values))}</p>`,
    `<p style="color:#64748b">${escapeHtml(t("team.mail.ignore"))}</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}
