"use client";

import { TEMPLATES } from "@/lib/templates";
import { SECTORS, type Sector } from "@/lib/sectors";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";

export function SectorStep({
  value,
  onPick,
  error,
  onBack,
  onNext,
}: {
  value?: Sector;
  onPick: (s: Sector) => void;
  error?: string;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t, f, locale } = useI18n();
  return (
    <div>
      <h2 className="text-lg font-semibold text-slate-900">{t("onboarding.sector.heading")}</h2>
      <p className="mt-1 text-sm text-slate-500">{t("onboarding.sector.body")}</p>
      <div role="radiogroup" aria-label={t("onboarding.sector.heading")} className="mt-5 grid gap-3 sm:grid-cols-2">
        {SECTORS.map((s) => {
          const tpl = TEMPLATES[s];
          const selected = value === s;
          return (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={selected}
              data-testid={`sector-${s}`}
              onClick={() => onPick(s)}
              className={`rounded-xl p-4 text-left ring-1 transition ${selected ? "bg-brand-50 ring-2 ring-brand-600" : "bg-white ring-slate-200 hover:ring-brand-300"}`}
            >
              <span className="block font-semibold text-slate-900">{tpl.name[locale]}</span>
              <span className="mt-0.5 block text-sm text-slate-500">{tpl.description[locale]}</span>
              <span className="mt-3 block text-xs font-medium uppercase tracking-wide text-slate-400">{t("onboarding.sector.macro")}</span>
              <span className="block text-sm text-slate-800">{tpl.macroExample[locale]}</span>
              <span className="mt-2 block text-xs font-medium uppercase tracking-wide text-slate-400">{t("onboarding.sector.micro")}</span>
              <span className="block text-sm text-slate-700">{tpl.microExamples.map((m) => m[locale]).join(" · ")}</span>
              <span className="mt-3 inline-block rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
                {tpl.benchmark.rate
                  ? t("onboarding.sector.benchmark", { rate: f.percent(tpl.benchmark.rate) })
                  : t("onboarding.sector.noBenchmark")}
              </span>
            </button>
          );
        })}
      </div>
      {error ? (
        <p className="mt-3 text-sm text-red-600" data-testid="error-sector">
          {error}
        </p>
      ) : null}
      <div className="mt-6 flex justify-between">
        <Button variant="secondary" onClick={onBack}>
          {t("common.back")}
        </Button>
        <Button onClick={onNext}>{t("common.next")}</Button>
      </div>
    </div>
  );
}
