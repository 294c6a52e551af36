"use client";

import { useMemo } from "react";
import type { ChartConfiguration, Plugin } from "chart.js";
import { Chart } from "@/components/charts/Chart";
import { COLORS } from "@/components/charts/register";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { inputClass } from "@/components/ui/Field";
import { TIME_TO_CONVERT_BINS, type TimeToConvert } from "@/lib/funnel/types";

/** Rows of marker names above the plot (three markers: never more needed), their height and the least gap between two names, in px. */
const LABEL_ROWS = 3;
const LABEL_ROW_HEIGHT = 13;
const LABEL_GAP = 4;

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
    // The quartiles as dashed lines and the median as a solid one, each named above the plot (not colour
    // alone). Names that would touch go up a row (LABEL_ROWS rows are kept free above the plot), so
    // Q1 and the median never overlap, however close they are, at any width.
    const quartiles: Plugin<"bar"> = {
      id: "quartiles",
      afterDatasetsDraw(chart) {
        const x = chart.scales.x;
        const { top, bottom, left, right } = chart.chartArea;
        const ctx = chart.ctx;
        ctx.save();
        ctx.font = "600 11px system-ui, sans-serif";
        ctx.textAlign = "center";
        const placed: { row: number; from: number; to: number }[] = [];
        const positioned = markers
          .map((m) => {
            const pos = binPosition(m.v);
            const px = x.getPixelForValue(Math.floor(pos + 0.5)) + (pos - Math.floor(pos + 0.5)) * (x.width / TIME_TO_CONVERT_BINS.length);
            return { ...m, px };
          })
          .sort((a, b) => a.px - b.px);
        for (const m of positioned) {
          const quartile = m.label === "Q1" || m.label === "Q3";
          ctx.strokeStyle = COLORS.text;
          ctx.lineWidth = quartile ? 1 : 2;
          ctx.setLineDash(quartile ? [4, 3] : []);
          ctx.beginPath();
          ctx.moveTo(m.px, top);
          ctx.lineTo(m.px, bottom);
          ctx.stroke();
          const half = ctx.measureText(m.label).width / 2;
          const at = Math.min(Math.max(m.px, left + half), right - half);
          let row = 0;
          while (
            row < LABEL_ROWS - 1 &&
            placed.some((p) => p.row === row && at - half - LABEL_GAP < p.to && at + half + LABEL_GAP > p.from)
          )
            row++;
          placed.push({ row, from: at - half, to: at + half });
          ctx.fillStyle = COLORS.text;
          ctx.fillText(m.label, at, top - 4 - row * LABEL_ROW_HEIGHT);
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
        layout: { padding: { top: 4 + LABEL_ROWS * LABEL_ROW_HEIGHT } },
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
