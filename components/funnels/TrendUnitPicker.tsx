"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { TREND_UNITS, type TrendUnit } from "@/lib/funnel/periods";

/** Day, week or month: a group of toggle buttons that puts `unit` in the URL (the server counts in the project's time zone). */
export function TrendUnitPicker({ value, onChange }: { value: TrendUnit; onChange: (unit: TrendUnit) => void }) {
  const { t } = useI18n();
  return (
    <div
      role="group"
      aria-label={t("funnels.trend.unitLabel")}
      className="inline-flex rounded-lg bg-white p-0.5 text-xs font-medium shadow-sm ring-1 ring-slate-200"
      data-testid="trend-unit"
    >
      {TREND_UNITS.map((u) => (
        <button
          key={u}
          type="button"
          aria-pressed={u === value}
          data-testid={`trend-unit-${u}`}
          onClick={() => u !== value && onChange(u)}
          className={
            u === value ? "rounded-md bg-brand-600 px-2.5 py-1 text-white" : "rounded-md px-2.5 py-1 text-slate-600 hover:bg-slate-100"
          }
        >
          {t(`funnels.trend.units.${u}`)}
        </button>
      ))}
    </div>
  );
}
