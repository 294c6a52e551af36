import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import {
  Chart,
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  type ChartConfiguration,
  type Plugin,
} from "chart.js";
import { formatters } from "../../lib/i18n/format";
import type { Locale } from "../../lib/i18n/locales";

/**
 * Chart images made on the server, without a browser: Chart.js drawing on @napi-rs/canvas (Skia,
 * prebuilt per platform in the npm package; nothing is downloaded). Text uses the system's fonts
 * through fontconfig-free lookup of the usual directories (Debian's DejaVu or Liberation); the
 * first family found is named so a missing one never falls back to boxes.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement);

const COLORS = { brand: "#2546dc", context: "#c7d6fb", text: "#334155", grid: "#e2e8f0", note: "#b45309" };
const FONT = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial"].find((f) => GlobalFonts.has(f)) ?? "sans-serif";
Chart.defaults.font.family = FONT;
Chart.defaults.color = COLORS.text;

/** The chart's size in CSS pixels; images are drawn at twice that for sharp text in mail and PDF. */
export const CHART_SIZE = { width: 640, height: 300, scale: 2 };

function render(config: ChartConfiguration, size = CHART_SIZE): Buffer {
  // Chart.js multiplies the canvas by devicePixelRatio itself: it is made at the CSS size.
  const canvas = createCanvas(size.width, size.height);
  const ctx = canvas.getContext("2d");
  const white: Plugin = {
    id: "white",
    beforeDraw(c) {
      c.ctx.save();
      c.ctx.fillStyle = "#ffffff";
      c.ctx.fillRect(0, 0, c.width, c.height);
      c.ctx.restore();
    },
  };
  const chart = new Chart(ctx as unknown as CanvasRenderingContext2D, {
    ...config,
    options: { ...config.options, responsive: false, animation: false, devicePixelRatio: size.scale },
    plugins: [white, ...(config.plugins ?? [])],
  });
  const png = canvas.toBuffer("image/png");
  chart.destroy();
  return png;
}

export type FunnelChartStep = { name: string; visitors: number; fromStart: number | null };

/** The funnel's steps as bars of visitors, each labelled with its count and its conversion from the first step. */
export function funnelChartPng(steps: FunnelChartStep[], locale: Locale): Buffer {
  const f = formatters(locale);
  const labels: Plugin<"bar"> = {
    id: "barLabels",
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.font = `bold 12px "${FONT}"`;
      ctx.fillStyle = COLORS.text;
      ctx.textAlign = "center";
      meta.data.forEach((bar, i) => {
        const s = steps[i];
        const text = i === 0 ? f.number(s.visitors) : `${f.number(s.visitors)} · ${f.percent(s.fromStart)}`;
        ctx.fillText(text, bar.x, Math.max(bar.y - 6, 14));
      });
      ctx.restore();
    },
  };
  return render({
    type: "bar",
    data: {
      labels: steps.map((s) => (s.name.length > 22 ? `${s.name.slice(0, 21)}…` : s.name)),
      datasets: [{ data: steps.map((s) => s.visitors), backgroundColor: COLORS.brand, borderRadius: 3, maxBarThickness: 90 }],
    },
    options: {
      layout: { padding: { top: 24, right: 8, left: 4 } },
      plugins: { legend: { display: false } },
      scales: {
        x: { grid: { display: false }, ticks: { font: { size: 12 }, autoSkip: false } },
        y: {
          beginAtZero: true,
          grid: { color: COLORS.grid },
          ticks: { precision: 0, font: { size: 11 }, callback: (v) => f.number(Number(v)) },
        },
      },
    },
    plugins: [labels],
  });
}

export type TrendChartPoint = { label: string; rate: number | null; entered: number; partial: boolean };
/** An annotation on the trend: the first and last period it touches (a range is a band), and its text. */
export type ChartNote = { index: number; end: number; text: string };

/**
 * The trend of the conversion rate per period (line, left axis) over the visitors who entered
 * (light bars, right axis), with the period's annotations as dashed vertical lines (a range also as a
 * light band to its last period) and their text.
 */
export function trendChartPng(points: TrendChartPoint[], notes: ChartNote[], locale: Locale): Buffer {
  const f = formatters(locale);
  const marks: Plugin<"bar" | "line"> = {
    id: "annotations",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      ctx.strokeStyle = COLORS.note;
      ctx.fillStyle = COLORS.note;
      ctx.setLineDash([4, 3]);
      ctx.font = `11px "${FONT}"`;
      notes.forEach((n, i) => {
        const x = scales.x.getPixelForValue(n.index);
        if (n.end > n.index) {
          // The band covers whole periods: from half a step before the first to half a step after the last.
          const half = (scales.x.getPixelForValue(n.index + 1) - x) / 2;
          ctx.globalAlpha = 0.12;
          ctx.fillRect(x - half, chartArea.top, scales.x.getPixelForValue(n.end) - x + 2 * half, chartArea.bottom - chartArea.top);
          ctx.globalAlpha = 1;
        }
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
        const text = n.text.length > 28 ? `${n.text.slice(0, 27)}…` : n.text;
        const w = ctx.measureText(text).width;
        ctx.fillText(text, Math.min(Math.max(x + 3, chartArea.left), chartArea.right - w), chartArea.top + 11 + (i % 3) * 13);
      });
      ctx.restore();
    },
  };
  const max = Math.max(0.01, ...points.map((p) => p.rate ?? 0));
  return render({
    type: "bar",
    data: {
      labels: points.map((p) => p.label),
      datasets: [
        {
          type: "line",
          data: points.map((p) => p.rate),
          borderColor: COLORS.brand,
          backgroundColor: COLORS.brand,
          borderWidth: 2.5,
          pointRadius: points.length > 40 ? 0 : 3,
          tension: 0,
          yAxisID: "y",
          order: 0,
          segment: { borderDash: (c) => (points[c.p1DataIndex]?.partial ? [6, 4] : undefined) },
        },
        { type: "bar", data: points.map((p) => p.entered), backgroundColor: COLORS.context, yAxisID: "y1", order: 1 },
      ],
    },
    options: {
      layout: { padding: { top: 8, right: 4 } },
      plugins: { legend: { display: false } },
      scales: {
        x: { grid: { display: false }, ticks: { font: { size: 11 }, maxRotation: 0, autoSkip: true, maxTicksLimit: 10 } },
        y: {
          beginAtZero: true,
          suggestedMax: max * 1.15,
          grid: { color: COLORS.grid },
          ticks: { font: { size: 11 }, callback: (v) => f.percentTick(Number(v)) },
        },
        y1: {
          position: "right",
          beginAtZero: true,
          grid: { display: false },
          ticks: { precision: 0, font: { size: 11 }, callback: (v) => f.number(Number(v)) },
        },
      },
    },
    plugins: [marks],
  } as ChartConfiguration);
}
