"use client";

import { useMemo } from "react";
import type { ChartConfiguration, Plugin } from "chart.js";
import { Chart } from "@/components/charts/Chart";
import { COLORS } from "@/components/charts/register";
import { useI18n } from "@/components/i18n/I18nProvider";
import type { FunnelResults } from "@/lib/funnel/types";

type Props = { labels: string[]; results: FunnelResults; optional?: boolean[] };

/**
 * Bars per step: the part that went on and the part that dropped off, with the percentages on them;
 * one series per breakdown value. With "compare with previous period" the previous period's bars stand
 * beside this period's (hatched, so not colour alone); an optional step's name says it is optional.
 */
export function DropOffChart({ labels: names, results, optional = [] }: Props) {
  const { t, f } = useI18n();
  const labels = useMemo(
    () => names.map((n, i) => (optional[i] ? `${n} (${t("funnels.table.optional").toLowerCase()})` : n)),
    [names, optional, t],
  );
  const previous = results.previous;
  const config = useMemo<ChartConfiguration<"bar">>(() => {
    const breakdown = results.breakdown?.series;
    const pattern = hatch();
    // Percentages drawn above each bar, so the chart reads without hovering (and without colour alone).
    const percentLabels: Plugin<"bar"> = {
      id: "percentLabels",
      afterDatasetsDraw(chart) {
        const ctx = chart.ctx;
        ctx.save();
        ctx.font = "600 11px system-ui, sans-serif";
        ctx.fillStyle = COLORS.text;
        ctx.textAlign = "center";
        chart.data.datasets.forEach((ds, di) => {
          const meta = chart.getDatasetMeta(di);
          if (meta.hidden || (ds as { stack?: string }).stack === "dropped") return;
          meta.data.forEach((bar, i) => {
            const text = (ds as unknown as { percents?: (string | null)[] }).percents?.[i];
            if (text) ctx.fillText(text, bar.x, bar.y - 6);
          });
        });
        ctx.restore();
      },
    };
    type BarSet = { label: string; data: number[]; percents?: (string | null)[]; stack?: string } & Record<string, unknown>;
    const datasets: BarSet[] = breakdown
      ? breakdown.map((s, i) => ({
          label: s.other ? t("funnels.filters.other") : s.value === "(none)" ? t("funnels.filters.none") : (s.value ?? ""),
          data: s.steps.map((x) => (x.conversionFromStart ?? 0) * 100),
          percents: s.steps.map((x) => (breakdown.length <= 3 ? f.percent(x.conversionFromStart) : null)),
          backgroundColor: COLORS.series[i % COLORS.series.length],
          borderRadius: 4,
        }))
      : [
          {
            label: t("funnels.chart.converted"),
            data: results.steps.map((s) => s.visitors),
            percents: results.steps.map((s) => f.percent(s.conversionFromStart)),
            backgroundColor: COLORS.brand,
            borderRadius: 4,
            stack: "funnel",
          },
          {
            label: t("funnels.chart.dropped"),
            data: results.steps.map((s, i) => (i === 0 ? 0 : Math.max(0, s.dropped))),
            backgroundColor: COLORS.drop,
            borderColor: COLORS.dropEdge,
            borderWidth: 1.5,
            borderRadius: 4,
            stack: "funnel",
          },
        ];
    // The previous period: its visitors per step (or, in a breakdown, all visitors' conversion from the start).
    if (previous)
      datasets.push({
        label: breakdown ? t("funnels.compare.previousAll") : t("funnels.compare.previousSeries"),
        data: previous.steps.map((x) => (breakdown ? (x.conversionFromStart ?? 0) * 100 : x.visitors)),
        percents: previous.steps.map((x) => (!breakdown || breakdown.length <= 3 ? f.percent(x.conversionFromStart) : null)),
        backgroundColor: pattern,
        borderColor: COLORS.previous,
        borderWidth: 1.5,
        borderRadius: 4,
        stack: "previous",
      });
    return {
      type: "bar",
      data: { labels, datasets },
      plugins: [percentLabels],
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 250 },
        layout: { padding: { top: 20 } },
        scales: {
          x: {
            stacked: !breakdown,
            grid: { display: false },
            ticks: {
              color: COLORS.text,
              autoSkip: false,
              maxRotation: 0,
              font: { size: 11 },
              // Step names at every width: wrapped to the room each bar has, shortened with "…" past
              // three lines (the tooltip and the step table give the full name).
              callback(this: { chart: { width: number } }, _v: unknown, i: number) {
                return axisLabel(labels[i] ?? "", (this.chart.width - 48) / Math.max(1, labels.length));
              },
            },
          },
          y: {
            stacked: !breakdown,
            beginAtZero: true,
            grid: { color: COLORS.grid },
            // Counts tick in whole visitors (never "0.5"); a breakdown's percentages as they come.
            ticks: {
              color: COLORS.text,
              precision: breakdown ? undefined : 0,
              callback: (v) => (breakdown ? f.percentTick(Number(v) / 100) : f.number(Number(v))),
            },
          },
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, usePointStyle: true } },
          tooltip: {
            callbacks: {
              title: (items) => (items[0] ? labels[items[0].dataIndex] : ""),
              label: (item) =>
                breakdown
                  ? `${item.dataset.label}: ${f.percent(Number(item.raw) / 100)}`
                  : `${item.dataset.label}: ${f.number(Number(item.raw))}`,
            },
          },
        },
      },
    } as ChartConfiguration<"bar">;
  }, [labels, results, previous, t, f]);
  return (
    <div data-testid="dropoff" data-series={JSON.stringify(config.data.datasets.map((d) => d.label))}>
      <Chart
        config={config}
        label={t("funnels.chart.label")}
        height={340}
        testId="dropoff-chart"
        description={
          <ol>
            {results.steps.map((s, i) => (
              <li key={i}>
                {labels[i]}: {f.number(s.visitors)} ({f.percent(s.conversionFromStart)})
                {previous?.steps[i]
                  ? `; ${t("funnels.compare.previousSeries")}: ${f.number(previous.steps[i].visitors)} (${f.percent(previous.steps[i].conversionFromStart)})`
                  : null}
              </li>
            ))}
          </ol>
        }
      />
    </div>
  );
}

