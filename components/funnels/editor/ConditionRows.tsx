"use client";

import { useId } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { NumberInput } from "@/components/ui/NumberInput";
import { CONDITION_OPERATORS, MAX_STEP_CONDITIONS } from "@/lib/funnel/types";

/** "Add condition": a new condition row (up to MAX_STEP_CONDITIONS), placed in the card's row of actions. */
export function AddConditionButton({ conditions, onChange }: { conditions: DraftCondition[]; onChange: (next: DraftCondition[]) => void }) {
  const { t } = useI18n();
  if (conditions.length >= MAX_STEP_CONDITIONS) return null;
  return (
    <Button
      type="button"
      variant="ghost"
      size="sm"
      className="px-2"
      onClick={() => onChange([...conditions, draftCondition()])}
      data-testid="add-condition"
    >
      + {t("funnels.editor.addCondition")}
    </Button>
  );
}
import type { PropertySuggestion } from "@/lib/funnel/suggestions";
import { draftCondition, isOperator, NUMERIC_OPERATORS, VALUELESS_OPERATORS, type DraftCondition } from "@/lib/funnel/draft";
import { FieldError } from "./FieldError";

/**
 * A step's (or an exclusion's) conditions: property (suggested from the project's recent events of
 * the step's names), operator, and a value field that fits the operator: text (with the property's
 * frequent values suggested), a list separated by commas, a number in the reader's format, or none.
 * `base` is the zod path of the match ("steps.1"), for the problems shown beside each field.
 */
export function ConditionRows({
  base,
  conditions,
  onChange,
  suggestions,
  errors,
}: {
  base: string;
  conditions: DraftCondition[];
  onChange: (next: DraftCondition[]) => void;
  suggestions: PropertySuggestion[];
  errors: Record<string, string>;
}) {
  const { t } = useI18n();
  const uid = useId();
  const set = (i: number, patch: Partial<DraftCondition>) => onChange(conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const listError = errors[`${base}.conditions`];
  return (
    <div className={conditions.length || listError ? "mt-3" : ""} data-testid={`${base}-conditions`}>
      {conditions.length ? <p className="text-xs font-medium text-slate-600">{t("funnels.editor.conditions")}</p> : null}
      <ul className={conditions.length ? "mt-1 space-y-2" : "hidden"}>
        {conditions.map((c, i) => {
          const at = `${base}.conditions.${i}`;
          const values = suggestions.find((s) => s.name === c.property.trim())?.values ?? [];
          const numeric = NUMERIC_OPERATORS.includes(c.operator);
          const valueless = VALUELESS_OPERATORS.includes(c.operator);
          const ids = { property: `${uid}-${i}-p`, value: `${uid}-${i}-v`, list: `${uid}-${i}-values` };
          return (
            <li key={c.id} className="grid grid-cols-1 gap-2 sm:grid-cols-[1fr_10rem_1fr_auto] sm:items-start" data-testid="condition">
              <div data-field={`${at}.property`}>
                <input
                  aria-label={t("funnels.editor.property")}
                  placeholder={t("funnels.editor.property")}
                  list={`${uid}-properties`}
                  className={`${inputClass} font-mono`}
                  value={c.property}
                  aria-invalid={errors[`${at}.property`] ? true : undefined}
                  aria-describedby={errors[`${at}.property`] ? `${ids.property}-e` : undefined}
                  onChange={(e) => set(i, { property: e.target.value })}
                  data-testid="condition-property"
                />
                <FieldError id={`${ids.property}-e`} text={errors[`${at}.property`]} testId="condition-property-error" />
              </div>
              {/* Choosing the operator settles what the value must be: its problem shows from then on. */}
              <div data-field={`${at}.operator ${at}.value`}>
                <select
                  aria-label={t("funnels.editor.operator")}
                  className={inputClass}
                  value={c.operator}
                  onChange={(e) => isOperator(e.target.value) && set(i, { operator: e.target.value })}
                  data-testid="condition-operator"
                >
                  {CONDITION_OPERATORS.map((o) => (
                    <option key={o} value={o}>
                      {t(`funnels.editor.operators.${o}`)}
                    </option>
                  ))}
                </select>
                <FieldError id={`${uid}-${i}-o-e`} text={errors[`${at}.operator`]} />
              </div>
              <div data-field={`${at}.value`}>
                {valueless ? null : numeric ? (
                  <NumberInput
                    label={t("funnels.editor.value")}
                    className="[&>label]:sr-only [&>span]:mt-0"
                    value={c.number}
                    onValueChange={(number) => set(i, { number })}
                    error={errors[`${at}.value`]}
                    data-testid="condition-number"
                    name={`${at}.value`}
                  />
                ) : (
                  <>
                    <input
                      id={ids.value}
                      aria-label={c.operator === "in" ? t("funnels.editor.values") : t("funnels.editor.value")}
                      placeholder={c.operator === "in" ? t("funnels.editor.values") : t("funnels.editor.value")}
                      list={ids.list}
                      className={inputClass}
                      value={c.text}
                      aria-invalid={errors[`${at}.value`] ? true : undefined}
                      aria-describedby={errors[`${at}.value`] ? `${ids.value}-e` : undefined}
                      onChange={(e) => set(i, { text: e.target.value })}
                      data-testid="condition-value"
                    />
                    <datalist id={ids.list}>
                      {values.map((v) => (
                        <option key={v.value} value={v.value} />
                      ))}
                    </datalist>
                    <FieldError id={`${ids.value}-e`} text={errors[`${at}.value`]} testId="condition-value-error" />
                  </>
                )}
                {errors[at] ? <FieldError id={`${uid}-${i}-e`} text={errors[at]} /> : null}
              </div>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                aria-label={t("funnels.editor.removeCondition", { n: i + 1 })}
                onClick={() => onChange(conditions.filter((_, j) => j !== i))}
              >
                ✕
              </Button>
            </li>
          );
        })}
      </ul>
      <datalist id={`${uid}-properties`}>
        {suggestions.map((s) => (
          <option key={s.name} value={s.name} />
        ))}
      </datalist>
      <FieldError id={`${uid}-list-e`} text={listError} />
    </div>
  );
}
