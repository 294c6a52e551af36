"use client";

import { useId } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { segmentFieldLabel } from "@/lib/funnel/field-label";
import { FUNNEL_ORDERS, MAX_EXCLUSIONS, MAX_HOLD, SEGMENT_FIELDS, type FunnelOrder } from "@/lib/funnel/types";
import { AddConditionButton, ConditionRows } from "./ConditionRows";
import { AddEventButton, MatchFields } from "./MatchFields";
import { FieldError } from "./FieldError";
import { newId, type Draft, type DraftExclusion, type DraftHold } from "@/lib/funnel/draft";
import { usePropertySuggestions } from "./use-property-suggestions";

/**
 * The rules of a funnel beyond its steps: the order ("in this order", "nothing in between", "in any
 * order"), exclusions ("did not … between step a and step b", with their own conditions) and the
 * fields whose value must be the same at every step. Problems beside their fields.
 */
export function RulesFields({
  projectId,
  draft,
  onChange,
  stepNames,
  errors,
}: {
  projectId: string;
  draft: Draft;
  onChange: (patch: Partial<Draft>) => void;
  stepNames: string[];
  errors: Record<string, string>;
}) {
  const { t } = useI18n();
  const uid = useId();
  const setExclusion = (i: number, patch: Partial<DraftExclusion>) =>
    onChange({ exclusions: draft.exclusions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const setHold = (i: number, patch: Partial<DraftHold>) =>
    onChange({ hold: draft.hold.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  return (
    <div className="space-y-5">
      <fieldset data-testid="order" data-field="order">
        <legend className="text-sm font-semibold text-slate-900">{t("funnels.editor.order")}</legend>
        <div className="mt-2 space-y-1.5">
          {FUNNEL_ORDERS.map((o: FunnelOrder) => (
            <label key={o} className="flex items-start gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={`${uid}-order`}
                value={o}
                className="mt-0.5 size-4 border-slate-400 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-500"
                checked={draft.order === o}
                onChange={() => onChange({ order: o })}
                data-testid={`order-${o}`}
              />
              <span>
                {t(`funnels.editor.orders.${o}`)}
                <span className="block text-xs text-slate-600">{t(`funnels.editor.orderHints.${o}`)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id={`${uid}-oe`} text={errors.order} testId="order-error" />
      </fieldset>

      <fieldset data-testid="exclusions">
        <legend className="text-sm font-semibold text-slate-900">{t("funnels.editor.exclusions")}</legend>
        <p className="mt-1 text-sm text-slate-600">{t("funnels.editor.exclusionsHint")}</p>
        <ol className="mt-2 space-y-3">
          {draft.exclusions.map((x, i) => (
            <ExclusionCard
              key={x.id}
              projectId={projectId}
              index={i}
              exclusion={x}
              stepNames={stepNames}
              stepIds={draft.steps.map((s) => s.id)}
              onChange={(patch) => setExclusion(i, patch)}
              onRemove={() => onChange({ exclusions: draft.exclusions.filter((_, j) => j !== i) })}
              errors={errors}
            />
          ))}
        </ol>
        <FieldError id={`${uid}-xe`} text={errors.exclusions} testId="exclusions-error" />
        {draft.exclusions.length < MAX_EXCLUSIONS ? (
          <Button
            type="button"
            variant="secondary"
            size="sm"
            className="mt-2"
            data-testid="add-exclusion"
            onClick={() =>
              onChange({
                exclusions: [
                  ...draft.exclusions,
                  {
                    id: newId("exclusion"),
                    events: [""],
                    path: "",
                    conditions: [],
                    afterStep: draft.steps[0]?.id ?? "",
                    beforeStep: draft.steps[draft.steps.length - 1]?.id ?? "",
                  },
                ],
              })
            }
          >
            + {t("funnels.editor.addExclusion")}
          </Button>
        ) : null}
      </fieldset>

      <fieldset data-testid="hold">
        <legend className="text-sm font-semibold text-slate-900">{t("funnels.editor.hold")}</legend>
        <p className="mt-1 text-sm text-slate-600">{t("funnels.editor.holdHint")}</p>
        <ul className="mt-2 space-y-2">
          {draft.hold.map((h, i) => (
            <li key={h.id} data-testid="hold-field" data-field={`hold.${i}`}>
              {/* The row keeps the field and its property side by side; the problem goes below, never squeezing them. */}
              <div className="flex flex-wrap items-start gap-2">
                <select
                  aria-label={t("funnels.editor.holdField", { n: i + 1 })}
                  className={`${inputClass} w-auto! min-w-40`}
                  value={h.field}
                  onChange={(e) => setHold(i, { field: e.target.value })}
                  data-testid="hold-select"
                >
                  {SEGMENT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {segmentFieldLabel(t, f)}
                    </option>
                  ))}
                  <option value="prop">{t("funnels.editor.propertyField")}</option>
                </select>
                {h.field === "prop" ? (
                  <input
                    aria-label={t("funnels.editor.holdProperty")}
                    placeholder={t("funnels.editor.holdProperty")}
                    className={`${inputClass} w-auto! min-w-48 flex-1 font-mono`}
                    value={h.property}
                    aria-invalid={errors[`hold.${i}`] ? true : undefined}
                    aria-describedby={errors[`hold.${i}`] ? `${uid}-h${i}` : undefined}
                    onChange={(e) => setHold(i, { property: e.target.value })}
                    data-testid="hold-property"
                  />
                ) : null}
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  aria-label={t("funnels.editor.removeHold", { n: i + 1 })}
                  onClick={() => onChange({ hold: draft.hold.filter((_, j) => j !== i) })}
                >
                  ✕
                </Button>
              </div>
              <FieldError id={`${uid}-h${i}`} text={errors[`hold.${i}`]} testId="hold-error" />
            </li>
          ))}
        </ul>
        <FieldError id={`${uid}-he`} text={errors.hold} testId="hold-list-error" />
        {draft.hold.length < MAX_HOLD ? (
          <Button
            type="button"
            variant="secondary"
            size="sm"
            className="mt-2"
            data-testid="add-hold"
            onClick={() => onChange({ hold: [...draft.hold, { id: newId("hold"), field: "prop", property: "" }] })}
          >
            + {t("funnels.editor.addHold")}
          </Button>
        ) : null}
      </fieldset>
    </div>
  );
}

function ExclusionCard({
  projectId,
  index,
  exclusion,
  stepNames,
  stepIds,
  onChange,
  onRemove,
  errors,
}: {
  projectId: string;
  index: number;
  exclusion: DraftExclusion;
  stepNames: string[];
  stepIds: string[];
  onChange: (patch: Partial<DraftExclusion>) => void;
  onRemove: () => void;
  errors: Record<string, string>;
}) {
  const { t } = useI18n();
  const uid = useId();
  const base = `exclusions.${index}`;
  const suggestions = usePropertySuggestions(projectId, exclusion.events, exclusion.conditions.length > 0);
  const stepSelect = (which: "afterStep" | "beforeStep") => (
    <label className="block text-xs text-slate-600">
      {t(`funnels.editor.${which}`)}
      <select
        className={`${inputClass} mt-1`}
        value={stepIds.includes(exclusion[which]) ? exclusion[which] : ""}
        aria-invalid={errors[`${base}.between`] ? true : undefined}
        aria-describedby={errors[`${base}.between`] ? `${uid}-be` : undefined}
        onChange={(e) => onChange({ [which]: e.target.value })}
        data-testid={`exclusion-${which}`}
      >
        <option value="" disabled>
          {t("funnels.editor.chooseStep")}
        </option>
        {stepIds.map((id, i) => (
          <option key={id} value={id}>
            {t("funnels.editor.stepOption", { n: i + 1, name: stepNames[i] || "—" })}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <li className="rounded-lg bg-red-50/40 p-3 ring-1 ring-inset ring-slate-200" data-testid={`editor-exclusion-${index + 1}`}>
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-800">{t("funnels.editor.exclusion", { n: index + 1 })}</p>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          aria-label={t("funnels.editor.removeExclusion", { n: index + 1 })}
          onClick={onRemove}
        >
          ✕
        </Button>
      </div>
      <div className="mt-2">
        <MatchFields base={base} match={exclusion} onChange={onChange} errors={errors} />
      </div>
      <div className="mt-2 grid gap-2 sm:grid-cols-2" data-field={`${base}.between`}>
        {stepSelect("afterStep")}
        {stepSelect("beforeStep")}
      </div>
      <FieldError id={`${uid}-be`} text={errors[`${base}.between`]} testId={`${base}-between-error`} />
      <ConditionRows
        base={base}
        conditions={exclusion.conditions}
        onChange={(conditions) => onChange({ conditions })}
        suggestions={suggestions}
        errors={errors}
      />
      <div className="mt-2 flex flex-wrap gap-x-3 gap-y-1">
        <AddEventButton match={exclusion} onChange={onChange} />
        <AddConditionButton conditions={exclusion.conditions} onChange={(conditions) => onChange({ conditions })} />
      </div>
      <FieldError id={`${uid}-e`} text={errors[base]} testId={`${base}-error`} />
    </li>
  );
}
