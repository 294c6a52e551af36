"use client";

import "@/components/charts/register";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useI18n } from "@/components/i18n/I18nProvider";
import { useConversions } from "@/components/hooks/api";
import { apiErrorText } from "@/lib/api-client/errors";
import { apiUrls, type ReportSource } from "@/lib/api-client/keys";
import { Card, CardHeader } from "@/components/ui/Card";
import { Skeleton } from "@/components/ui/Skeleton";
import { FilterBar } from "@/components/funnels/FilterBar";
import { SEGMENT_TABLES } from "@/lib/conversions/query";
import { isOneOf } from "@/lib/one-of";
import type { SegmentField } from "@/lib/funnel/types";
import { MacroGoalCard, MicroGoalCard } from "./GoalCards";
import { StageKpis } from "./StageKpis";
import { SegmentTable } from "./SegmentTable";
import { SpendSummary } from "./SpendSummary";
import { SignedChange } from "./SignedChange";
import type { ShareLock } from "@/lib/share-lock";

/** The segment tables the article asks for, fetched with the overview so switching between them is instant. */
const ARTICLE_TABLES: SegmentField[] = ["source", "device", "country", "region", "age_group"];
const PAGE_KEYS = ["seg", "goal"];

/** URL state → the API's query string: range and filters as they are, plus the segment tables to include. */
export function overviewParams(search: URLSearchParams, seg: SegmentField): string {
  const p = new URLSearchParams(search);
  PAGE_KEYS.forEach((k) => p.delete(k));
  p.delete("compare");
  for (const field of new Set([...ARTICLE_TABLES, seg])) p.append("segment", field);
  p.sort();
  return p.toString();
}

/**
 * The conversions overview: filters and range (in the URL), macro goal with benchmark and what-if,
 * micro goals, stage KPIs and the segment tables. `source` is the project or a share link.
 */
