import type { Locale } from "../../lib/i18n/locales";
import { formatters } from "../../lib/i18n/format";
import { MIN_VISITORS_FOR_RATE } from "../../lib/stats/wilson";
import type { DigestFrequency } from "../../lib/digests/types";
import { funnelChartPng, trendChartPng, type ChartNote } from "../charts/render";
import type { ReportData } from "./data";
import { annotationSpan } from "../../lib/annotations/types";
import { escapeHtml as h, periodLabel, shortDay, translator } from "./format";

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

/** The title of a report in the reader's language (a funnel keeps its own name). */
export function reportTitle(data: ReportData, locale: Locale): string {
  return data.title ?? translator(locale)("digests.mail.conversions");
}

/** The chart images of a report in the reader's language: the funnel (or the stages) and the trend with its notes. */
export function reportCharts(data: ReportData, locale: Locale): { funnel: Buffer; trend: Buffer } {
  const t = translator(locale);
  const bars =
    data.report === "funnel"
      ? data.steps.map((s) => ({ name: s.name, visitors: s.visitors, fromStart: s.fromStart }))
      : data.stages.map((s) => ({
          name: t(`conversions.stages.names.${s.stage}`),
          visitors: s.visitors,
          fromStart: data.stages[0]?.visitors ? s.visitors / data.stages[0].visitors : null,
        }));
  const periods = data.trend.map((p) => p.period);
  const notes: ChartNote[] = [];
  for (const n of data.notes) {
    const span = annotationSpan(periods, n);
    if (span) notes.push({ index: span.start, end: span.end, text: n.text });
  }
  const trend = trendChartPng(
    data.trend.map((p) => ({ label: shortDay(p.period, locale), rate: p.rate, entered: p.entered, partial: p.partial })),
    notes,
    locale,
  );
  return { funnel: funnelChartPng(bars, locale), trend };
}

/**
 * The digest e-mail in the reader's language: the headline against the period before with
 * intervals, the benchmark verdict, the two charts as inline images (cid:), the steps or goals,
 * the period's notes, the live link, and for outside recipients the unsubscribe link.
 */
