"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import type { StageKpiValue, StageSummary } from "@/lib/conversions/types";

/** Awareness → Retention: visitors who reached each stage and the KPIs the template names for it. */
export function StageKpis({ stages }: { stages: StageSummary[] }) {
  const { t, f } = useI18n();
  const value = (k: StageKpiValue) => {
    if (k.value === null) return null;
    switch (k.unit) {
      case "rate":
        return f.percent(k.value);
      case "money":
        return f.currency(k.value);
      case "seconds":
        return f.duration(k.value);
      default:
        return f.number(k.value);
    }
  };
  return (
    <Card>
      <CardHeader title={t("conversions.stages.title")} description={t("conversions.stages.body")} />
      <ol className="grid gap-px overflow-hidden rounded-b-xl bg-slate-200 sm:grid-cols-2 lg:grid-cols-5" data-testid="stages">
        {stages.map((s, i) => (
          <li key={s.stage} className="bg-white p-4" data-testid={`stage-${s.stage}`}>
            <p className="flex items-center gap-2 text-xs font-semibold uppercase tracking-wide text-brand-700">
              <span className="inline-flex size-5 items-center justify-center rounded-full bg-brand-50 text-[11px]">{i + 1}</span>
              {t(`conversions.stages.names.${s.stage}`)}
            </p>
            <p className="mt-1 text-xs text-slate-500">
              {t("conversions.stages.reached", { count: s.visitors, share: f.percent(s.share) })}
            </p>
            {s.stage === "retention" ? (
              <p className="mt-0.5 text-xs text-slate-600" data-testid="retention-counts">
                {t("conversions.stages.retentionCounts")}
              </p>
            ) : null}
            <dl className="mt-3 space-y-2.5">
              {s.kpis.map((k) => {
                const v = value(k);
                return (
                  <div key={k.id} data-testid={`kpi-${k.id}`}>
                    <dt className="text-xs text-slate-500">
                      <KpiName name={k.name} />
                    </dt>
                    <dd className={v === null ? "text-xs italic text-slate-400" : "text-sm font-semibold tabular-nums text-slate-900"}>
                      {v ?? t("conversions.stages.notAvailable")}
                    </dd>
                    {k.items?.length ? (
                      <ul className="mt-0.5 space-y-0.5 text-xs text-slate-600">
                        {k.items.slice(0, 5).map((it) => (
                          <li key={it.label} className="flex justify-between gap-2">
                            <span className="truncate">{it.label}</span>
                            <span className="tabular-nums">{f.number(it.value)}</span>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                );
              })}
            </dl>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function KpiName({ name }: { name: { en: string; nl: string } }) {
  const { locale } = useI18n();
  return <>{name[locale]}</>;
}
