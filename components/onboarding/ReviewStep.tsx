"use client";

import type { OnboardingDraft } from "@/lib/onboarding/draft";
import { TEMPLATES } from "@/lib/templates";
import { useI18n } from "@/components/i18n/I18nProvider";
import { TextField, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { Badge } from "@/components/ui/Badge";

type Props = {
  draft: OnboardingDraft;
  onChange: (d: OnboardingDraft) => void;
  errors: Record<string, string>;
  pending: boolean;
  onBack: () => void;
  onCreate: () => void;
};

export function ReviewStep({ draft, onChange, errors, pending, onBack, onCreate }: Props) {
  const { t, locale } = useI18n();
  const steps = draft.steps;
  const setStep = (i: number, patch: Partial<(typeof steps)[number]>) =>
    onChange({ ...draft, steps: steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const move = (i: number, by: number) => {
    const next = [...steps];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange({ ...draft, steps: next });
  };
  const sectorName = draft.sector ? TEMPLATES[draft.sector].name[locale] : "";
  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onCreate();
      }}
    >
      <div>
        <h2 className="text-lg font-semibold text-slate-900">{t("onboarding.review.heading")}</h2>
        <p className="mt-1 text-sm text-slate-500">{t("onboarding.review.body", { sector: sectorName })}</p>
      </div>
      <TextField
        label={t("onboarding.review.funnelName")}
        name="funnelName"
        value={draft.funnelName}
        onChange={(e) => onChange({ ...draft, funnelName: e.target.value })}
      />
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">{t("onboarding.review.stepsTitle")}</legend>
        <ol className="mt-3 space-y-3" data-testid="review-steps">
          {steps.map((s, i) => (
            <li key={i} className="rounded-lg bg-slate-50 p-3 ring-1 ring-inset ring-slate-200">
              <div className="flex items-center gap-2">
                <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
                  {i + 1}
                </span>
                <input
                  aria-label={t("onboarding.review.stepLabel", { n: i + 1 })}
                  value={s.label ?? ""}
                  onChange={(e) => setStep(i, { label: e.target.value })}
                  className={inputClass}
                />
                <div className="flex shrink-0">
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    aria-label={t("onboarding.review.moveUp", { n: i + 1 })}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    aria-label={t("onboarding.review.moveDown", { n: i + 1 })}
                    disabled={i === steps.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    aria-label={t("onboarding.review.removeStep", { n: i + 1 })}
                    onClick={() => onChange({ ...draft, steps: steps.filter((_, j) => j !== i) })}
                  >
                    ✕
                  </Button>
                </div>
              </div>
              <div className="mt-2 grid gap-2 pl-8 sm:grid-cols-2">
                <label className="text-xs text-slate-500">
                  {t("onboarding.review.stepEvent")}
                  <input
                    value={s.event}
                    onChange={(e) => setStep(i, { event: e.target.value })}
                    className={`${inputClass} mt-1 font-mono`}
                  />
                </label>
                <label className="text-xs text-slate-500">
                  {t("onboarding.review.stepPath")}
                  <input
                    value={s.path ?? ""}
                    onChange={(e) => setStep(i, { path: e.target.value || undefined })}
                    className={`${inputClass} mt-1 font-mono`}
                  />
                </label>
              </div>
            </li>
          ))}
        </ol>
        {steps.length < 10 ? (
          <Button
            type="button"
            variant="secondary"
            size="sm"
            className="mt-3"
            onClick={() => onChange({ ...draft, steps: [...steps, { event: "", label: "" }] })}
            data-testid="add-step"
          >
            + {t("onboarding.review.addStep")}
          </Button>
        ) : null}
        {errors.steps ? (
          <p className="mt-2 text-sm text-red-600" data-testid="error-steps">
            {errors.steps}
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">{t("onboarding.review.goalsTitle")}</legend>
        <ul className="mt-3 divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
          {draft.goals.map((g, i) => (
            <li key={g.key} className="flex items-center gap-3 px-3 py-2">
              <input
                type="checkbox"
                className="size-4 accent-brand-600"
                checked={g.enabled}
                aria-label={t("onboarding.review.goalEnabled", { name: g.name })}
                onChange={(e) =>
                  onChange({ ...draft, goals: draft.goals.map((x, j) => (j === i ? { ...x, enabled: e.target.checked } : x)) })
                }
              />
              <input
                value={g.name}
                aria-label={t("onboarding.review.goalName", { name: g.key })}
                onChange={(e) => onChange({ ...draft, goals: draft.goals.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })}
                className={`${inputClass} flex-1`}
              />
              <Badge tone={g.kind === "macro" ? "brand" : "slate"}>{t(`onboarding.review.${g.kind}`)}</Badge>
            </li>
          ))}
        </ul>
        {errors.goals ? (
          <p className="mt-2 text-sm text-red-600" data-testid="error-goals">
            {errors.goals}
          </p>
        ) : null}
      </fieldset>
      {errors.form || errors.name || errors.siteUrl || errors.sector ? (
        <p className="text-sm text-red-600" data-testid="error-form">
          {errors.form ?? errors.name ?? errors.siteUrl ?? errors.sector}
        </p>
      ) : null}
      <div className="flex justify-between">
        <Button type="button" variant="secondary" onClick={onBack}>
          {t("common.back")}
        </Button>
        <Button type="submit" disabled={pending} data-testid="create-project">
          {pending ? t("onboarding.review.creating") : t("onboarding.review.create")}
        </Button>
      </div>
    </form>
  );
}
