"use client";

import { useMemo } from "react";
import type { ChartConfiguration, Plugin } from "chart.js";
import { Chart } from "@/components/charts/Chart";
import { COLORS } from "@/components/charts/register";
import { useI18n } from "@/components/i18n/I18nProvider";
import type { FunnelResults } from "@/lib/funnel/types";

type Props = { labels: string[]; results: FunnelResults };

/** Bars per step: the part that went on and the part that dropped off, with the percentages on them; one series per breakdown value. */
export function DropOffChart({ labels, results }: Props) {
  const { t, f } = useI18n();
  const config = useMemo<ChartConfiguration<"bar">>(() => {
    const breakdown = results.breakdown?.series;
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
    const datasets = breakdown
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
            data: results.steps.map((s, i) => (i === 0 ? 0 : s.dropped)),
            backgroundColor: COLORS.drop,
            borderRadius: 4,
            stack: "funnel",
          },
        ];
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
              // On a phone the step names do not fit under the bars: number them (the table names them).
              callback(this: { chart: { width: number } }, _v: unknown, i: number) {
                return this.chart.width < 520 ? String(i + 1) : wrap(labels[i]);
              },
            },
          },
          y: {
            stacked: !breakdown,
            beginAtZero: true,
            grid: { color: COLORS.grid },
            ticks: { color: COLORS.text, callback: (v) => (breakdown ? f.percentTick(Number(v) / 100) : f.number(Number(v))) },
          },
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, usePointStyle: true } },
          tooltip: {
            callbacks: {
              label: (item) =>
                breakdown
                  ? `${item.dataset.label}: ${f.percent(Number(item.raw) / 100)}`
                  : `${item.dataset.label}: ${f.number(Number(item.raw))}`,
            },
          },
        },
      },
    } as ChartConfiguration<"bar">;
  }, [labels, results, t, f]);
  return <Chart config={config} label={t("funnels.chart.label")} height={340} testId="dropoff-chart" />;
}

function wrap(label: string): string[] {
  const words = label.split(" ");
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last && (last + " " + w).length <= 16) lines[lines.length - 1] = last + " " + w;
    else lines.push(w);
  }
  return lines;
}