export function ConversionsDashboard({ source, lock }: { source: ReportSource; lock?: ShareLock }) {
  const { t, f } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const params = new URLSearchParams(search.toString());
  const segParam = params.get("seg") ?? "source";
  const seg: SegmentField = isOneOf(SEGMENT_TABLES, segParam) ? segParam : "source";
  const apiParams = overviewParams(params, seg);
  const results = useConversions(source, apiParams);
  const data = results.data;
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const macro = data?.goals.filter((g) => g.kind === "macro") ?? [];
  const micro = data?.goals.filter((g) => g.kind === "micro") ?? [];
  const goalKey = data?.goals.some((g) => g.key === params.get("goal")) ? params.get("goal")! : data?.goals[0]?.key;
  const csv = (table: string, extra = "") => apiUrls.conversions(source, `${apiParams}&format=csv&table=${table}${extra}`);
  const rangeDays = data ? (Date.parse(data.range.to) - Date.parse(data.range.from)) / 86400_000 : 30;

  return (
    <div className="min-w-0 space-y-5">
      <FilterBar
        source={source}
        params={params}
        allowBreakdown={false}
        allowCompare={false}
        lock={lock}
        onChange={(next) => router.replace(`${pathname}?${next.toString()}`, { scroll: false })}
      />
      {results.isError ? (
        <p className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700" data-testid="results-error">
          {t("conversions.error")} {apiErrorText(t, results.error)}
        </p>
      ) : null}
      {data && rangeDays < 7 ? (
        <p
          data-testid="notice-short"
          className="rounded-lg bg-amber-50 px-4 py-2.5 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
        >
          {t("funnels.notices.shortRange")}
        </p>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-3">
        <Stat
          label={t("conversions.summary.visitors")}
          value={data ? f.number(data.visitors) : null}
          testId="stat-visitors"
          detail={
            data ? (
              data.visitorsChange === null ? (
                t("conversions.summary.noPrevious")
              ) : (
                <SignedChange
                  change={data.visitorsChange}
                  text={t("conversions.summary.change", { change: f.signedPercent(data.visitorsChange) })}
                  testId="stat-visitors-change"
                />
              )
            ) : undefined
          }
        />
        <Stat
          label={t("conversions.summary.newVisitors")}
          value={data ? f.number(data.newVisitors) : null}
          testId="stat-new"
          detail={data ? t("conversions.summary.returning", { n: f.number(data.returningVisitors) }) : undefined}
        />
        <Stat
          label={t("conversions.summary.macroRate")}
          value={data ? f.percent(macro[0]?.rate.rate) : null}
          testId="stat-macro"
          detail={macro[0]?.name}
          note={macro[0] ? t("conversions.summary.counts", { goal: macro[0].name }) : undefined}
        />
      </div>

      {data?.spend ? (
        <SpendSummary
          spend={data.spend}
          goals={data.goals}
          projectId={source.kind === "project" ? source.projectId : ""}
          onLead={(key) => setParam("lead", key)}
        />
      ) : null}

      <div className={`space-y-5 ${results.isFetching ? "opacity-70 transition-opacity" : ""}`} aria-busy={results.isFetching}>
        {data ? (
          <>
            {macro.length ? (
              <section aria-labelledby="macro-title" className="space-y-3">
                <h2 id="macro-title" className="text-sm font-semibold text-slate-900">
                  {t("conversions.goal.macroGoals")}
                </h2>
                {macro.map((g, i) => (
                  <MacroGoalCard
                    key={g.key}
                    goal={g}
                    visitors={data.visitors}
                    benchmark={i === 0 ? data.benchmark : null}
                    scenario={i === 0 ? data.whatIf : null}
                  />
                ))}
              </section>
            ) : null}
            {micro.length ? (
              <section aria-labelledby="micro-title" className="space-y-3">
                <h2 id="micro-title" className="text-sm font-semibold text-slate-900">
                  {t("conversions.goal.microGoals")}
                </h2>
                <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
                  {micro.map((g) => (
                    <MicroGoalCard key={g.key} goal={g} visitors={data.visitors} />
                  ))}
                </div>
              </section>
            ) : null}
            <StageKpis stages={data.stages} />
          </>
        ) : (
          <>
            <Skeleton className="h-72" />
            <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} className="h-44" />
              ))}
            </div>
          </>
        )}

        <Card>
          <CardHeader
            title={t("conversions.segments.title")}
            description={t("conversions.segments.body")}
            actions={
              data?.goals.length ? (
                <label className="flex min-w-0 max-w-full items-center gap-2 text-xs font-medium text-slate-500">
                  {t("conversions.segments.goal")}
                  <select
                    className="min-w-0 max-w-full rounded-lg border-0 bg-white py-1.5 pl-3 pr-8 text-sm text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
                    value={goalKey}
                    onChange={(e) => setParam("goal", e.target.value)}
                    data-testid="segment-goal"
                  >
                    {data.goals.map((g) => (
                      <option key={g.key} value={g.key}>
                        {g.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null
            }
          />
          <div
            role="tablist"
            aria-label={t("conversions.segments.title")}
            className="scroll-shadows flex gap-1 overflow-x-auto border-b border-slate-100 px-4"
            onKeyDown={(e) => {
              const i = SEGMENT_TABLES.indexOf(seg as (typeof SEGMENT_TABLES)[number]);
              const next =
                e.key === "ArrowRight"
                  ? SEGMENT_TABLES[(i + 1) % SEGMENT_TABLES.length]
                  : e.key === "ArrowLeft"
                    ? SEGMENT_TABLES[(i - 1 + SEGMENT_TABLES.length) % SEGMENT_TABLES.length]
                    : null;
              if (next) {
                e.preventDefault();
                setParam("seg", next === "source" ? null : next);
                document.getElementById(`seg-tab-${next}`)?.focus();
              }
            }}
          >
            {SEGMENT_TABLES.map((field) => (
              <button
                key={field}
                id={`seg-tab-${field}`}
                role="tab"
                type="button"
                aria-selected={seg === field}
                tabIndex={seg === field ? 0 : -1}
                onClick={() => setParam("seg", field === "source" ? null : field)}
                data-testid={`seg-tab-${field}`}
                className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium ${seg === field ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
              >
                {t(`funnels.filters.fields.${field}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-labelledby={`seg-tab-${seg}`}>
            {data && goalKey ? (
              <SegmentTable rows={data.segments[seg] ?? []} goalKey={goalKey} field={seg} />
            ) : data ? null : (
              <Skeleton className="m-4 h-48" />
            )}
          </div>
          {data ? (
            <div className="flex flex-wrap gap-x-4 gap-y-1 border-t border-slate-100 px-5 py-3 text-xs font-medium">
              <span className="text-slate-500">{t("conversions.download")}:</span>
              <a className="text-brand-700 hover:underline" href={csv("segment", `&field=${seg}`)} download data-testid="csv-segment">
                {t("conversions.downloads.segment")}
              </a>
              <a className="text-brand-700 hover:underline" href={csv("goals")} download data-testid="csv-goals">
                {t("conversions.downloads.goals")}
              </a>
              <a className="text-brand-700 hover:underline" href={csv("daily")} download>
                {t("conversions.downloads.daily")}
              </a>
              <a className="text-brand-700 hover:underline" href={csv("stages")} download>
                {t("conversions.downloads.stages")}
              </a>
            </div>
          ) : null}
        </Card>
      </div>
    </div>
  );
}

function Stat({
  label,
  value,
  detail,
  note,
  testId,
}: {
  label: string;
  value: string | null;
  detail?: React.ReactNode;
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
      {detail ? <p className="mt-1 truncate text-xs text-slate-500">{detail}</p> : null}
      {note ? (
        <p className="mt-1.5 text-xs text-slate-600" data-testid={`${testId}-counts`}>
          {note}
        </p>
      ) : null}
    </Card>
  );
}
