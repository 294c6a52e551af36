"use client";

import { useMemo } from "react";
import type { ChartConfiguration } from "chart.js";
import { Chart } from "@/components/charts/Chart";
import { COLORS } from "@/components/charts/register";
import { useI18n } from "@/components/i18n/I18nProvider";
import type { FunnelResults } from "@/lib/funnel/types";

/** Overall conversion per day or week over the range. */
export function TrendChart({ trend }: { trend: FunnelResults["trend"] }) {
  const { t, f } = useI18n();
  const config = useMemo<ChartConfiguration<"line">>(
    () => ({
      type: "line",
      data: {
        labels: trend.points.map((p) => f.date(p.period + "T12:00:00Z")),
        datasets: [
          {
            label: t("funnels.chart.conversion"),
            data: trend.points.map((p) => (p.rate === null ? null : p.rate * 100)),
            borderColor: COLORS.brand,
            backgroundColor: "rgba(37,70,220,0.08)",
            fill: true,
            tension: 0.3,
            pointRadius: trend.points.length > 40 ? 0 : 2,
            spanGaps: true,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 250 },
        scales: {
          x: { grid: { display: false }, ticks: { color: COLORS.text, maxTicksLimit: 8 } },
          y: {
            beginAtZero: true,
            grid: { color: COLORS.grid },
            ticks: { color: COLORS.text, callback: (v) => f.percentTick(Number(v) / 100) },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) =>
                `${f.percent(Number(item.raw) / 100)} (${f.number(trend.points[item.dataIndex].converted)} / ${f.number(trend.points[item.dataIndex].entered)})`,
            },
          },
        },
      },
    }),
    [trend, t, f],
  );
  return <Chart config={config} label={t("funnels.chart.trendLabel")} height={220} testId="trend-chart" />;
}