export function digestMail(data: ReportData, input: DigestMailInput, charts = reportCharts(data, input.locale)): DigestMail {
  const { locale } = input;
  const t = translator(locale);
  const f = formatters(locale);
  const title = reportTitle(data, locale);
  const period = periodLabel(data.period, data.timeZone, locale);
  const previous = periodLabel(data.previous, data.timeZone, locale);
  const hl = data.headline;

  const headRows: [string, string, string][] = [
    [t("digests.mail.entered"), f.number(hl.entered), f.number(hl.previousEntered)],
    [t("digests.mail.converted"), f.number(hl.converted), f.number(hl.previousConverted)],
    [t("digests.mail.rate"), f.percent(hl.rate.rate), f.percent(hl.previousRate.rate)],
    [t("digests.mail.interval"), f.interval(hl.rate.low, hl.rate.high), f.interval(hl.previousRate.low, hl.previousRate.high)],
  ];
  const changeLine = `${t("digests.mail.change")}: ${f.signedPercent(hl.change)}`;
  const bm = data.benchmark;
  const bmLines = bm
    ? [
        t("digests.mail.benchmark", { rate: f.percent(bm.rate), label: bm.label[locale] }),
        t(`digests.mail.verdict.${bm.verdict}`, { n: f.number(MIN_VISITORS_FOR_RATE) }),
      ]
    : [];
  const detailHead =
    data.report === "funnel"
      ? [t("digests.mail.step"), t("digests.mail.visitors"), t("digests.mail.fromStart"), t("digests.mail.fromPrevious")]
      : [t("digests.mail.goal"), t("digests.mail.converted"), t("digests.mail.rate"), t("digests.mail.change")];
  const detailRows =
    data.report === "funnel"
      ? data.steps.map((s, i) => [s.name, f.number(s.visitors), f.percent(s.fromStart), i === 0 ? "" : f.percent(s.fromPrevious)])
      : data.goals.map((g) => [
          g.name,
          f.number(g.converted),
          `${f.percent(g.rate.rate)} (${f.interval(g.rate.low, g.rate.high)})`,
          f.signedPercent(g.change),
        ]);
  const notes = data.notes.map(
    (n) => `${n.from === n.to ? shortDay(n.from, locale) : `${shortDay(n.from, locale)} – ${shortDay(n.to, locale)}`}: ${n.text}`,
  );
  const why = t("digests.mail.why", {
    team: input.teamName,
    frequency: t(`digests.mail.frequency.${input.frequency}`),
    project: data.projectName,
  });
  const footer = input.unsubscribeLink ? `${t("digests.mail.unsubscribe")}: ${input.unsubscribeLink}` : t("digests.mail.memberFooter");

  const text = [
    `${data.projectName} · ${title} · ${period}`,
    t("digests.mail.intro", { project: data.projectName, period, previous }),
    headRows.map(([a, b, c]) => `${a}: ${b} (${t("digests.mail.previous").toLowerCase()}: ${c})`).join("\n"),
    changeLine,
    ...bmLines,
    [detailHead.join(" | "), ...detailRows.map((r) => r.join(" | "))].join("\n"),
    notes.length ? `${t("digests.mail.notes")}:\n${notes.join("\n")}` : t("digests.mail.noNotes"),
    `${t("digests.mail.openIntro")}\n${input.liveLink}`,
    why,
    footer,
  ].join("\n\n");

  const td = 'style="padding:6px 10px;border-bottom:1px solid #e2e8f0;text-align:right"';
  const th = 'style="padding:6px 10px;border-bottom:2px solid #cbd5e1;text-align:right;font-weight:600"';
  const left = (s: string) => s.replace("text-align:right", "text-align:left");
  const table = (head: string[], rows: string[][]) =>
    `<table role="presentation" cellspacing="0" style="border-collapse:collapse;width:100%;font-size:14px">` +
    `<tr>${head.map((c, i) => `<th ${i ? th : left(th)}>${h(c)}</th>`).join("")}</tr>` +
    rows.map((r) => `<tr>${r.map((c, i) => `<td ${i ? td : left(td)}>${h(c)}</td>`).join("")}</tr>`).join("") +
    `</table>`;
  const link = h(input.liveLink);
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
    `<body style="margin:0;padding:16px;background:#f8fafc;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#0f172a;line-height:1.5">`,
    `<div style="max-width:640px;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:20px">`,
    `<p style="margin:0;color:#475569;font-size:13px">${h(data.projectName)}</p>`,
    `<h1 style="margin:4px 0 2px;font-size:20px">${h(title)}</h1>`,
    `<p style="margin:0 0 12px;color:#475569">${h(period)}</p>`,
    `<p>${h(t("digests.mail.intro", { project: data.projectName, period, previous }))}</p>`,
    table(["", period, t("digests.mail.previous")], headRows),
    `<p style="font-weight:600">${h(changeLine)}</p>`,
    ...bmLines.map((l) => `<p>${h(l)}</p>`),
    `<img src="cid:funnel" width="600" alt="${h(t("digests.mail.funnelChart", { report: title }))}" style="width:100%;max-width:600px;height:auto;display:block;margin:12px 0">`,
    `<p style="font-size:13px;color:#475569;margin-top:0">${h(t("digests.mail.funnelChart", { report: title }))}</p>`,
    table(detailHead, detailRows),
    `<img src="cid:trend" width="600" alt="${h(t("digests.mail.trendChart"))}" style="width:100%;max-width:600px;height:auto;display:block;margin:16px 0 0">`,
    `<p style="font-size:13px;color:#475569;margin-top:0">${h(t("digests.mail.trendChart"))}</p>`,
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
    subject: t("digests.mail.subject", { report: `${data.projectName} · ${title}`, period }),
    text: text + "\n",
    html,
    attachments: [
      { cid: "funnel", filename: "funnel.png", content: charts.funnel, contentType: "image/png" },
      { cid: "trend", filename: "trend.png", content: charts.trend, contentType: "image/png" },
    ],
  };
}
