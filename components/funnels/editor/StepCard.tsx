"use client";

import { useId } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { NumberInput } from "@/components/ui/NumberInput";
import { StepOrderControls } from "../StepOrderControls";
import { AddConditionButton, ConditionRows } from "./ConditionRows";
import { AddEventButton, MatchFields } from "./MatchFields";
import { FieldError } from "./FieldError";
import { usePropertySuggestions } from "./use-property-suggestions";
import type { DraftStep, TimeUnit } from "@/lib/funnel/draft";

type Handle = Parameters<typeof StepOrderControls>[0]["handle"];

/**
 * One step of the editor: its place (drag handle, move buttons), its live count, what it matches
 * (events, path, conditions), its name, whether it is optional, and its own time limit from the
 * previous step (shown whatever the order: a combination the order refuses is said beside it). Problems sit beside their fields (`errors`, keyed as editor/issues.ts fieldOf).
 */
export function StepCard({
  projectId,
  step,
  index,
  total,
  onChange,
  onRemove,
  handle,
  onMove,
  dragging,
  live,
  errors,
}: {
  projectId: string;
  step: DraftStep;
  index: number;
  total: number;
  onChange: (patch: Partial<DraftStep>) => void;
  onRemove: () => void;
  handle: Handle;
  onMove: (direction: "up" | "down") => void;
  dragging: boolean;
  live: string;
  errors: Record<string, string>;
}) {
  const { t } = useI18n();
  const uid = useId();
  const base = `steps.${index}`;
  const n = index + 1;
  const suggestions = usePropertySuggestions(projectId, step.events, step.conditions.length > 0);
  return (
    <li
      data-reorder-id={step.id}
      className={`rounded-lg bg-slate-50 p-3 ring-1 ring-inset ${dragging ? "shadow-lg ring-2 ring-brand-500" : "ring-slate-200"}`}
      data-testid={`editor-step-${n}`}
      data-optional={step.optional ? "true" : undefined}
    >
      <div className="flex items-center justify-between gap-2">
        <div className="flex items-center gap-1">
          <StepOrderControls n={n} total={total} handle={handle} onMove={onMove} />
          <span className="flex size-6 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">{n}</span>
        </div>
        <span className="min-w-0 flex-1 text-right text-xs text-slate-600" data-testid={`editor-live-${n}`}>
          {live}
        </span>
        <Button type="button" variant="ghost" size="sm" aria-label={t("funnels.editor.remove", { n })} onClick={onRemove}>
          ✕
        </Button>
      </div>
      <div className="mt-2">
        <MatchFields base={base} match={step} onChange={onChange} errors={errors} />
      </div>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        <div data-field={`${base}.label`}>
          <label className="block text-xs text-slate-600" htmlFor={`${uid}-label`}>
            {t("funnels.editor.label")}
          </label>
          <input
            id={`${uid}-label`}
            className={`${inputClass} mt-1`}
            value={step.label}
            aria-invalid={errors[`${base}.label`] ? true : undefined}
            onChange={(e) => onChange({ label: e.target.value })}
          />
          <FieldError id={`${uid}-le`} text={errors[`${base}.label`]} />
        </div>
        {/* Step 1 has no previous step; a limit it kept from another place stays visible, with its problem. */}
        {index > 0 || step.withinUnit !== "none" ? (
          <div data-field={`${base}.within`}>
            <label className="block text-xs text-slate-600" htmlFor={`${uid}-within`}>
              {t("funnels.editor.within")}
            </label>
            <div className="mt-1 flex gap-2">
              <select
                id={`${uid}-within`}
                className={`${inputClass} w-auto! min-w-0 flex-1`}
                value={step.withinUnit}
                onChange={(e) => onChange({ withinUnit: e.target.value as TimeUnit | "none" })}
                data-testid="within-unit"
              >
                <option value="none">{t("funnels.editor.withinNone")}</option>
                {(["minutes", "hours", "days"] as const).map((u) => (
                  <option key={u} value={u}>
                    {t(`funnels.editor.units.${u}`)}
                  </option>
                ))}
              </select>
              {step.withinUnit !== "none" ? (
                <NumberInput
                  label={t("funnels.editor.withinValue")}
                  className="w-24 [&>label]:sr-only [&>span]:mt-0"
                  value={step.withinValue}
                  onValueChange={(withinValue) => onChange({ withinValue })}
                  min={0}
                  maxDecimals={2}
                  name={`${base}.within`}
                  data-testid="within-value"
                />
              ) : null}
            </div>
            <FieldError id={`${uid}-we`} text={errors[`${base}.within`]} testId={`${base}-within-error`} />
          </div>
        ) : null}
      </div>
      <ConditionRows
        base={base}
        conditions={step.conditions}
        onChange={(conditions) => onChange({ conditions })}
        suggestions={suggestions}
        errors={errors}
      />
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
        <AddEventButton match={step} onChange={onChange} />
        <AddConditionButton conditions={step.conditions} onChange={(conditions) => onChange({ conditions })} />
        <label className="inline-flex items-center gap-2 px-2 text-sm text-slate-700" data-field={`${base}.optional`}>
          <input
            type="checkbox"
            className="size-4 rounded border-slate-400 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-500"
            checked={step.optional}
            aria-describedby={`${uid}-oh${errors[`${base}.optional`] ? ` ${uid}-oe` : ""}`}
            aria-invalid={errors[`${base}.optional`] ? true : undefined}
            onChange={(e) => onChange({ optional: e.target.checked })}
            data-testid="step-optional"
          />
          {t("funnels.editor.optional")}
        </label>
      </div>
      {/* What "optional" means, shown once it is ticked (and always to screen readers). */}
      <p id={`${uid}-oh`} className={step.optional ? "px-2 text-xs text-slate-600" : "sr-only"}>
        {t("funnels.editor.optionalHint")}
      </p>
      <FieldError id={`${uid}-oe`} text={errors[`${base}.optional`]} testId={`${base}-optional-error`} />
      <FieldError id={`${uid}-se`} text={errors[base]} testId={`${base}-error`} />
    </li>
  );
}
