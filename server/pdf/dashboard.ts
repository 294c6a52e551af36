import { formatters } from "../../lib/i18n/format";
import type { DashboardData } from "../digest/dashboard-data";
import { dashboardCharts, tileBlocks } from "../digest/dashboard-mail";
import { stepTable } from "../digest/mail-parts";
import { periodLabel, translator } from "../digest/format";
import { pdfWriter, type PdfOptions } from "./document";

/**
 * A dashboard as an A4 PDF: the frame of server/pdf/document.ts on every page (the client's logo when
 * the dashboard's share link has one, project and dashboard, period, filters, page i of n), then each
 * tile in grid order as the digest has it (server/digest/dashboard-mail.ts tileBlocks: a funnel's
 * figures against the period before with its charts and steps, a goal's card, the stage KPIs, a
 * segment table, a note), then the period's annotations.
 */
export async function dashboardPdf(data: DashboardData, opts: PdfOptions): Promise<Buffer> {
  const { locale } = opts;
  const t = translator(locale);
  const f = formatters(locale);
  const period = periodLabel(data.period, data.timeZone, locale);
  const charts = dashboardCharts(data, locale);
  const pdf = pdfWriter(
    { projectName: data.projectName, title: data.dashboardName, period, filters: data.filters, timeZone: data.timeZone },
    opts,
  );

  pdf.title(data.dashboardName);
  if (data.description) pdf.paragraph(data.description, { color: "#334155" });
  pdf.paragraph(
    t("digests.mail.intro", { project: data.projectName, period, previous: periodLabel(data.previous, data.timeZone, locale) }),
    {
      color: "#475569",
    },
  );
  tileBlocks(data, locale).forEach((block, i) => {
    pdf.heading(block.title);
    if (block.table) pdf.table(block.table.head, block.table.rows, [0.4, 0.3, 0.3]);
    if (block.lines.length) pdf.doc.moveDown(0.3);
    for (const line of block.lines) pdf.paragraph(line);
    const images = charts.get(i);
    if (block.report && images) {
      pdf.doc.moveDown(0.5);
      pdf.image(images.funnel, t("digests.mail.funnelChart", { report: block.title }));
      pdf.doc.moveDown(0.5);
      const steps = stepTable(block.report, t, f);
      pdf.table(steps.head, steps.rows, [0.4, 0.2, 0.2, 0.2]);
      pdf.doc.moveDown(0.5);
      pdf.image(images.trend, t("digests.mail.trendChart"));
    }
  });
  pdf.notes(data.notes);
  return pdf.finish();
}
