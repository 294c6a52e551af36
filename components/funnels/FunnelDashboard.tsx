"use client";

import "@/components/charts/register";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useI18n } from "@/components/i18n/I18nProvider";
import { useFunnelResults } from "@/components/hooks/api";
import { apiErrorText } from "@/lib/api-client/errors";
import { apiUrls, type ReportSource } from "@/lib/api-client/keys";
import { Card, CardHeader } from "@/components/ui/Card";
import { Skeleton } from "@/components/ui/Skeleton";
import { MIN_VISITORS_FOR_RATE } from "@/lib/stats/wilson";
import type { FunnelResults, FunnelStepDefinition } from "@/lib/funnel/types";
import type { Translate } from "@/lib/i18n/translate";
import { compareSeries } from "@/lib/funnel/compare";
import { FilterBar } from "./FilterBar";
import { DropOffChart } from "./DropOffChart";
import { TrendChart } from "./TrendChart";
import { TrendUnitPicker } from "./TrendUnitPicker";
import { StepTable } from "./StepTable";
import { BreakdownCosts } from "./BreakdownCosts";
import { PointsChange } from "./PointsChange";
import { TimeToConvertChart } from "./TimeToConvertChart";
import type { ShareLock } from "@/lib/share-lock";

export type DashboardFunnel = { id: string; name: string; steps: FunnelStepDefinition[]; windowSeconds: number };

/** Where URL state becomes API parameters: everything but the page's own keys. */
export function resultParams(search: URLSearchParams): string {
  const p = new URLSearchParams(search);
  p.delete("funnel");
  p.sort();
  return p.toString();
}

export function stepLabels(steps: FunnelStepDefinition[]): string[] {
  return steps.map((s) => {
    const event = Array.isArray(s.event) ? s.event.join(" / ") : s.event;
    return s.label || (s.path ? `${event} ${s.path}` : event);
  });
}

/** A breakdown value's name in the reader's language ("Other", "(none)"). */
export function breakdownValueLabel(t: Translate, s: { value: string | null; other: boolean }): string {
  return s.other ? t("funnels.filters.other") : s.value === "(none)" ? t("funnels.filters.none") : (s.value ?? "");
}

/**
 * The funnel report: filters, drop-off chart, step table, overall conversion and trend. `source` is
 * the project or, on the shared-report page, the share link whose endpoints it reads. `audiences` adds
 * the "who dropped off" downloads (members only: the route needs a session or read key, so the shared
 * report leaves it off).
 */
