"use client";

import { useMemo, useState } from "react";
import type { ChartConfiguration } from "chart.js";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Chart } from "@/components/charts/Chart";
import { COLORS } from "@/components/charts/register";
import { Badge } from "@/components/ui/Badge";
import { Table, THead, TBody, Th, Tr, RowHeader, Td } from "@/components/ui/Table";
import { MIN_VISITORS_FOR_RATE } from "@/lib/stats/wilson";
import { segmentFieldLabel } from "@/lib/funnel/field-label";
import type { SegmentRow } from "@/lib/conversions/types";

type Column =
  "value" | "visitors" | "converted" | "conversions" | "rate" | "spend" | "costPerVisitor" | "costPerLead" | "costPerAcquisition" | "roas";

const COST_FIELDS = ["source", "medium", "campaign"];

/**
 * Conversion rate per value of one segment field for one goal: sortable, small rows marked, and as a
 * bar chart. Source, medium and campaign tables with ad spend add spend, cost per visitor, lead and acquisition, and ROAS.
 */
export function SegmentTable({ rows, goalKey, field }: { rows: SegmentRow[]; goalKey: string; field: string }) {
  const { t, f } = useI18n();
  const showCosts = COST_FIELDS.includes(field) && rows.some((r) => r.costs);
  const [sort, setSort] = useState<{ column: Column; dir: 1 | -1 }>({ column: "visitors", dir: -1 });
  const label = (v: string) => (v === "(none)" ? t("funnels.filters.none") : v);
  const view = useMemo(() => {
    const pick = (r: SegmentRow) => r.goals.find((g) => g.key === goalKey) ?? r.goals[0];
    const key = (r: SegmentRow): number | string => {
      const g = pick(r);
      switch (sort.column) {
        case "value":
          return r.value.toLowerCase();
        case "visitors":
          return r.visitors;
        case "converted":
          return g?.converted ?? 0;
        case "conversions":
          return g?.conversions ?? 0;
        case "rate":
          return g?.rate.rate ?? -1;
        default:
          return r.costs?.[sort.column] ?? -1;
      }
    };
    return [...rows]
      .map((r) => ({ row: r, goal: pick(r) }))
      .sort((a, b) => {
        const x = key(a.row);
        const y = key(b.row);
        return (x < y ? -1 : x > y ? 1 : 0) * sort.dir || b.row.visitors - a.row.visitors;
      });
  }, [rows, goalKey, sort]);

  const fieldName = segmentFieldLabel(t, field);
  const chartRows = view.filter((v) => v.goal?.rate.rate !== null).slice(0, 12);
  const config = useMemo<ChartConfiguration<"bar">>(
    () => ({
      type: "bar",
      data: {
        labels: chartRows.map((v) => label(v.row.value)),
        datasets: [
          {
            data: chartRows.map((v) => (v.goal?.rate.rate ?? 0) * 100),
            backgroundColor: chartRows.map((v) => (v.row.small ? COLORS.brandLight : COLORS.brand)),
            borderRadius: 4,
            maxBarThickness: 28,
          },
        ],
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 250 },
        scales: {
          x: {
            beginAtZero: true,
            grid: { color: COLORS.grid },
            ticks: { color: COLORS.text, callback: (v) => f.percentTick(Number(v) / 100) },
          },
          y: { grid: { display: false }, ticks: { color: COLORS.text } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const v = chartRows[item.dataIndex];
                return `${f.percent(v.goal?.rate.rate)} (${f.number(v.goal?.converted ?? 0)} / ${f.number(v.row.visitors)})${v.row.small ? ` · ${t("conversions.segments.small")}` : ""}`;
              },
            },
          },
        },
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view, f, t],
  );

  if (rows.length === 0)
    return (
      <p className="px-5 py-8 text-center text-sm text-slate-500" data-testid="segment-empty">
        {t("conversions.segments.empty")}
      </p>
    );

  const header = (column: Column, text: string, className?: string) => (
    <Th
      numeric={column !== "value"}
      className={className}
      sort={{
        direction: sort.column === column ? (sort.dir === 1 ? "ascending" : "descending") : null,
        onSort: () => setSort((s) => ({ column, dir: s.column === column ? (s.dir === 1 ? -1 : 1) : column === "value" ? 1 : -1 })),
        label: t("conversions.segments.sortBy", { column: text }),
        testId: `sort-${column}`,
      }}
    >
      {text}
    </Th>
  );

  return (
    // With the five cost columns the table needs the card's whole width (beside the chart they were cut off at 1440 px).
    <div className={`grid gap-5 p-4 [&>*]:min-w-0 ${showCosts ? "" : "xl:grid-cols-[1.4fr_1fr]"}`} data-testid="segment-layout">
      <div className="min-w-0">
        <Table label={t("conversions.segments.caption", { field: fieldName })} testId="segment-table">
          <THead>
            {header("value", fieldName)}
            {header("visitors", t("conversions.segments.visitors"))}
            {header("converted", t("conversions.segments.converted"), "hidden sm:table-cell")}
            {header("conversions", t("conversions.segments.conversions"), "hidden md:table-cell")}
            {header("rate", t("conversions.segments.rate"))}
            {showCosts ? (
              <>
                {header("spend", t("spend.costs.spend"))}
                {header("costPerVisitor", t("spend.costs.cpv"))}
                {header("costPerLead", t("spend.costs.cpl"))}
                {header("costPerAcquisition", t("spend.costs.cpa"))}
                {header("roas", t("spend.costs.roas"))}
              </>
            ) : null}
          </THead>
          <TBody>
            {view.map(({ row, goal }) => (
              <Tr key={row.value} className={row.small ? "text-slate-500" : undefined} data-testid="segment-row" data-value={row.value}>
                <RowHeader className="max-w-[14rem] truncate">
                  {label(row.value)}
                  {row.small ? (
                    <span className="ml-2 align-middle">
                      <Badge tone="amber">{t("conversions.segments.small")}</Badge>
                    </span>
                  ) : null}
                </RowHeader>
                <Td numeric>{f.number(row.visitors)}</Td>
                <Td numeric className="hidden sm:table-cell">
                  {f.number(goal?.converted ?? 0)}
                </Td>
                <Td numeric className="hidden md:table-cell">
                  {f.number(goal?.conversions ?? 0)}
                </Td>
                <Td numeric>
                  <span className="font-semibold text-slate-900">{f.percent(goal?.rate.rate)}</span>
                  {goal && goal.rate.rate !== null ? (
                    <span className="block text-[11px] text-slate-400">{f.interval(goal.rate.low, goal.rate.high)}</span>
                  ) : null}
                </Td>
                {showCosts ? (
                  <>
                    <Td numeric data-testid="cost-spend">
                      {row.costs ? f.currency(row.costs.spend) : "–"}
                    </Td>
                    <Td numeric data-testid="cost-per-visitor">
                      {f.currency(row.costs?.costPerVisitor)}
                    </Td>
                    <Td numeric data-testid="cost-per-lead">
                      {f.currency(row.costs?.costPerLead)}
                    </Td>
                    <Td numeric data-testid="cost-per-acquisition">
                      {f.currency(row.costs?.costPerAcquisition)}
                    </Td>
                    <Td numeric data-testid="cost-roas">
                      {row.costs?.roas == null ? "–" : t("spend.costs.roasValue", { value: f.decimal(row.costs.roas) })}
                    </Td>
                  </>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
        <p className="mt-3 text-xs text-slate-500">{t("conversions.segments.smallHint", { count: MIN_VISITORS_FOR_RATE })}</p>
      </div>
      <Chart
        config={config}
        label={t("conversions.segments.chart", { field: fieldName })}
        height={Math.max(160, chartRows.length * 30 + 40)}
        testId="segment-chart"
      />
    </div>
  );
}
