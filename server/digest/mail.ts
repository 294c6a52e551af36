import type { Locale } from "../../lib/i18n/locales";
import { formatters } from "../../lib/i18n/format";
import { funnelChartPng, trendChartPng, type ChartNote } from "../charts/render";
import type { ReportData } from "./data";
import { annotationSpan } from "../../lib/annotations/types";
import { periodLabel, shortDay, translator } from "./format";
import {
  composeMail,
  funnelFigures,
  htmlImage,
  htmlTable,
  stepTable,
  type DigestMail,
  type DigestMailInput,
  type Part,
} from "./mail-parts";

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
  const detail =
    data.report === "funnel"
      ? stepTable(data, t, f)
      : {
          head: [t("digests.mail.goal"), t("digests.mail.converted"), t("digests.mail.rate"), t("digests.mail.change")],
          rows: data.goals.map((g) => [
            g.name,
            f.number(g.converted),
            `${f.percent(g.rate.rate)} (${f.interval(g.rate.low, g.rate.high)})`,
            f.signedPercent(g.change),
          ]),
        };
  const funnelCaption = t("digests.mail.funnelChart", { report: title });
  const body: Part[] = [
    funnelFigures(data, period, locale),
    {
      text: [detail.head.join(" | "), ...detail.rows.map((r) => r.join(" | "))].join("\n"),
      html: [
        htmlImage("funnel", funnelCaption),
        htmlTable(detail.head, detail.rows),
        htmlImage("trend", t("digests.mail.trendChart")),
      ].join("\n"),
    },
  ];
  return composeMail({ projectName: data.projectName, title, period, previous, notes: data.notes }, body, input, [
    { cid: "funnel", filename: "funnel.png", content: charts.funnel, contentType: "image/png" },
    { cid: "trend", filename: "trend.png", content: charts.trend, contentType: "image/png" },
  ]);
}
