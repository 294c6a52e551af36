"use client";

import { useId, useState, useTransition } from "react";
import { saveExperimentAction } from "@/app/(app)/projects/[projectId]/experiments/actions";
import { actionErrorText, fieldErrorText, firstFieldError } from "@/lib/action-result";
import { useI18n } from "@/components/i18n/I18nProvider";
import { NumberInput } from "@/components/ui/NumberInput";
import { TextField, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { cx } from "@/components/ui/cx";
import { EXPERIMENT_FIELDS, experimentIssue, type ExperimentField } from "@/lib/experiments/validate";
import type { ExperimentSource } from "@/lib/experiments/types";
import type { ExperimentView, Option } from "./types";

type Props = {
  projectId: string;
  experiment: ExperimentView["experiment"] | null;
  goals: Option[];
  funnels: Option[];
  onDone: (saved: boolean) => void;
};

const today = () => new Date().toISOString().slice(0, 10);

/** Adds or edits one experiment; problems are shown beside their field, in the reader's language. */
export function ExperimentForm({ projectId, experiment, goals, funnels, onDone }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [pending, start] = useTransition();
  const [name, setName] = useState(experiment?.name ?? "");
  const [source, setSource] = useState<ExperimentSource>(experiment?.source ?? "event");
  const [property, setProperty] = useState(experiment?.property ?? "variant");
  const [variants, setVariants] = useState(experiment?.variants.join(", ") ?? "control, ");
  const [control, setControl] = useState(experiment?.controlVariant ?? "control");
  // "goal:<id>" or "funnel:<id>": one select, so a goal and a funnel cannot both be chosen.
  const [target, setTarget] = useState(
    experiment?.goalId
      ? `goal:${experiment.goalId}`
      : experiment?.funnelId
        ? `funnel:${experiment.funnelId}`
        : goals[0]
          ? `goal:${goals[0].id}`
          : "",
  );
  const [startDate, setStartDate] = useState(experiment?.startDate ?? today());
  // Percent, as the reader typed it in their language (NumberInput reads "12,5" as 12.5); null while it is not a number.
  const [uplift, setUplift] = useState<number | null>(Math.round((experiment?.minimumUplift ?? 0.1) * 1000) / 10);
  const [problem, setProblem] = useState<{ field?: ExperimentField; text: string } | null>(null);

  const variantList = variants
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  const errorFor = (field: ExperimentField) => (problem?.field === field ? problem.text : undefined);

  const save = () => {
    const [kind, targetId] = target.split(":");
    const definition = {
      name,
      source,
      property: property.trim(),
      variants: variantList,
      controlVariant: control,
      goalId: kind === "goal" ? targetId : null,
      funnelId: kind === "funnel" ? targetId : null,
      startDate,
      minimumUplift: uplift === null ? NaN : uplift / 100,
    };
    // The same schema the server applies: most mistakes are caught before a round trip.
    const issue = experimentIssue(definition);
    if (issue) return setProblem({ field: issue.field, text: t(`experiments.errors.${issue.field}`) });
    setProblem(null);
    start(async () => {
      const r = await saveExperimentAction(projectId, experiment?.id ?? null, definition);
      if (r.ok) return onDone(true);
      const bad = firstFieldError(r.error, EXPERIMENT_FIELDS);
      if (bad) return setProblem({ field: bad.field, text: fieldErrorText(t, "experiments", bad.field, bad.code) });
      setProblem({ text: actionErrorText(t, "experiments", r.error) });
    });
  };

  const selectClass = cx(inputClass, "mt-1.5");
  return (
    <form
      noValidate
      data-testid="experiment-form"
      aria-labelledby={`${id}-title`}
      className="space-y-5 rounded-xl bg-slate-50 p-4 ring-1 ring-inset ring-slate-200 sm:p-5"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        {experiment ? t("experiments.form.editTitle") : t("experiments.form.newTitle")}
      </h3>
      <TextField
        label={t("experiments.form.name")}
        name="experiment-name"
        autoFocus
        placeholder={t("experiments.form.namePlaceholder")}
        value={name}
        maxLength={100}
        error={errorFor("name")}
        onChange={(e) => setName(e.target.value)}
      />

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("experiments.form.source")}</legend>
        <div className="mt-1.5 grid gap-2 sm:grid-cols-2">
          {(["event", "trait"] as const).map((s) => (
            <label
              key={s}
              className={cx(
                "flex cursor-pointer gap-3 rounded-lg bg-white p-3 ring-1 ring-inset has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                source === s ? "bg-brand-50/40 ring-brand-500" : "ring-slate-300 hover:bg-slate-50",
              )}
            >
              <input
                type="radio"
                name={`${id}-source`}
                value={s}
                checked={source === s}
                onChange={() => setSource(s)}
                className="mt-0.5 accent-brand-600"
                data-testid={`experiment-source-${s}`}
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">
                  {t(s === "event" ? "experiments.form.sourceEvent" : "experiments.form.sourceTrait")}
                </span>
                <span className="block text-xs text-slate-500">
                  {t(s === "event" ? "experiments.form.sourceEventHint" : "experiments.form.sourceTraitHint")}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("experiments.form.property")}
          name="experiment-property"
          autoComplete="off"
          spellCheck={false}
          className="[&_input]:font-mono"
          value={property}
          hint={t("experiments.form.propertyHint")}
          error={errorFor("property")}
          onChange={(e) => setProperty(e.target.value)}
        />
        <TextField
          label={t("experiments.form.variants")}
          name="experiment-variants"
          autoComplete="off"
          spellCheck={false}
          className="[&_input]:font-mono"
          value={variants}
          hint={t("experiments.form.variantsHint")}
          error={errorFor("variants")}
          onChange={(e) => setVariants(e.target.value)}
        />
        <div>
          <label htmlFor={`${id}-control`} className="block text-sm font-medium text-slate-700">
            {t("experiments.form.control")}
          </label>
          <select
            id={`${id}-control`}
            className={selectClass}
            value={control}
            onChange={(e) => setControl(e.target.value)}
            data-testid="experiment-control"
            aria-invalid={errorFor("controlVariant") ? true : undefined}
          >
            {[...new Set([control, ...variantList])].filter(Boolean).map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
          {errorFor("controlVariant") ? (
            <p className="mt-1.5 text-sm text-red-600" data-testid="error-experiment-control">
              {errorFor("controlVariant")}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor={`${id}-target`} className="block text-sm font-medium text-slate-700">
            {t("experiments.form.target")}
          </label>
          <select
            id={`${id}-target`}
            className={selectClass}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            data-testid="experiment-target"
            aria-invalid={errorFor("target") ? true : undefined}
          >
            <option value="">{t("experiments.form.none")}</option>
            {goals.length ? (
              <optgroup label={t("experiments.form.goal")}>
                {goals.map((g) => (
                  <option key={g.id} value={`goal:${g.id}`}>
                    {g.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {funnels.length ? (
              <optgroup label={t("experiments.form.funnel")}>
                {funnels.map((fu) => (
                  <option key={fu.id} value={`funnel:${fu.id}`}>
                    {fu.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
          {errorFor("target") ? (
            <p className="mt-1.5 text-sm text-red-600" data-testid="error-experiment-target">
              {errorFor("target")}
            </p>
          ) : null}
        </div>
        <TextField
          label={t("experiments.form.startDate")}
          name="experiment-start"
          type="date"
          value={startDate}
          error={errorFor("startDate")}
          onChange={(e) => setStartDate(e.target.value)}
        />
        <NumberInput
          label={t("experiments.form.minimumUplift")}
          name="experiment-uplift"
          value={uplift}
          onValueChange={setUplift}
          maxDecimals={2}
          required
          hint={t("experiments.form.minimumUpliftHint")}
          error={errorFor("minimumUplift")}
        />
      </div>

      {problem && !problem.field ? (
        <p role="alert" className="text-sm text-red-600" data-testid="experiment-form-error">
          {problem.text}
        </p>
      ) : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="ghost" onClick={() => onDone(false)} data-testid="experiment-cancel">
          {t("experiments.form.cancel")}
        </Button>
        <Button type="submit" disabled={pending} data-testid="experiment-save">
          {pending ? t("experiments.form.saving") : t("experiments.form.save")}
        </Button>
      </div>
    </form>
  );
}
