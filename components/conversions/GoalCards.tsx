"use client";

import { useState } from "react";
import { ARTICLES } from "@/lib/templates/articles";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { NumberInput } from "@/components/ui/NumberInput";
import { MIN_VISITORS_FOR_RATE } from "@/lib/stats/wilson";
import { proposedTarget, whatIfWhole, type WhatIf } from "@/lib/stats/what-if";
import type { BenchmarkView, GoalStat, WhatIfView } from "@/lib/conversions/types";
import { Sparkline } from "./Sparkline";
import { SignedChange } from "./SignedChange";
import { isClearChange, rateChange } from "@/lib/funnel/compare";

/** The rate's change against the previous period: a gain or a loss only when the difference's 95 % interval excludes zero. */
function Change({ goal, visitors }: { goal: GoalStat; visitors: number }) {
  const { t, f } = useI18n();
  if (goal.change === null) return <p className="text-xs text-slate-500">{t("conversions.goal.noPrevious")}</p>;
  const clear = isClearChange(rateChange(goal.converted, visitors, goal.previous.converted, goal.previous.visitors));
  return (
    <p className="text-xs" data-testid={`goal-change-${goal.key}`}>
      <SignedChange
        change={goal.change}
        clear={clear}
        text={t("conversions.goal.change", { change: f.signedPercent(goal.change), rate: f.percent(goal.previous.rate) })}
      />
      {clear ? null : <span className="block text-slate-600">{t("funnels.compare.unclear")}</span>}
    </p>
  );
}

function match(goal: GoalStat): string {
  const where = goal.match.where
    ? Object.entries(goal.match.where)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")
    : "";
  return [goal.match.event, goal.match.path, where].filter(Boolean).join(" · ");
}

