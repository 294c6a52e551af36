"use client";

import { useMemo } from "react";
import type { ChartConfiguration, ScriptableLineSegmentContext } from "chart.js";
import { Chart } from "@/components/charts/Chart";
import { COLORS } from "@/components/charts/register";
import { annotationMarks, annotationsPlugin } from "@/components/charts/annotations-plugin";
import { useAnnotations } from "@/components/charts/AnnotationsContext";
import { AnnotationsLegend } from "@/components/charts/AnnotationsLegend";
import { useI18n } from "@/components/i18n/I18nProvider";
import { intlTag } from "@/lib/i18n/locales";
import type { TrendUnit } from "@/lib/funnel/periods";
import type { FunnelResults } from "@/lib/funnel/types";

type Trend = FunnelResults["trend"];

/** Period names for the axis (short) and the tooltip (long), in the reader's language. */
function periodNames(locale: Parameters<typeof intlTag>[0], unit: TrendUnit) {
  const tag = intlTag(locale);
  const utc = { timeZone: "UTC" } as const;
  const short =
    unit === "month"
      ? new Intl.DateTimeFormat(tag, { ...utc, month: "short", year: "numeric" })
      : new Intl.DateTimeFormat(tag, { ...utc, day: "numeric", month: "short" });
  const long =
    unit === "month"
      ? new Intl.DateTimeFormat(tag, { ...utc, month: "long", year: "numeric" })
      : new Intl.DateTimeFormat(tag, {
          ...utc,
          weekday: unit === "day" ? "short" : undefined,
          day: "numeric",
          month: "long",
          year: "numeric",
        });
  const at = (period: string) => new Date(period + "T00:00:00Z");
  // Axis percentages as short as they can be (5 %, 2.5 %): the tooltip and the list give the exact rate.
  const axisPercent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
  return {
    short: (p: string) => short.format(at(p)),
    long: (p: string) => long.format(at(p)),
    axisPercent: (v: number) => axisPercent.format(v),
  };
}

/** Point shapes of the per-value lines, so a line is told apart by its points as well as its colour. */
const POINT_STYLES = [
  "circle",
  "rect",
  "triangle",
  "rectRot",
  "crossRot",
  "star",
  "rectRounded",
  "cross",
  "line",
  "dash",
  "circle",
] as const;

/** A diagonal hatch for the bar of a period that is not complete (pattern, not colour alone). */
function hatch(): CanvasPattern | string {
  if (typeof document === "undefined") return COLORS.context;
  const c = document.createElement("canvas");
  c.width = c.height = 8;
  const ctx = c.getContext("2d");
  if (!ctx) return COLORS.context;
  ctx.fillStyle = "#eef2fd";
  ctx.fillRect(0, 0, 8, 8);
  ctx.strokeStyle = "#5a86fb";
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(0, 8);
  ctx.lineTo(8, 0);
  ctx.stroke();
  return ctx.createPattern(c, "repeat") ?? COLORS.context;
}

/**
 * Conversion per period (the line, left axis) over the visitors who entered in it (the bars, right
 * axis), on an axis with every period of the range: a quiet day is a 0 bar and a break in the line,
 * never a day left out. Straight segments (no smoothing that invents values); a period that is not
 * complete (today, this week, or one the range cuts off) is dashed and hatched, and said so below.
 */
