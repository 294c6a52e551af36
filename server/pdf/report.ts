import fs from "node:fs";
import PDFDocument from "pdfkit";
import type { Locale } from "../../lib/i18n/locales";
import { formatters } from "../../lib/i18n/format";
import { MIN_VISITORS_FOR_RATE } from "../../lib/stats/wilson";
import type { SegmentFilters } from "../../lib/funnel/types";
import type { ReportData } from "../digest/data";
import { reportCharts, reportTitle } from "../digest/mail";
import { dayLabel, periodLabel, shortDay, translator } from "../digest/format";

/**
 * A report as an A4 PDF for a meeting (pdfkit, MIT): on every page the project's name, the report's
 * title, its period and filters, and the page number; then the headline against the period before,
 * the benchmark verdict, the funnel (or stages) chart and its table, the trend chart, the notes.
 * Text uses Debian's DejaVu Sans when present (it has every character the catalogues use, arrows
 * included), else pdfkit's built-in Helvetica. Charts are the same images as the e-mails'.
 */

const FONTS = [
  ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
  ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
];
const systemFont = FONTS.find(([r, b]) => fs.existsSync(r) && fs.existsSync(b)) ?? null;

export type PdfOptions = { locale: Locale; generatedAt: Date; logo?: Buffer | null; filterLabels?: Record<string, string> };

function filterText(filters: SegmentFilters, t: ReturnType<typeof translator>, labels: Record<string, string> = {}): string {
  const parts = Object.entries(filters)
    .filter(([, v]) => v && v.length)
    .map(([k, v]) => `${labels[k] ?? k}: ${(v as string[]).join(", ")}`);
  return parts.length ? t("digests.pdf.filters", { filters: parts.join(" · ") }) : t("digests.pdf.noFilters");
}

