"use client";

import Link from "next/link";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import type { GoalStat, SpendSummary as SpendSummaryView } from "@/lib/conversions/types";

/** The range's ad spend with cost per visitor, lead (a chosen micro goal) and acquisition, and ROAS. */
export function SpendSummary({
  spend,
  goals,
  projectId,
  onLead,
}: {
  spend: SpendSummaryView;
  goals: GoalStat[];
  projectId: string;
  onLead: (key: string) => void;
}) {
  const { t, f } = useI18n();
  const micro = goals.filter((g) => g.kind === "micro");
  const name = (key: string | null) => goals.find((g) => g.key === key)?.name;
  const figures = [
    { id: "spend", label: t("spend.costs.spend"), value: f.currency(spend.spend) },
    { id: "cpv", label: t("spend.costs.costPerVisitor"), value: f.currency(spend.costPerVisitor) },
    { id: "cpl", label: t("spend.costs.costPerLead"), value: f.currency(spend.costPerLead), detail: name(spend.leadGoalKey) },
    {
      id: "cpa",
      label: t("spend.costs.costPerAcquisition"),
      value: f.currency(spend.costPerAcquisition),
      detail: name(spend.acquisitionGoalKey),
    },
    {
      id: "roas",
      label: t("spend.costs.roas"),
      value: spend.roas === null ? "–" : t("spend.costs.roasValue", { value: f.decimal(spend.roas) }),
      detail: spend.revenueGoalKey ? name(spend.revenueGoalKey) : t("spend.costs.noRevenue"),
    },
  ];
  return (
    <Card data-testid="spend-summary">
      <CardHeader
        title={t("spend.costs.title")}
        description={t("spend.costs.description")}
        actions={
          <>
            {micro.length > 1 ? (
              <label className="flex items-center gap-2 text-xs font-medium text-slate-500">
                {t("spend.costs.leadGoal")}
                <select
                  className="rounded-lg border-0 bg-white py-1.5 pl-3 pr-8 text-sm text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
                  value={spend.leadGoalKey ?? ""}
                  onChange={(e) => onLead(e.target.value)}
                  data-testid="spend-lead-goal"
                >
                  {micro.map((g) => (
                    <option key={g.key} value={g.key}>
                      {g.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {projectId ? (
              <Link href={`/projects/${projectId}/spend`} className="text-xs font-medium text-brand-700 hover:underline">
                {t("spend.costs.manage")}
              </Link>
            ) : null}
          </>
        }
      />
      <dl className="grid grid-cols-2 gap-4 p-5 sm:grid-cols-3 lg:grid-cols-5">
        {figures.map((x) => (
          <div key={x.id}>
            <dt className="text-sm text-slate-500">{x.label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900" data-testid={`spend-${x.id}`}>
              {x.value}
            </dd>
            {x.detail ? <dd className="mt-0.5 truncate text-xs text-slate-500">{x.detail}</dd> : null}
          </div>
        ))}
      </dl>
    </Card>
  );
}
