"use client";

import { useMemo } from "react";
import type { ChartConfiguration, Plugin } from "chart.js";
import { Chart } from "@/components/charts/Chart";
import { COLORS } from "@/components/charts/register";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { inputClass } from "@/components/ui/Field";
import { TIME_TO_CONVERT_BINS, type TimeToConvert } from "@/lib/funnel/types";

/**
 * Where a duration sits on the chart's category axis: its bin's index plus how far into the bin it is
 * (the open last bin: its middle), so the median and quartile markers fall between the right bars.
 */
export function binPosition(seconds: number): number {
  const i = TIME_TO_CONVERT_BINS.findIndex(([from, to]) => seconds >= from && (to === null || seconds < to));
  if (i < 0) return 0;
  const [from, to] = TIME_TO_CONVERT_BINS[i];
  return i - 0.5 + (to === null ? 0.5 : (seconds - from) / (to - from));
}

/**
 * The time-to-convert distribution between two steps: visitors per fixed bin (DESIGN.md, the eleven
 * bins, empty ones too), with the median and quartiles drawn as labelled lines and said in words.
 * `choices` (required steps) and `onChoose` let the reader pick the steps (left out on shared reports,
 * which show the funnel's own pair). Renders nothing when the report has no distribution.
 */
export function TimeToConvertChart({
  data,
  labels,
  choices,
  onChoose,
}: {
  data: TimeToConvert | undefined;
  labels: string[];
  /** the step numbers that may be chosen (required steps) */
  choices?: number[];
  onChoose?: (from: number, to: number) => void;
}) {
  const { t, f } = useI18n();
  const binNames = useMemo(
    () => TIME_TO_CONVERT_BINS.map((_, i) => t(`funnels.timeToConvert.bins.b${i}` as "funnels.timeToConvert.bins.b0")),
    [t],
  );
  const config = useMemo<ChartConfiguration<"bar"> | null>(() => {
    if (!data) return null;
    const p = data.percentiles;
    const markers = [
      { v: p.p25, label: "Q1" },
      { v: p.p50, label: t("funnels.timeToConvert.medianShort") },
      { v: p.p75, label: "Q3" },
    ].filter((m): m is { v: number; label: string } => m.v !== null);
    // The quartiles as dashed lines and the median as a solid one, each named at its top (not colour alone).
    const quartiles: Plugin<"bar"> = {
      id: "quartiles",
      afterDatasetsDraw(chart) {
        const x = chart.scales.x;
        const { top, bottom } = chart.chartArea;
        const ctx = chart.ctx;
        ctx.save();
        ctx.font = "600 11px system-ui, sans-serif";
        ctx.textAlign = "center";
        for (const m of markers) {
          const pos = binPosition(m.v);
          const px = x.getPixelForValue(Math.floor(pos + 0.5)) + (pos - Math.floor(pos + 0.5)) * (x.width / TIME_TO_CONVERT_BINS.length);
          ctx.strokeStyle = COLORS.text;
          ctx.lineWidth = m.label === "Q1" || m.label === "Q3" ? 1 : 2;
          ctx.setLineDash(m.label === "Q1" || m.label === "Q3" ? [4, 3] : []);
          ctx.beginPath();
          ctx.moveTo(px, top + 12);
          ctx.lineTo(px, bottom);
          ctx.stroke();
          ctx.fillStyle = COLORS.text;
          ctx.fillText(m.label, px, top + 9);
        }
        ctx.restore();
      },
    };
    return {
      type: "bar",
      data: {
        labels: binNames,
        datasets: [
          {
            label: t("funnels.timeToConvert.axis"),
            data: data.bins.map((b) => b.visitors),
            backgroundColor: COLORS.brandLight,
            borderColor: COLORS.brand,
            borderWidth: 1,
            borderRadius: 3,
          },
        ],
      },
      plugins: [quartiles],
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 250 },
        layout: { padding: { top: 8 } },
        scales: {
          x: { grid: { display: false }, ticks: { color: COLORS.text, maxRotation: 50, autoSkip: false, font: { size: 10 } } },
          y: {
            beginAtZero: true,
            grid: { color: COLORS.grid },
            ticks: { color: COLORS.text, precision: 0, callback: (v) => f.number(Number(v)) },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => t("funnels.timeToConvert.bin", { bin: binNames[item.dataIndex], visitors: f.number(Number(item.raw)) }),
            },
          },
        },
      },
    } as ChartConfiguration<"bar">;
  }, [data, binNames, t, f]);
  if (!data || !config) return null;
  const p = data.percentiles;
  const pick = (which: "from" | "to", value: number) =>
    onChoose?.(which === "from" ? value : data.fromStep, which === "to" ? value : data.toStep);
  return (
    <Card data-testid="ttc">
      <CardHeader
        title={t("funnels.timeToConvert.title")}
        description={t("funnels.timeToConvert.description")}
        actions={
          choices && onChoose ? (
            <div className="flex flex-wrap gap-2">
              {(["from", "to"] as const).map((which) => (
                <label key={which} className="text-xs text-slate-600">
                  {t(`funnels.timeToConvert.${which}`)}
                  <select
                    className={`${inputClass} mt-1 w-auto! max-w-[11rem] py-1.5`}
                    value={which === "from" ? data.fromStep : data.toStep}
                    onChange={(e) => pick(which, Number(e.target.value))}
                    data-testid={`ttc-${which}`}
                  >
                    {choices
                      .filter((n) => (which === "from" ? n < data.toStep : n > data.fromStep))
                      .map((n) => (
                        <option key={n} value={n}>
                          {n}. {labels[n - 1]}
                        </option>
                      ))}
                  </select>
                </label>
              ))}
            </div>
          ) : null
        }
      />
      <div
        className="p-4"
        data-testid="ttc-body"
        data-from={data.fromStep}
        data-to={data.toStep}
        data-visitors={data.visitors}
        data-bins={JSON.stringify(data.bins.map((b) => b.visitors))}
        data-p25={p.p25 ?? undefined}
        data-p50={p.p50 ?? undefined}
        data-p75={p.p75 ?? undefined}
      >
        <p className="text-sm text-slate-700" data-testid="ttc-summary">
          {t("funnels.timeToConvert.visitors", { count: data.visitors })}
          {p.p50 !== null ? (
            <>
              {" · "}
              <strong className="font-semibold text-slate-900">{t("funnels.timeToConvert.median", { value: f.duration(p.p50) })}</strong>
              {p.p25 !== null && p.p75 !== null ? (
                <> · {t("funnels.timeToConvert.quartiles", { p25: f.duration(p.p25), p75: f.duration(p.p75) })}</>
              ) : null}
              {p.p90 !== null ? <> · {t("funnels.timeToConvert.p90", { value: f.duration(p.p90) })}</> : null}
            </>
          ) : null}
        </p>
        {data.visitors === 0 ? (
          <p className="mt-3 text-sm text-slate-600" data-testid="ttc-empty">
            {t("funnels.timeToConvert.none")}
          </p>
        ) : (
          <div className="mt-3">
            <Chart
              config={config}
              label={t("funnels.timeToConvert.title")}
              height={260}
              testId="ttc-chart"
              description={
                <ul>
                  {data.bins.map((b, i) => (
                    <li key={i}>{t("funnels.timeToConvert.bin", { bin: binNames[i], visitors: f.number(b.visitors) })}</li>
                  ))}
                </ul>
              }
            />
          </div>
        )}
      </div>
    </Card>
  );
}
