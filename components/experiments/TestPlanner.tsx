"use client";

import { useId, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { inputClass } from "@/components/ui/Field";
import { cx } from "@/components/ui/cx";
import { NumberInput } from "@/components/ui/NumberInput";
import { planTest, durationBand } from "@/lib/experiments/planner";
import type { PlannerTraffic } from "./types";

/** "Plan a test": the visitors per variant and the days a chosen uplift needs at this project's own traffic and baseline. */
export function TestPlanner({ traffic }: { traffic: PlannerTraffic }) {
  const { t, f } = useI18n();
  const id = useId();
  const withRate = traffic.goals.filter((g) => g.rate !== null && g.converted > 0);
  const [goalId, setGoalId] = useState(withRate[0]?.goalId ?? traffic.goals[0]?.goalId ?? "");
  const [uplift, setUplift] = useState<number | null>(10);
  const [variants, setVariants] = useState(2);
  const goal = traffic.goals.find((g) => g.goalId === goalId);
  const relativeUplift = uplift === null ? Number.NaN : uplift / 100;
  const plan = goal?.rate ? planTest({ dailyVisitors: traffic.dailyVisitors, baselineRate: goal.rate, relativeUplift, variants }) : null;

  const stat = (label: string, value: string, testId: string) => (
    <div className="rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );

  return (
    <Card data-testid="test-planner">
      <CardHeader title={t("experiments.planner.title")} description={t("experiments.planner.description", { count: traffic.days })} />
      {traffic.goals.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">{t("experiments.planner.noGoals")}</p>
      ) : (
        <div className="space-y-4 px-5 py-4">
          <div className="grid gap-4 sm:grid-cols-3">
            <div>
              <label htmlFor={`${id}-goal`} className="block text-sm font-medium text-slate-700">
                {t("experiments.planner.goal")}
              </label>
              <select
                id={`${id}-goal`}
                className={cx(inputClass, "mt-1.5")}
                value={goalId}
                onChange={(e) => setGoalId(e.target.value)}
                data-testid="planner-goal"
              >
                {traffic.goals.map((g) => (
                  <option key={g.goalId} value={g.goalId}>
                    {g.name}
                  </option>
                ))}
              </select>
            </div>
            <NumberInput
              label={t("experiments.planner.uplift")}
              name="planner-uplift"
              value={uplift}
              onValueChange={setUplift}
              min={1}
              max={100}
              maxDecimals={2}
              required
              data-testid="planner-uplift"
            />
            <div>
              <label htmlFor={`${id}-variants`} className="block text-sm font-medium text-slate-700">
                {t("experiments.planner.variants")}
              </label>
              <select
                id={`${id}-variants`}
                className={cx(inputClass, "mt-1.5")}
                value={variants}
                onChange={(e) => setVariants(Number(e.target.value))}
                data-testid="planner-variants"
              >
                {[2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
            {stat(t("experiments.planner.baseline"), f.percent(goal?.rate), "planner-baseline")}
            {stat(t("experiments.planner.daily"), f.number(Math.round(traffic.dailyVisitors)), "planner-daily")}
            {stat(t("experiments.planner.perVariant"), plan ? f.number(plan.perVariant) : "–", "planner-per-variant")}
            {stat(t("experiments.planner.total"), plan ? f.number(plan.total) : "–", "planner-total")}
            {stat(t("experiments.planner.days"), plan?.days != null ? f.number(plan.days) : "–", "planner-days")}
          </dl>
          <p className="text-sm text-slate-700" data-testid="planner-advice">
            {!plan
              ? t("experiments.planner.noPlan", { count: traffic.days })
              : plan.days === null
                ? t("experiments.planner.noTraffic", { count: traffic.days })
                : t(`experiments.planner.band.${durationBand(plan.days)}`)}
          </p>
          <p className="text-xs text-slate-500">{t("experiments.planner.assumptions")}</p>
        </div>
      )}
    </Card>
  );
}