export function FunnelDashboard({
  source,
  funnel,
  allowBreakdown = true,
  audiences = false,
  extraBreakdowns,
  lock,
}: {
  source: ReportSource;
  funnel: DashboardFunnel;
  allowBreakdown?: boolean;
  audiences?: boolean;
  extraBreakdowns?: readonly { field: string; label: string }[];
  /** a shared report's terms (its range choices, locked breakdown and comparison) */
  lock?: ShareLock;
}) {
  const { t, f } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const params = new URLSearchParams(search.toString());
  const apiParams = resultParams(params);
  const results = useFunnelResults(source, funnel.id, JSON.stringify([funnel.steps, funnel.windowSeconds]), apiParams);
  const labels = stepLabels(funnel.steps);
  const optional = funnel.steps.map((s) => s.optional === true);
  const data: FunnelResults | undefined = results.data;
  const compared = data?.previous ? compareSeries(data, data.previous) : null;
  const trendLines = data?.breakdown?.series.flatMap((s) => (s.trend ? [{ label: breakdownValueLabel(t, s), trend: s.trend }] : []));
  const rangeDays = data ? (Date.parse(data.range.to) - Date.parse(data.range.from)) / 86400_000 : 30;
  const small = data?.steps.some((s, i) => i > 0 && s.visitors > 0 && data.steps[i - 1].visitors < MIN_VISITORS_FOR_RATE);

  return (
    <div className="min-w-0 space-y-5">
      <FilterBar
        source={source}
        params={params}
        allowBreakdown={allowBreakdown}
        extraBreakdowns={extraBreakdowns}
        lock={lock}
        onChange={(next) => router.replace(`${pathname}?${next.toString()}`, { scroll: false })}
      />
      {results.isError ? (
        <p className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700" data-testid="results-error">
          {t("funnels.error")} {apiErrorText(t, results.error)}
        </p>
      ) : null}
      {data ? (
        <div className="space-y-2" aria-live="polite">
          {data.estimate ? (
            <Notice testId="notice-estimate">{t("funnels.estimate.notice", { share: f.percentTick(data.estimate.share) })}</Notice>
          ) : null}
          {data.steps[0].visitors === 0 ? <Notice testId="notice-empty">{t("funnels.notices.noEntries")}</Notice> : null}
          {rangeDays < 7 ? <Notice testId="notice-short">{t("funnels.notices.shortRange")}</Notice> : null}
          {small && data.steps[0].visitors > 0 ? (
            <Notice testId="notice-small">{t("funnels.notices.smallSample", { count: MIN_VISITORS_FOR_RATE })}</Notice>
          ) : null}
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label={t("funnels.summary.entered")} value={data ? f.number(data.steps[0].visitors) : null} testId="stat-entered" />
        <Stat
          label={t("funnels.summary.converted")}
          value={data ? f.number(data.steps[data.steps.length - 1].visitors) : null}
          testId="stat-converted"
        />
        <Stat
          label={t("funnels.summary.overall")}
          value={data ? f.percent(data.overall.rate) : null}
          testId="stat-overall"
          note={t("funnels.summary.counts", { count: funnel.steps.length, window: f.duration(funnel.windowSeconds) })}
          detail={
            data && data.overall.rate !== null
              ? t("funnels.summary.interval", { interval: f.interval(data.overall.interval.low, data.overall.interval.high) })
              : undefined
          }
          extra={
            data?.previous && compared ? (
              compared.overall.difference !== null ? (
                <span data-testid="stat-overall-change" data-points={compared.overall.difference}>
                  <PointsChange
                    change={compared.overall}
                    vs={t("funnels.compare.vsPrevious", { rate: f.percent(data.previous.overall.rate) })}
                  />
                </span>
              ) : (
                t("funnels.summary.noPrevious")
              )
            ) : undefined
          }
        />
      </div>
      <div
        className={`grid grid-cols-1 gap-5 [&>*]:min-w-0 ${results.isFetching ? "opacity-70 transition-opacity" : ""}`}
        aria-busy={results.isFetching}
      >
        <Card>
          <CardHeader title={funnel.name} description={t("funnels.chart.label")} />
          <div className="p-4">
            {data ? <DropOffChart labels={labels} results={data} optional={optional} /> : <Skeleton className="h-[340px]" />}
          </div>
        </Card>
        {data?.breakdown ? <BreakdownCosts breakdown={data.breakdown} /> : null}
        <TimeToConvertChart
          data={data?.timeToConvert}
          labels={labels}
          choices={source.kind === "project" ? funnel.steps.flatMap((s, i) => (s.optional ? [] : [i + 1])) : undefined}
          onChoose={(from, to) => {
            const next = new URLSearchParams(params);
            next.set("ttc", `${from}-${to}`);
            router.replace(`${pathname}?${next.toString()}`, { scroll: false });
          }}
        />
        <Card>
          <CardHeader title={t("funnels.table.step")} />
          <div className="px-4 pb-2">
            {data ? (
              <StepTable
                labels={labels}
                steps={data.steps}
                optional={optional}
                changes={compared?.steps}
                values={data.breakdown?.series.map((s) => ({ label: breakdownValueLabel(t, s), steps: s.steps }))}
                audienceHref={audiences ? (step) => apiUrls.funnelAudience(funnel.id, step, apiParams) : undefined}
                peopleHref={
                  audiences && source.kind === "project"
                    ? (step) =>
                        `/projects/${source.projectId}/funnels/${funnel.id}/audience?${[`step=${step}`, apiParams].filter(Boolean).join("&")}`
                    : undefined
                }
              />
            ) : (
              <Skeleton className="my-4 h-60" />
            )}
          </div>
        </Card>
      </div>
      <Card>
        <CardHeader
          title={t("funnels.chart.trendLabel")}
          actions={
            data ? (
              <TrendUnitPicker
                value={data.trend.unit}
                onChange={(unit) => {
                  const next = new URLSearchParams(params);
                  next.set("unit", unit);
                  router.replace(`${pathname}?${next.toString()}`, { scroll: false });
                }}
              />
            ) : null
          }
        />
        <div className="p-4">
          {data ? (
            <TrendChart trend={data.trend} previous={data.previous?.trend} lines={trendLines?.length ? trendLines : undefined} />
          ) : (
            <Skeleton className="h-[240px]" />
          )}
        </div>
      </Card>
    </div>
  );
}

function Notice({ children, testId }: { children: React.ReactNode; testId: string }) {
  return (
    <p data-testid={testId} className="rounded-lg bg-amber-50 px-4 py-2.5 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
      {children}
    </p>
  );
}

function Stat({
  label,
  value,
  detail,
  extra,
  note,
  testId,
}: {
  label: string;
  value: string | null;
  detail?: string;
  extra?: React.ReactNode;
  /** what the figure counts, in one short line */
  note?: string;
  testId: string;
}) {
  return (
    <Card className="p-4">
      <p className="text-sm text-slate-500">{label}</p>
      {value === null ? (
        <Skeleton className="mt-2 h-8 w-24" />
      ) : (
        <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
          {value}
        </p>
      )}
      {detail ? <p className="mt-1 text-xs text-slate-500">{detail}</p> : null}
      {extra ? <p className="mt-0.5 text-xs text-slate-600">{extra}</p> : null}
      {note ? (
        <p className="mt-1.5 text-xs text-slate-600" data-testid={`${testId}-counts`}>
          {note}
        </p>
      ) : null}
    </Card>
  );
}