/** The PDF of one report's data, as bytes. */
export async function reportPdf(data: ReportData, opts: PdfOptions): Promise<Buffer> {
  const { locale } = opts;
  const t = translator(locale);
  const f = formatters(locale);
  const title = reportTitle(data, locale);
  const period = periodLabel(data.period, data.timeZone, locale);
  const charts = reportCharts(data, locale);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 96, bottom: 60, left: 50, right: 50 },
    bufferPages: true,
    info: { Title: `${data.projectName} · ${title} · ${period}`, Producer: "Trechter", Creator: "Trechter" },
    lang: locale,
  });
  const regular = "body";
  const bold = "bold";
  if (systemFont) {
    doc.registerFont(regular, systemFont[0]);
    doc.registerFont(bold, systemFont[1]);
  } else {
    doc.registerFont(regular, "Helvetica");
    doc.registerFont(bold, "Helvetica-Bold");
  }
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 100;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(0.6).font(bold).fontSize(13).fillColor("#0f172a").text(text).moveDown(0.3);
  };
  const table = (head: string[], rows: string[][], widths: number[]) => {
    const x0 = 50;
    const row = (cells: string[], font: string, color: string) => {
      if (doc.y > doc.page.height - 90) doc.addPage();
      const y = doc.y;
      let x = x0;
      let h = 0;
      cells.forEach((c, i) => {
        doc.font(font).fontSize(9.5).fillColor(color);
        const w = widths[i] * width;
        doc.text(c, x + 3, y + 4, { width: w - 6, align: i === 0 ? "left" : "right" });
        h = Math.max(h, doc.y - y);
        x += w;
      });
      doc
        .moveTo(x0, y + h + 3)
        .lineTo(x0 + width, y + h + 3)
        .strokeColor("#e2e8f0")
        .lineWidth(0.7)
        .stroke();
      doc.y = y + h + 4;
    };
    row(head, bold, "#334155");
    for (const r of rows) row(r, regular, "#0f172a");
    doc.x = 50;
  };
  const image = (png: Buffer, caption: string) => {
    const h = (width * 300) / 640;
    if (doc.y + h + 30 > doc.page.height - 60) doc.addPage();
    doc.image(png, 50, doc.y, { width });
    doc.y += h + 4;
    doc.font(regular).fontSize(8.5).fillColor("#475569").text(caption, 50, doc.y, { width });
  };

  const hl = data.headline;
  doc.font(bold).fontSize(18).fillColor("#0f172a").text(title);
  doc
    .font(regular)
    .fontSize(10)
    .fillColor("#475569")
    .text(t("digests.mail.intro", { project: data.projectName, period, previous: periodLabel(data.previous, data.timeZone, locale) }));
  heading(t("digests.mail.rate"));
  table(
    ["", period, t("digests.mail.previous")],
    [
      [t("digests.mail.entered"), f.number(hl.entered), f.number(hl.previousEntered)],
      [t("digests.mail.converted"), f.number(hl.converted), f.number(hl.previousConverted)],
      [t("digests.mail.rate"), f.percent(hl.rate.rate), f.percent(hl.previousRate.rate)],
      [t("digests.mail.interval"), f.interval(hl.rate.low, hl.rate.high), f.interval(hl.previousRate.low, hl.previousRate.high)],
      [t("digests.mail.change"), f.signedPercent(hl.change), ""],
    ],
    [0.4, 0.3, 0.3],
  );
  if (data.benchmark) {
    doc.moveDown(0.5).font(regular).fontSize(10).fillColor("#0f172a");
    doc.text(t("digests.mail.benchmark", { rate: f.percent(data.benchmark.rate), label: data.benchmark.label[locale] }), { width });
    doc.text(t(`digests.mail.verdict.${data.benchmark.verdict}`, { n: f.number(MIN_VISITORS_FOR_RATE) }), { width });
  }
  heading(t("digests.mail.funnelChart", { report: title }));
  image(charts.funnel, t("digests.mail.funnelChart", { report: title }));
  doc.moveDown(0.5);
  if (data.report === "funnel")
    table(
      [t("digests.mail.step"), t("digests.mail.visitors"), t("digests.mail.fromStart"), t("digests.mail.fromPrevious")],
      data.steps.map((s, i) => [s.name, f.number(s.visitors), f.percent(s.fromStart), i === 0 ? "" : f.percent(s.fromPrevious)]),
      [0.4, 0.2, 0.2, 0.2],
    );
  else
    table(
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
  heading(t("digests.mail.trendChart"));
  image(charts.trend, t("digests.mail.trendChart"));
  heading(t("digests.mail.notes"));
  doc.font(regular).fontSize(10).fillColor("#0f172a");
  if (!data.notes.length) doc.text(t("digests.mail.noNotes"));
  for (const n of data.notes)
    doc.text(`${shortDay(n.from, locale)}${n.to !== n.from ? ` – ${shortDay(n.to, locale)}` : ""}: ${n.text}`, { width });

  // The frame of every page, drawn last so the page count is known.
  const range = doc.bufferedPageRange();
  const filters = filterText(data.filters, t, opts.filterLabels);
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const top = doc.page.margins.top;
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    let x = 50;
    if (opts.logo) {
      try {
        doc.image(opts.logo, 50, 28, { fit: [90, 36] });
        x = 150;
      } catch {
        /* a logo pdfkit cannot read is left out */
      }
    }
    doc
      .font(bold)
      .fontSize(11)
      .fillColor("#0f172a")
      .text(`${data.projectName} · ${title}`, x, 30, { width: 545 - x, lineBreak: false, ellipsis: true });
    doc
      .font(regular)
      .fontSize(9)
      .fillColor("#334155")
      .text(t("digests.pdf.period", { period }), x, 46, { width: 545 - x, lineBreak: false });
    doc.text(filters, x, 59, { width: 545 - x, lineBreak: false, ellipsis: true });
    doc.moveTo(50, 76).lineTo(545, 76).strokeColor("#cbd5e1").lineWidth(0.8).stroke();
    const foot = `${t("digests.pdf.generated", { date: dayLabel(opts.generatedAt, data.timeZone, locale) })} · ${t("digests.pdf.page", { page: i + 1, pages: range.count })}`;
    doc
      .font(regular)
      .fontSize(8)
      .fillColor("#64748b")
      .text(foot, 50, doc.page.height - 40, { width, align: "right", lineBreak: false });
    doc.page.margins.top = top;
  }
  doc.end();
  return done;
}