export function TrendChart({
  trend,
  previous,
  lines,
}: {
  trend: Trend;
  /** the previous period's trend: a second line, period by period (its first period beside this range's first) */
  previous?: Trend;
  /** a breakdown's values, each with its own trend: one line per value instead of the overall line */
  lines?: { label: string; trend: Trend }[];
}) {
  const { t, f, locale } = useI18n();
  const names = useMemo(() => periodNames(locale, trend.unit), [locale, trend.unit]);
  const partial = trend.points.map((p) => p.partial);
  const annotations = useAnnotations();
  const marks = useMemo(
    () =>
      annotationMarks(
        trend.points.map((p) => p.period),
        trend.unit,
        annotations,
      ),
    [trend, annotations],
  );
  const config = useMemo<ChartConfiguration<"bar" | "line">>(() => {
    const dashed = (ctx: ScriptableLineSegmentContext) => (partial[ctx.p0DataIndex] || partial[ctx.p1DataIndex] ? [5, 4] : undefined);
    const many = trend.points.length > 45;
    const pattern = hatch();
    const perValue = (lines ?? []).map((l, i) => ({
      type: "line" as const,
      label: l.label,
      yAxisID: "y",
      order: 1,
      data: l.trend.points.map((p) => (p.rate === null ? null : p.rate * 100)),
      borderColor: COLORS.series[i % COLORS.series.length],
      backgroundColor: COLORS.series[i % COLORS.series.length],
      borderWidth: 2,
      tension: 0,
      spanGaps: false,
      segment: { borderDash: dashed },
      pointStyle: POINT_STYLES[i % POINT_STYLES.length],
      pointRadius: many ? 0 : 3,
      pointHoverRadius: 5,
    }));
    const previousLine = previous
      ? [
          {
            type: "line" as const,
            label: t("funnels.compare.previousSeries"),
            yAxisID: "y",
            order: 0,
            data: trend.points.map((_, i) => {
              const p = previous.points[i];
              return p && p.rate !== null ? p.rate * 100 : null;
            }),
            borderColor: COLORS.previous,
            backgroundColor: COLORS.previous,
            borderWidth: 2,
            borderDash: [2, 3],
            tension: 0,
            spanGaps: false,
            pointStyle: "triangle" as const,
            pointRadius: many ? 0 : 3.5,
            pointHoverRadius: 5,
          },
        ]
      : [];
    return {
      type: "bar",
      plugins: [annotationsPlugin],
      data: {
        labels: trend.points.map((p) => names.short(p.period)),
        datasets: [
          ...previousLine,
          ...perValue,
          {
            hidden: perValue.length > 0,
            type: "line",
            label: t("funnels.trend.conversion"),
            yAxisID: "y",
            order: 1,
            data: trend.points.map((p) => (p.rate === null ? null : p.rate * 100)),
            borderColor: COLORS.brand,
            backgroundColor: COLORS.brand,
            borderWidth: 2,
            tension: 0,
            spanGaps: false,
            segment: { borderDash: dashed },
            pointRadius: trend.points.map((p) => (p.partial ? 4 : many ? 0 : 2.5)),
            pointHoverRadius: 5,
            pointBackgroundColor: trend.points.map((p) => (p.partial ? "#ffffff" : COLORS.brand)),
            pointBorderWidth: 2,
          },
          {
            hidden: perValue.length > 0,
            type: "bar",
            label: t("funnels.trend.entered"),
            yAxisID: "y1",
            order: 2,
            data: trend.points.map((p) => p.entered),
            backgroundColor: trend.points.map((p) => (p.partial ? pattern : COLORS.context)),
            borderColor: trend.points.map((p) => (p.partial ? "#5a86fb" : "transparent")),
            borderWidth: trend.points.map((p) => (p.partial ? 1 : 0)),
            borderRadius: 2,
            barPercentage: 0.9,
            categoryPercentage: 0.9,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 250 },
        interaction: { mode: "index", intersect: false },
        scales: {
          x: {
            grid: { display: false },
            ticks: { color: COLORS.text, maxRotation: 0, autoSkip: true, autoSkipPadding: 14, font: { size: 11 } },
          },
          y: {
            position: "left",
            beginAtZero: true,
            grid: { color: COLORS.grid },
            ticks: { color: COLORS.text, font: { size: 11 }, callback: (v) => names.axisPercent(Number(v) / 100) },
          },
          y1: {
            display: perValue.length === 0,
            position: "right",
            beginAtZero: true,
            grid: { display: false },
            // Visitors are whole people: integer ticks only.
            ticks: { color: COLORS.text, font: { size: 11 }, precision: 0, callback: (v) => f.number(Number(v)) },
          },
        },
        plugins: {
          trechterAnnotations: { marks },
          legend: {
            position: "bottom",
            labels: {
              boxWidth: 10,
              boxHeight: 10,
              usePointStyle: true,
              color: COLORS.text,
              // With a breakdown the totals (conversion, started) are hidden datasets: out of the legend, not struck through in it.
              filter: (item) => !(perValue.length > 0 && (item.datasetIndex ?? 0) >= previousLine.length + perValue.length),
            },
          },
          tooltip: {
            callbacks: {
              title: (items) => {
                const p = items[0] ? trend.points[items[0].dataIndex] : undefined;
                if (!p) return "";
                const name = trend.unit === "week" ? t("funnels.trend.weekOf", { date: names.long(p.period) }) : names.long(p.period);
                return p.partial ? `${name} (${t("funnels.trend.incomplete")})` : name;
              },
              label: (item) => {
                const p = trend.points[item.dataIndex];
                if (previous && item.datasetIndex === 0) {
                  const q = previous.points[item.dataIndex];
                  return q
                    ? `${item.dataset.label} (${names.long(q.period)}): ${f.percent(q.rate)} (${f.number(q.converted)} / ${f.number(q.entered)})`
                    : "";
                }
                const line = lines?.[item.datasetIndex - previousLine.length];
                if (line) {
                  const v = line.trend.points[item.dataIndex];
                  return v ? `${item.dataset.label}: ${f.percent(v.rate)} (${f.number(v.converted)} / ${f.number(v.entered)})` : "";
                }
                return item.dataset.yAxisID === "y1"
                  ? `${item.dataset.label}: ${f.number(p.entered)}`
                  : `${item.dataset.label}: ${f.percent(p.rate)} (${f.number(p.converted)} / ${f.number(p.entered)})`;
              },
            },
          },
        },
      },
    } as ChartConfiguration<"bar" | "line">;
    // `partial` is derived from `trend`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trend, previous, lines, names, t, f, marks]);
  const incomplete = trend.points.filter((p) => p.partial);
  return (
    <div
      data-testid="trend"
      data-unit={trend.unit}
      data-periods={trend.points.length}
      data-previous={previous ? previous.points.length : undefined}
      data-lines={lines?.length ? JSON.stringify(lines.map((l) => l.label)) : undefined}
    >
      <Chart
        config={config}
        label={t("funnels.chart.trendLabel")}
        height={240}
        testId="trend-chart"
        description={
          <ul data-testid="trend-periods">
            {trend.points.map((p) => (
              <li key={p.period} data-period={p.period} data-entered={p.entered} data-partial={p.partial || undefined}>
                {names.long(p.period)}:{" "}
                {t("funnels.trend.point", { rate: f.percent(p.rate), converted: f.number(p.converted), count: p.entered })}
                {p.partial ? ` (${t("funnels.trend.incomplete")})` : null}
                {lines?.map((l) => {
                  const v = l.trend.points.find((q) => q.period === p.period);
                  return v ? `; ${l.label}: ${f.percent(v.rate)}` : null;
                })}
              </li>
            ))}
            {previous?.points.map((p) => (
              <li key={`previous-${p.period}`} data-previous-period={p.period} data-entered={p.entered}>
                {t("funnels.compare.previousSeries")}, {names.long(p.period)}:{" "}
                {t("funnels.trend.point", { rate: f.percent(p.rate), converted: f.number(p.converted), count: p.entered })}
              </li>
            ))}
          </ul>
        }
      />
      <AnnotationsLegend marks={marks} />
      {incomplete.length ? (
        <p className="mt-2 flex items-start gap-2 text-xs text-slate-600" data-testid="trend-partial-note">
          <svg aria-hidden width="22" height="10" className="mt-1 shrink-0" viewBox="0 0 22 10">
            <line x1="0" y1="5" x2="22" y2="5" stroke={COLORS.brand} strokeWidth="2" strokeDasharray="5 4" />
          </svg>
          <span>{t("funnels.trend.partialNote", { periods: incomplete.map((p) => names.long(p.period)).join(", ") })}</span>
        </p>
      ) : null}
    </div>
  );
}