/** The previous period's bar fill: a light diagonal hatch inside a slate edge (3:1 on white), so it differs by pattern, not colour alone. */
function hatch(): CanvasPattern | string {
  if (typeof document === "undefined") return COLORS.grid;
  const c = document.createElement("canvas");
  c.width = c.height = 6;
  const ctx = c.getContext("2d");
  if (!ctx) return COLORS.grid;
  ctx.fillStyle = "#f1f5f9";
  ctx.fillRect(0, 0, 6, 6);
  ctx.strokeStyle = COLORS.previous;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, 6);
  ctx.lineTo(6, 0);
  ctx.stroke();
  return ctx.createPattern(c, "repeat") ?? COLORS.grid;
}

/** Average width of a character of the 11 px axis font, in px (measured: 5.6–6.4 for Dutch and English step names). */
const CHAR_PX = 6.2;
const MAX_LINES = 3;

/** A step name for the axis: words wrapped to lines that fit `width` px, long words hyphenated, at most three lines, the rest as "…". */
export function axisLabel(label: string, width: number): string[] {
  const max = Math.max(5, Math.floor(width / CHAR_PX));
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + " " + word).length <= max) lines[lines.length - 1] = last + " " + word;
    // A word a little longer than the room stays whole (the bars' gaps take it); a long one is hyphenated.
    else if (word.length <= max + 2) lines.push(word);
    else for (let w = word; w.length; w = w.slice(max - 1)) lines.push(w.length <= max ? w : w.slice(0, max - 1) + "-");
  }
  if (lines.length <= MAX_LINES) return lines;
  const kept = lines.slice(0, MAX_LINES);
  kept[MAX_LINES - 1] = kept[MAX_LINES - 1].slice(0, max - 1) + "…";
  return kept;
}
