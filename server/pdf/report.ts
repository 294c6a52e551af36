import { formatters } from "../../lib/i18n/format";
import type { ReportData } from "../digest/data";
import { reportCharts, reportTitle } from "../digest/mail";
import { benchmarkLines, headlineRows, stepTable } from "../digest/mail-parts";
import { periodLabel, translator } from "../digest/format";
import { pdfWriter, type PdfOptions } from "./document";

/**
 * A report as an A4 PDF (server/pdf/document.ts: the project's name, the report's title, its period
 * and filters and the page number on every page): the headline against the period before, the
 * benchmark verdict, the funnel (or stages) chart and its table, the trend chart, the notes. Charts
 * are the same images as the e-mails'.
 */
export async function reportPdf(data: ReportData, opts: PdfOptions): Promise<Buffer> {
  const { locale } = opts;
  const t = translator(locale);
  const f = formatters(locale);
  const title = reportTitle(data, locale);
  const period = periodLabel(data.period, data.timeZone, locale);
  const charts = reportCharts(data, locale);
  const pdf = pdfWriter({ projectName: data.projectName, title, period, filters: data.filters, timeZone: data.timeZone }, opts);

  pdf.title(title);
  pdf.paragraph(
    t("digests.mail.intro", { project: data.projectName, period, previous: periodLabel(data.previous, data.timeZone, locale) }),
    {
      color: "#475569",
    },
  );
  pdf.heading(t("digests.mail.rate"));
  pdf.table(
    ["", period, t("digests.mail.previous")],
    [...headlineRows(data.headline, t, f), [t("digests.mail.change"), f.signedPercent(data.headline.change), ""]],
    [0.4, 0.3, 0.3],
  );
  if (data.benchmark) {
    pdf.doc.moveDown(0.5);
    for (const line of benchmarkLines(data.benchmark, locale)) pdf.paragraph(line);
  }
  pdf.heading(t("digests.mail.funnelChart", { report: title }));
  pdf.image(charts.funnel, t("digests.mail.funnelChart", { report: title }));
  pdf.doc.moveDown(0.5);
  if (data.report === "funnel") {
    const steps = stepTable(data, t, f);
    pdf.table(steps.head, steps.rows, [0.4, 0.2, 0.2, 0.2]);
  } else
    pdf.table(
      [t("digests.mail.goal"), t("digests.mail.converted"), t("digests.mail.rate"), t("digests.mail.interval"), t("digests.mail.change")],
      data.goals.map((g) => [
        g.name,
        f.number(g.converted),
        f.percent(g.rate.rate),
        f.interval(g.rate.low, g.rate.high),
        f.signedPercent(g.change),
      ]),
      [0.3, 0.14, 0.14, 0.28, 0.14],
    );
  pdf.heading(t("digests.mail.trendChart"));
  pdf.image(charts.trend, t("digests.mail.trendChart"));
  pdf.notes(data.notes);
  return pdf.finish();
}