/** The macro goal: its rate with interval, change, sparkline, revenue figures, the sector benchmark and a what-if line. */
export function MacroGoalCard({
  goal,
  visitors,
  benchmark,
  scenario,
}: {
  goal: GoalStat;
  visitors: number;
  benchmark: BenchmarkView | null;
  scenario: WhatIfView | null;
}) {
  const { t, f } = useI18n();
  return (
    <Card className="overflow-hidden" data-testid={`goal-${goal.key}`}>
      <div className="grid gap-0 lg:grid-cols-[1.3fr_1fr]">
        <div className="space-y-4 p-5">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="brand">{t("conversions.goal.macro")}</Badge>
            <h3 className="text-base font-semibold text-slate-900">{goal.name}</h3>
            <code className="truncate text-xs text-slate-500">{match(goal)}</code>
          </div>
          <div className="flex flex-wrap items-end gap-x-6 gap-y-2">
            <div>
              <p className="text-sm text-slate-500">{t("conversions.goal.rate")}</p>
              <p className="text-4xl font-semibold tabular-nums tracking-tight text-slate-900" data-testid={`goal-rate-${goal.key}`}>
                {f.percent(goal.rate.rate)}
              </p>
            </div>
            <div className="space-y-0.5 pb-1 text-xs text-slate-500">
              {goal.rate.rate !== null ? (
                <p>{t("conversions.goal.interval", { interval: f.interval(goal.rate.low, goal.rate.high) })}</p>
              ) : null}
              <p data-testid={`goal-converted-${goal.key}`}>
                {t("conversions.goal.converted", { converted: goal.converted, count: visitors })}
              </p>
              <p>
                {t("conversions.goal.conversions", { count: goal.conversions })}
                {goal.repeatConverters ? ` · ${t("conversions.goal.repeat", { count: goal.repeatConverters })}` : ""}
              </p>
            </div>
          </div>
          <Change goal={goal} visitors={visitors} />
          {goal.small ? <Badge tone="amber">{t("conversions.goal.small")}</Badge> : null}
          <Sparkline daily={goal.daily} label={t("conversions.goal.sparkline", { goal: goal.name })} testId={`sparkline-${goal.key}`} />
          {goal.revenue ? (
            <dl className="grid grid-cols-3 gap-3 border-t border-slate-100 pt-4">
              <Figure label={t("conversions.goal.revenue")} value={f.currency(goal.revenue.total)} testId={`goal-revenue-${goal.key}`} />
              <Figure label={t("conversions.goal.aov")} value={f.currency(goal.revenue.averageOrderValue)} />
              <Figure label={t("conversions.goal.perVisitor")} value={f.currency(goal.revenue.perVisitor)} />
            </dl>
          ) : null}
        </div>
        <div className="space-y-5 border-t border-slate-100 bg-slate-50/70 p-5 lg:border-l lg:border-t-0">
          {benchmark ? <Benchmark benchmark={benchmark} /> : null}
          {scenario ? <WhatIfLine scenario={scenario} /> : null}
        </div>
      </div>
    </Card>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

const VERDICT_TONE = { above: "green", below: "red", around: "slate", insufficient: "amber" } as const;

function Benchmark({ benchmark }: { benchmark: BenchmarkView }) {
  const { t, f, locale } = useI18n();
  return (
    <section aria-labelledby="benchmark-title" data-testid="benchmark">
      <h4 id="benchmark-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t("conversions.benchmark.title")}
      </h4>
      {benchmark.rate === null ? (
        <p className="mt-2 text-sm text-slate-700">{benchmark.label[locale]}</p>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-800" data-testid="benchmark-rate">
            <span className="text-lg font-semibold tabular-nums">{f.percent(benchmark.rate)}</span>{" "}
            <span className="text-slate-600">{benchmark.label[locale]}</span>
          </p>
          {benchmark.solidRange ? (
            <p className="mt-0.5 text-xs text-slate-500">
              {t("conversions.benchmark.solid", { interval: f.interval(benchmark.solidRange[0], benchmark.solidRange[1]) })}
            </p>
          ) : null}
          {benchmark.verdict ? (
            <p className="mt-3" data-testid="benchmark-verdict" data-verdict={benchmark.verdict}>
              <Badge tone={VERDICT_TONE[benchmark.verdict]}>
                {t(`conversions.benchmark.verdict.${benchmark.verdict}`, { n: MIN_VISITORS_FOR_RATE })}
              </Badge>
            </p>
          ) : null}
          {/* What the source says, in the reader's language and number format (the Dutch article's sentence, in English too). */}
          {benchmark.quote && t.has(`conversions.benchmark.explanation.${benchmark.sector}`) ? (
            <figure className="mt-3 border-l-2 border-brand-200 pl-3">
              <p className="text-xs italic text-slate-600" data-testid="benchmark-explanation">
                {t(`conversions.benchmark.explanation.${benchmark.sector}` as "conversions.benchmark.explanation.ecommerce", {
                  rate: f.percent(benchmark.rate),
                })}
              </p>
              <figcaption className="mt-1 text-xs text-slate-600" data-testid="benchmark-source">
                {t("conversions.benchmark.source", {
                  publisher: ARTICLES["conversie.txt"].publisher,
                  title: ARTICLES["conversie.txt"].title,
                  date: f.date(new Date(`${ARTICLES["conversie.txt"].published}T12:00:00Z`)),
                  site: ARTICLES["conversie.txt"].site,
                })}
              </figcaption>
            </figure>
          ) : null}
        </>
      )}
    </section>
  );
}

function WhatIfLine({ scenario }: { scenario: WhatIfView }) {
  const { t, f } = useI18n();
  // The proposal: a quarter higher (the article's 2 % → 2.5 %), capped below 100 %; the field holds percent.
  const proposal = proposedTarget(scenario.currentRate);
  const [target, setTarget] = useState<number | null>(() => (proposal === null ? null : Math.round(proposal * 1000) / 10));
  if (proposal === null)
    return (
      <section aria-labelledby="whatif-title" data-testid="what-if">
        <h4 id="whatif-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          {t("conversions.whatIf.title")}
        </h4>
        <p className="mt-2 text-sm text-slate-700" data-testid="what-if-text">
          {t("conversions.whatIf.full")}
        </p>
      </section>
    );
  const r =
    target === null
      ? null
      : whatIfWhole({
          visitors: scenario.visitors,
          currentRate: scenario.currentRate,
          targetRate: target / 100,
          valuePerConversion: scenario.valuePerConversion ?? undefined,
        });
  const extra = (r: WhatIf) =>
    r.extraConversions < 0
      ? t("conversions.whatIf.fewer", { count: -r.extraConversions })
      : t("conversions.whatIf.more", { count: r.extraConversions });
  const common = (r: WhatIf) => ({
    target: f.percent((target ?? 0) / 100),
    current: f.percent(scenario.currentRate),
    count: scenario.visitors,
    extra: extra(r),
    relative: f.signedPercent(r.relativeIncrease),
  });
  return (
    <section aria-labelledby="whatif-title" data-testid="what-if">
      <h4 id="whatif-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t("conversions.whatIf.title")}
      </h4>
      <NumberInput
        className="mt-2"
        layout="inline"
        label={t("conversions.whatIf.label")}
        name="what-if-rate"
        value={target}
        onValueChange={setTarget}
        min={0.01}
        max={100}
        maxDecimals={2}
        required
        suffix="%"
        inputClassName="w-24"
        data-testid="what-if-rate"
      />
      {r ? (
        <p className="mt-2 text-sm text-slate-700" data-testid="what-if-text">
          {r.revenueAt !== undefined
            ? t("conversions.whatIf.revenue", { ...common(r), revenue: f.currency(r.revenueAt), revenueNow: f.currency(r.revenueNow) })
            : t("conversions.whatIf.leads", { ...common(r), at: f.number(r.conversionsAt), now: f.number(r.conversionsNow) })}
        </p>
      ) : null}
    </section>
  );
}

/** A micro goal: rate, interval, counts, change and sparkline in a compact card. */
export function MicroGoalCard({ goal, visitors }: { goal: GoalStat; visitors: number }) {
  const { t, f } = useI18n();
  return (
    <Card className="flex flex-col gap-2 p-4" data-testid={`goal-${goal.key}`}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="truncate text-sm font-semibold text-slate-900" title={goal.name}>
            {goal.name}
          </h3>
          <code className="block truncate text-[11px] text-slate-500">{match(goal)}</code>
        </div>
        <Badge>{t("conversions.goal.micro")}</Badge>
      </div>
      <p className="text-2xl font-semibold tabular-nums text-slate-900" data-testid={`goal-rate-${goal.key}`}>
        {f.percent(goal.rate.rate)}
      </p>
      <div className="space-y-0.5 text-xs text-slate-500">
        {goal.rate.rate !== null ? <p>{t("conversions.goal.interval", { interval: f.interval(goal.rate.low, goal.rate.high) })}</p> : null}
        <p data-testid={`goal-converted-${goal.key}`}>{t("conversions.goal.converted", { converted: goal.converted, count: visitors })}</p>
      </div>
      <Change goal={goal} visitors={visitors} />
      {goal.revenue ? (
        <p className="text-xs text-slate-600" data-testid={`goal-revenue-${goal.key}`}>
          {t("conversions.goal.revenue")}:{" "}
          <span className="font-semibold tabular-nums text-slate-900">{f.currency(goal.revenue.total)}</span> · {t("conversions.goal.aov")}:{" "}
          {f.currency(goal.revenue.averageOrderValue)}
        </p>
      ) : null}
      <div className="mt-auto">
        <Sparkline daily={goal.daily} label={t("conversions.goal.sparkline", { goal: goal.name })} />
      </div>
    </Card>
  );
}
