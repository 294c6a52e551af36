import type { Locale } from "../../lib/i18n/locales";
import { catalogues } from "../../lib/i18n/messages";
import { makeTranslate, type MessageKey } from "../../lib/i18n/translate";
import type { MailContent } from "./invite";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

type Parts = { subject: string; paragraphs: string[]; action?: { label: string; link: string }; after: string[] };

/** Plain text and simple HTML from the same paragraphs (every value escaped in the HTML). */
function compose(locale: Locale, parts: Parts, linkIntro: string): MailContent {
  const { subject, paragraphs, action, after } = parts;
  const text = [...paragraphs, ...(action ? [`${linkIntro}\n${action.link}`] : []), ...after].join("\n\n") + "\n";
  const link = action ? escapeHtml(action.link) : "";
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5">`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(action
      ? [
          `<p><a href="${link}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>`,
          `<p>${escapeHtml(linkIntro)}<br><a href="${link}">${link}</a></p>`,
        ]
      : []),
    ...after.map((p, i) => `<p${i === after.length - 1 ? ' style="color:#64748b"' : ""}>${escapeHtml(p)}</p>`),
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}

const translator = (locale: Locale) => makeTranslate(catalogues[locale], locale);

/** The password-reset mail, in the user's language: the one-time link and that it lasts an hour. */
export function passwordResetMail(input: { locale: Locale; name: string; email: string; link: string }): MailContent {
  const t = translator(input.locale);
  return compose(
    input.locale,
    {
      subject: t("account.mail.reset.subject"),
      paragraphs: [t("account.mail.greeting", { name: input.name }), t("account.mail.reset.body", { email: input.email })],
      action: { label: t("account.mail.reset.action"), link: input.link },
      after: [t("account.mail.expiry"), t("account.mail.reset.ignore")],
    },
    t("account.mail.linkIntro"),
  );
}

/** To the new address: the link that confirms it. */
export function emailConfirmMail(input: { locale: Locale; name: string; newEmail: string; link: string }): MailContent {
  const t = translator(input.locale);
  return compose(
    input.locale,
    {
      subject: t("account.mail.confirm.subject"),
      paragraphs: [t("account.mail.greeting", { name: input.name }), t("account.mail.confirm.body", { email: input.newEmail })],
      action: { label: t("account.mail.confirm.action"), link: input.link },
      after: [t("account.mail.expiry"), t("account.mail.confirm.ignore")],
    },
    t("account.mail.linkIntro"),
  );
}

/** To the old address: a change was asked for, and what to do if it was not the owner. No link. */
export function emailChangeNoticeMail(input: { locale: Locale; name: string; oldEmail: string; newEmail: string }): MailContent {
  const t = translator(input.locale);
  const key = (k: string) => `account.mail.notice.${k}` as MessageKey;
  return compose(
    input.locale,
    {
      subject: t(key("subject")),
      paragraphs: [t("account.mail.greeting", { name: input.name }), t(key("body"), { old: input.oldEmail, new: input.newEmail })],
      after: [t(key("advice"))],
    },
    t("account.mail.linkIntro"),
  );
}
