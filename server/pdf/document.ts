import fs from "node:fs";
import PDFDocument from "pdfkit";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import type { Locale } from "../../lib/i18n/locales";
import type { SegmentFilters } from "../../lib/funnel/types";
import type { ReportNote } from "../digest/notes";
import { dayLabel, shortDay, translator } from "../digest/format";

/**
 * An A4 document for a meeting (pdfkit, MIT) and the pieces reports and dashboards are laid out
 * with: headings, tables, chart images, paragraphs, and the frame drawn last on every page (logo,
 * project and title, period, filters, the date made and "page i of n"). Text uses Debian's DejaVu
 * Sans when present (it has every character the catalogues use, arrows included), else pdfkit's
 * built-in Helvetica.
 */

const FONTS = [
  ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
  ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
];
const systemFont = FONTS.find(([r, b]) => fs.existsSync(r) && fs.existsSync(b)) ?? null;
const REGULAR = "body";
const BOLD = "bold";

export type PdfOptions = { locale: Locale; generatedAt: Date; logo?: Buffer | null; filterLabels?: Record<string, string> };

/** What every page's header and footer say. */
export type PdfFrame = { projectName: string; title: string; period: string; filters: SegmentFilters; timeZone: string };

function filterText(filters: SegmentFilters, t: ReturnType<typeof translator>, labels: Record<string, string> = {}): string {
  const parts = Object.entries(filters)
    .filter(([, v]) => v && v.length)
    .map(([k, v]) => `${labels[k] ?? k}: ${(v as string[]).join(", ")}`);
  return parts.length ? t("digests.pdf.filters", { filters: parts.join(" · ") }) : t("digests.pdf.noFilters");
}

export function pdfWriter(frame: PdfFrame, opts: PdfOptions) {
  const { locale } = opts;
  const t = translator(locale);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 96, bottom: 60, left: 50, right: 50 },
    bufferPages: true,
    info: { Title: `${frame.projectName} · ${frame.title} · ${frame.period}`, Producer: "Trechter", Creator: "Trechter" },
    lang: locale,
  });
  doc.registerFont(REGULAR, systemFont?.[0] ?? "Helvetica");
  doc.registerFont(BOLD, systemFont?.[1] ?? "Helvetica-Bold");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 100;

  const title = (text: string) => doc.font(BOLD).fontSize(18).fillColor("#0f172a").text(text, 50, doc.y, { width });
  const heading = (text: string, size = 13) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(0.6).font(BOLD).fontSize(size).fillColor("#0f172a").text(text, 50, doc.y, { width }).moveDown(0.3);
  };
  const paragraph = (text: string, opts: { size?: number; color?: string } = {}) =>
    doc
      .font(REGULAR)
      .fontSize(opts.size ?? 10)
      .fillColor(opts.color ?? "#0f172a")
      .text(text, 50, doc.y, { width });
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
    row(head, BOLD, "#334155");
    for (const r of rows) row(r, REGULAR, "#0f172a");
    doc.x = 50;
  };
  const image = (png: Buffer, caption: string) => {
    const h = (width * 300) / 640;
    if (doc.y + h + 30 > doc.page.height - 60) doc.addPage();
    doc.image(png, 50, doc.y, { width });
    doc.y += h + 4;
    doc.font(REGULAR).fontSize(8.5).fillColor("#475569").text(caption, 50, doc.y, { width });
  };
  const notes = (list: ReportNote[]) => {
    heading(t("digests.mail.notes"));
    if (!list.length) paragraph(t("digests.mail.noNotes"));
    for (const n of list) paragraph(`${shortDay(n.from, locale)}${n.to !== n.from ? ` – ${shortDay(n.to, locale)}` : ""}: ${n.text}`);
  };

  /** Draws the frame of every page (now the page count is known) and gives the PDF's bytes. */
  const finish = (): Promise<Buffer> => {
    const range = doc.bufferedPageRange();
    const filters = filterText(frame.filters, t, opts.filterLabels);
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
          /* a logo pdfkit cannot read (WebP) is left out */
        }
      }
      const w = 545 - x;
      doc
        .font(BOLD)
        .fontSize(11)
        .fillColor("#0f172a")
        .text(`${frame.projectName} · ${frame.title}`, x, 30, { width: w, lineBreak: false, ellipsis: true });
      doc
        .font(REGULAR)
        .fontSize(9)
        .fillColor("#334155")
        .text(t("digests.pdf.period", { period: frame.period }), x, 46, { width: w, lineBreak: false });
      doc.text(filters, x, 59, { width: w, lineBreak: false, ellipsis: true });
      doc.moveTo(50, 76).lineTo(545, 76).strokeColor("#cbd5e1").lineWidth(0.8).stroke();
      const foot = `${t("digests.pdf.generated", { date: dayLabel(opts.generatedAt, frame.timeZone, locale) })} · ${t("digests.pdf.page", { page: i + 1, pages: range.count })}`;
      doc
        .font(REGULAR)
        .fontSize(8)
        .fillColor("#64748b")
        .text(foot, 50, doc.page.height - 40, { width, align: "right", lineBreak: false });
      doc.page.margins.top = top;
    }
    doc.end();
    return done;
  };

  return { doc, title, heading, paragraph, table, image, notes, finish };
}

/** A logo pdfkit can draw: PNG and JPEG as they are, WebP redrawn as PNG (@napi-rs/canvas); null when it cannot be read. */
export async function pdfLogo(bytes: Buffer, type: string): Promise<Buffer | null> {
  if (type !== "image/webp") return bytes;
  try {
    const img = await loadImage(bytes);
    const canvas = createCanvas(img.width, img.height);
    canvas.getContext("2d").drawImage(img, 0, 0);
    return canvas.toBuffer("image/png");
  } catch {
    return null;
  }
}
