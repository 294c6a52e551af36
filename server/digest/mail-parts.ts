import type { Locale } from "../../lib/i18n/locales";
import { formatters } from "../../lib/i18n/format";
import { MIN_VISITORS_FOR_RATE } from "../../lib/stats/wilson";
import type { DigestFrequency } from "../../lib/digests/types";
import type { ReportData } from "./data";
import type { ReportNote } from "./notes";
import { escapeHtml as h, shortDay, translator } from "./format";

/** The pieces a report's mail and a dashboard's mail share: the tables, the notes, the frame around them. */

type T = ReturnType<typeof translator>;
type F = ReturnType<typeof formatters>;

export type DigestMail = {
  subject: string;
  text: string;
  html: string;
  attachments: { cid: string; filename: string; content: Buffer; contentType: "image/png" }[];
};

export type DigestMailInput = {
  locale: Locale;
  frequency: DigestFrequency;
  teamName: string;
  liveLink: string;
  /** outside recipients: their one-click unsubscribe page; members change their schedules in the app */
  unsubscribeLink: string | null;
};

/** A mail's text and HTML for one part of the body. */
export type Part = { text: string; html: string };

export function htmlTable(head: string[], rows: string[][]): string {
  const td = 'style="padding:6px 10px;border-bottom:1px solid #e2e8f0;text-align:right"';
  const th = 'style="padding:6px 10px;border-bottom:2px solid #cbd5e1;text-align:right;font-weight:600"';
  const left = (s: string) => s.replace("text-align:right", "text-align:left");
  return (
    `<table role="presentation" cellspacing="0" style="border-collapse:collapse;width:100%;font-size:14px">` +
    `<tr>${head.map((c, i) => `<th ${i ? th : left(th)}>${h(c)}</th>`).join("")}</tr>` +
    rows.map((r) => `<tr>${r.map((c, i) => `<td ${i ? td : left(td)}>${h(c)}</td>`).join("")}</tr>`).join("") +
    `</table>`
  );
}

/** An inline chart image (cid:) with its caption below. */
export const htmlImage = (cid: string, caption: string) =>
  `<img src="cid:${h(cid)}" width="600" alt="${h(caption)}" style="width:100%;max-width:600px;height:auto;display:block;margin:12px 0 0">` +
  `\n<p style="font-size:13px;color:#475569;margin-top:0">${h(caption)}</p>`;

/** The headline of a funnel report against the period before: rows of [what, this period, the period before]. */
export function headlineRows(hl: ReportData["headline"], t: T, f: F): [string, string, string][] {
  return [
    [t("digests.mail.entered"), f.number(hl.entered), f.number(hl.previousEntered)],
    [t("digests.mail.converted"), f.number(hl.converted), f.number(hl.previousConverted)],
    [t("digests.mail.rate"), f.percent(hl.rate.rate), f.percent(hl.previousRate.rate)],
    [t("digests.mail.interval"), f.interval(hl.rate.low, hl.rate.high), f.interval(hl.previousRate.low, hl.previousRate.high)],
  ];
}

/** The sector benchmark and its verdict, as far as the interval allows. */
export function benchmarkLines(bm: ReportData["benchmark"], locale: Locale): string[] {
  if (!bm) return [];
  const t = translator(locale);
  const f = formatters(locale);
  return [
    t("digests.mail.benchmark", { rate: f.percent(bm.rate), label: bm.label[locale] }),
    t(`digests.mail.verdict.${bm.verdict}`, { n: f.number(MIN_VISITORS_FOR_RATE) }),
  ];
}

/** A funnel's steps as a table. */
export function stepTable(data: ReportData, t: T, f: F): { head: string[]; rows: string[][] } {
  return {
    head: [t("digests.mail.step"), t("digests.mail.visitors"), t("digests.mail.fromStart"), t("digests.mail.fromPrevious")],
    rows: data.steps.map((s, i) => [s.name, f.number(s.visitors), f.percent(s.fromStart), i === 0 ? "" : f.percent(s.fromPrevious)]),
  };
}

