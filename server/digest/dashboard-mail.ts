import type { Locale } from "../../lib/i18n/locales";
import { formatters } from "../../lib/i18n/format";
import { segmentFieldLabel } from "../../lib/funnel/field-label";
import type { DashboardData, DashboardTileData } from "./dashboard-data";
import type { ReportData } from "./data";
import { reportCharts } from "./mail";
import {
  benchmarkLines,
  composeMail,
  headlineRows,
  htmlImage,
  htmlTable,
  stepTable,
  type DigestMail,
  type DigestMailInput,
} from "./mail-parts";
import { escapeHtml as h, periodLabel, translator } from "./format";

/** One tile in the reader's language: its heading, a table of figures, lines under it, and a funnel's report (charts and steps). */
export type TileBlock = { title: string; table: { head: string[]; rows: string[][] } | null; lines: string[]; report: ReportData | null };

/** The tiles of a dashboard as blocks the mail and the PDF both lay out. */
export function tileBlocks(data: DashboardData, locale: Locale): TileBlock[] {
  const t = translator(locale);
  const f = formatters(locale);
  const period = periodLabel(data.period, data.timeZone, locale);
  const head = ["", period, t("digests.mail.previous")];
  return data.tiles.map((tile: DashboardTileData): TileBlock => {
    const named = (fallback: string) => tile.title ?? fallback;
    switch (tile.kind) {
      case "funnel": {
        const d = tile.data;
        const rows = [...headlineRows(d.headline, t, f), [t("digests.mail.change"), f.signedPercent(d.headline.change), ""]];
        return { title: named(d.title ?? ""), table: { head, rows }, lines: benchmarkLines(d.benchmark, locale), report: d };
      }
      case "goal": {
        const g = tile.goal;
        const rows = [
          [t("digests.mail.converted"), f.number(g.converted), ""],
          [t("digests.mail.rate"), f.percent(g.rate.rate), f.percent(g.previousRate)],
          [t("digests.mail.interval"), f.interval(g.rate.low, g.rate.high), ""],
          [t("digests.mail.change"), f.signedPercent(g.change), ""],
        ];
        return { title: named(g.name), table: { head, rows }, lines: benchmarkLines(g.benchmark, locale), report: null };
      }
      case "stages":
        return {
          title: named(t("dashboards.kinds.stages")),
          table: {
            head: [t("digests.dashboard.stage"), t("digests.mail.visitors"), t("digests.dashboard.share")],
            rows: tile.stages.map((s) => [t(`conversions.stages.names.${s.stage}`), f.number(s.visitors), f.percent(s.share)]),
          },
          lines: [],
          report: null,
        };
      case "segments": {
        const label = segmentFieldLabel(t, tile.field);
        const rate = tile.goalName ? t("digests.dashboard.goalRate", { goal: tile.goalName }) : t("digests.mail.rate");
        return {
          title: named(t("dashboards.tile.segmentsBy", { field: label })),
          table: {
            head: [label, t("digests.mail.visitors"), rate],
            rows: tile.rows.map((r) => [
              r.value,
              f.number(r.visitors),
              r.rate ? `${f.percent(r.rate.rate)} (${f.interval(r.rate.low, r.rate.high)})` : "",
            ]),
          },
          lines: tile.rows.length ? [] : [t("dashboards.tile.empty")],
          report: null,
        };
      }
      case "note":
        return { title: named(t("dashboards.kinds.note")), table: null, lines: tile.text.split(/\r?\n/), report: null };
      case "empty":
        return { title: named(t(`dashboards.kinds.${tile.was}`)), table: null, lines: [t("dashboards.tile.empty")], report: null };
    }
  });
}

/** The chart images of a dashboard's funnel tiles in the reader's language, by tile index. */
export function dashboardCharts(data: DashboardData, locale: Locale): Map<number, { funnel: Buffer; trend: Buffer }> {
  const out = new Map<number, { funnel: Buffer; trend: Buffer }>();
  data.tiles.forEach((tile, i) => {
    if (tile.kind === "funnel") out.set(i, reportCharts(tile.data, locale));
  });
  return out;
}

/**
 * A dashboard's digest in the reader's language: each tile in grid order (a funnel with its figures
 * against the period before, intervals, benchmark verdict, funnel and trend images and steps; a
 * goal's card; the stage KPIs; a segment table; a note), then the period's notes and the live link.
 */
export function dashboardMail(data: DashboardData, input: DigestMailInput, charts = dashboardCharts(data, input.locale)): DigestMail {
  const { locale } = input;
  const t = translator(locale);
  const f = formatters(locale);
  const period = periodLabel(data.period, data.timeZone, locale);
  const previous = periodLabel(data.previous, data.timeZone, locale);
  const attachments: DigestMail["attachments"] = [];
  const body = tileBlocks(data, locale).map((b, i) => {
    const text: string[] = [`${b.title}\n${"=".repeat(Math.min(b.title.length, 60))}`];
    const html: string[] = [
      `<h2 style="font-size:17px;margin:24px 0 6px;border-top:1px solid #e2e8f0;padding-top:16px">${h(b.title)}</h2>`,
    ];
    if (b.table) {
      const rows = b.table.rows;
      text.push(
        b.table.head[0]
          ? [b.table.head.join(" | "), ...rows.map((r) => r.join(" | "))].join("\n")
          : rows.map(([a, x, y]) => `${a}: ${x}${y ? ` (${t("digests.mail.previous").toLowerCase()}: ${y})` : ""}`).join("\n"),
      );
      html.push(htmlTable(b.table.head, rows));
    }
    text.push(...b.lines);
    html.push(...b.lines.map((l) => `<p style="margin:6px 0">${h(l)}</p>`));
    const images = charts.get(i);
    if (b.report && images) {
      const steps = stepTable(b.report, t, f);
      const funnelCid = `tile${i + 1}-funnel`;
      const trendCid = `tile${i + 1}-trend`;
      html.push(
        htmlImage(funnelCid, t("digests.mail.funnelChart", { report: b.title })),
        htmlTable(steps.head, steps.rows),
        htmlImage(trendCid, t("digests.mail.trendChart")),
      );
      text.push([steps.head.join(" | "), ...steps.rows.map((r) => r.join(" | "))].join("\n"));
      attachments.push(
        { cid: funnelCid, filename: `${funnelCid}.png`, content: images.funnel, contentType: "image/png" },
        { cid: trendCid, filename: `${trendCid}.png`, content: images.trend, contentType: "image/png" },
      );
    }
    return { text: text.join("\n"), html: html.join("\n") };
  });
  if (data.description) body.unshift({ text: data.description, html: `<p style="color:#475569">${h(data.description)}</p>` });
  return composeMail(
    { projectName: data.projectName, title: data.dashboardName, period, previous, notes: data.notes },
    body,
    input,
    attachments,
  );
}
