import type { Locale } from "../../lib/i18n/locales";
import { intlTag } from "../../lib/i18n/locales";
import { formatters } from "../../lib/i18n/format";
import type { AlertReason } from "../../lib/alerts/types";
import type { MailContent } from "../mail/invite";
import { dayLabel, escapeHtml as h, translator } from "../digest/format";

/** The alert e-mail in the member's language: what fired, why (the figures behind it), and a link to the project. */
export function alertMail(input: {
  locale: Locale;
  rule: string;
  project: string;
  target: string;
  reason: AlertReason;
  openedAt: Date;
  timeZone: string;
  link: string;
}): MailContent {
  const { locale, reason, timeZone } = input;
  const t = translator(locale);
  const f = formatters(locale);
  const time = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: "medium", timeStyle: "short", timeZone });
  let why: string;
  if (reason.condition === "no_events") {
    why = reason.lastEventAt
      ? t("digests.alertMail.noEvents", { count: reason.hours, last: time.format(new Date(reason.lastEventAt)) })
      : t("digests.alertMail.noEventsEver");
  } else {
    const common = {
      target: input.target,
      rate: f.percent(reason.rate),
      converted: f.number(reason.converted),
      visitors: f.number(reason.visitors),
      from: dayLabel(new Date(reason.from), timeZone, locale),
      to: dayLabel(new Date(new Date(reason.to).getTime() - 1), timeZone, locale),
    };
    why =
      reason.condition === "below"
        ? t("digests.alertMail.below", { ...common, threshold: f.percent(reason.threshold) })
        : t("digests.alertMail.drop", { ...common, low: f.percent(reason.low), baseline: f.percent(reason.baseline) });
  }
  const fired = t("digests.alertMail.fired", { rule: input.rule, project: input.project, time: time.format(input.openedAt) });
  const once = t("digests.alertMail.once");
  const open = t("digests.alertMail.open");
  return {
    subject: t("digests.alertMail.subject", { rule: input.rule }),
    text: [fired, why, `${open}: ${input.link}`, once].join("\n\n") + "\n",
    html: [
      `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5">`,
      `<p><strong>${h(fired)}</strong></p>`,
      `<p>${h(why)}</p>`,
      `<p><a href="${h(input.link)}" style="display:inline-block;background:#2546dc;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${h(open)}</a></p>`,
      `<p style="color:#64748b">${h(once)}</p>`,
      `</body></html>`,
    ].join("\n"),
  };
}