/** A funnel report's figures: headline against the period before, change, benchmark, as text and HTML. */
export function funnelFigures(data: ReportData, periodText: string, locale: Locale): Part {
  const t = translator(locale);
  const f = formatters(locale);
  const rows = headlineRows(data.headline, t, f);
  const change = `${t("digests.mail.change")}: ${f.signedPercent(data.headline.change)}`;
  const bm = benchmarkLines(data.benchmark, locale);
  return {
    text: [rows.map(([a, b, c]) => `${a}: ${b} (${t("digests.mail.previous").toLowerCase()}: ${c})`).join("\n"), change, ...bm].join(
      "\n\n",
    ),
    html: [
      htmlTable(["", periodText, t("digests.mail.previous")], rows),
      `<p style="font-weight:600">${h(change)}</p>`,
      ...bm.map((l) => `<p>${h(l)}</p>`),
    ].join("\n"),
  };
}

/** The notes (annotations) of the period, one line each with its days in the reader's format. */
export function noteLines(notes: ReportNote[], locale: Locale): string[] {
  return notes.map(
    (n) => `${n.from === n.to ? shortDay(n.from, locale) : `${shortDay(n.from, locale)} – ${shortDay(n.to, locale)}`}: ${n.text}`,
  );
}

/**
 * The whole mail around its body: project, title and period on top, the intro, the body's parts,
 * the period's notes, the live link, why the reader gets it and how to stop it.
 */
export function composeMail(
  head: { projectName: string; title: string; period: string; previous: string; notes: ReportNote[] },
  body: Part[],
  input: DigestMailInput,
  attachments: DigestMail["attachments"],
): DigestMail {
  const { locale } = input;
  const t = translator(locale);
  const intro = t("digests.mail.intro", { project: head.projectName, period: head.period, previous: head.previous });
  const notes = noteLines(head.notes, locale);
  const why = t("digests.mail.why", {
    team: input.teamName,
    frequency: t(`digests.mail.frequency.${input.frequency}`),
    project: head.projectName,
  });
  const footer = input.unsubscribeLink ? `${t("digests.mail.unsubscribe")}: ${input.unsubscribeLink}` : t("digests.mail.memberFooter");
  const text = [
    `${head.projectName} · ${head.title} · ${head.period}`,
    intro,
    ...body.map((p) => p.text),
    notes.length ? `${t("digests.mail.notes")}:\n${notes.join("\n")}` : t("digests.mail.noNotes"),
    `${t("digests.mail.openIntro")}\n${input.liveLink}`,
    why,
    footer,
  ].join("\n\n");
  const link = h(input.liveLink);
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
    `<body style="margin:0;padding:16px;background:#f8fafc;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#0f172a;line-height:1.5">`,
    `<div style="max-width:640px;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:20px">`,
    `<p style="margin:0;color:#475569;font-size:13px">${h(head.projectName)}</p>`,
    `<h1 style="margin:4px 0 2px;font-size:20px">${h(head.title)}</h1>`,
    `<p style="margin:0 0 12px;color:#475569">${h(head.period)}</p>`,
    `<p>${h(intro)}</p>`,
    ...body.map((p) => p.html),
    `<h2 style="font-size:16px;margin:16px 0 4px">${h(t("digests.mail.notes"))}</h2>`,
    notes.length ? `<ul>${notes.map((n) => `<li>${h(n)}</li>`).join("")}</ul>` : `<p>${h(t("digests.mail.noNotes"))}</p>`,
    `<p><a href="${link}" style="display:inline-block;background:#2546dc;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${h(t("digests.mail.open"))}</a></p>`,
    `<p style="font-size:13px">${h(t("digests.mail.openIntro"))}<br><a href="${link}">${link}</a></p>`,
    `<p style="font-size:12px;color:#64748b">${h(why)}<br>`,
    input.unsubscribeLink
      ? `<a href="${h(input.unsubscribeLink)}" style="color:#64748b">${h(t("digests.mail.unsubscribe"))}</a>`
      : h(t("digests.mail.memberFooter")),
    `</p></div></body></html>`,
  ].join("\n");
  return {
    subject: t("digests.mail.subject", { report: `${head.projectName} · ${head.title}`, period: head.period }),
    text: text + "\n",
    html,
    attachments,
  };
}
