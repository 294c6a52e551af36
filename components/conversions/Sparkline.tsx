"use client";

import { useMemo } from "react";
import type { ChartConfiguration } from "chart.js";
import { Chart } from "@/components/charts/Chart";
import { COLORS } from "@/components/charts/register";
import { annotationMarks, annotationsPluginFor } from "@/components/charts/annotations-plugin";
import { useAnnotations } from "@/components/charts/AnnotationsContext";
import { useI18n } from "@/components/i18n/I18nProvider";
import type { GoalStat } from "@/lib/conversions/types";

/** A goal's daily conversion rate as a small line without axes; the tooltip gives day, rate and counts. */
export function Sparkline({ daily, label, testId }: { daily: GoalStat["daily"]; label: string; testId?: string }) {
  const { f } = useI18n();
  // Annotations as bands and lines only: the sparkline is too small for their numbers (the funnel's trend lists them).
  const annotations = useAnnotations();
  const marks = useMemo(
    () =>
      annotationMarks(
        daily.map((d) => d.day),
        "day",
        annotations,
      ),
    [daily, annotations],
  );
  const config = useMemo<ChartConfiguration<"line">>(
    () => ({
      type: "line",
      plugins: [annotationsPluginFor<"line">()],
      data: {
        labels: daily.map((d) => f.date(d.day + "T12:00:00Z")),
        datasets: [
          {
            data: daily.map((d) => (d.rate === null ? null : d.rate * 100)),
            borderColor: COLORS.brand,
            backgroundColor: "rgba(37,70,220,0.08)",
            fill: true,
            borderWidth: 1.5,
            tension: 0.35,
            pointRadius: 0,
            spanGaps: true,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: { x: { display: false }, y: { display: false, beginAtZero: true } },
        plugins: {
          trechterAnnotations: { marks, badges: false },
          legend: { display: false },
          tooltip: {
            displayColors: false,
            callbacks: {
              label: (item) =>
                `${f.percent(daily[item.dataIndex].rate)} (${f.number(daily[item.dataIndex].converted)} / ${f.number(daily[item.dataIndex].visitors)})`,
            },
          },
        },
      },
    }),
    [daily, f, marks],
  );
  return <Chart config={config} label={label} height={44} testId={testId} />;
}
