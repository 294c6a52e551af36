"use client";

import { useId, useState, useTransition } from "react";
import { saveGoalAction } from "@/app/(app)/projects/[projectId]/goals/actions";
import { actionErrorText, fieldErrorText, firstFieldError } from "@/lib/action-result";
import { useI18n } from "@/components/i18n/I18nProvider";
import { TextField, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { cx } from "@/components/ui/cx";
import { GOAL_FIELDS, goalIssue, whereFromRows, rowsFromWhere, type GoalField, type WhereRow } from "@/lib/goals/validate";
import type { GoalKind, StepMatch } from "@/lib/funnel/types";

export type EditableGoal = { id: string; key: string; name: string; kind: GoalKind; match: StepMatch; revenue: boolean };

type Props = {
  projectId: string;
  goal: EditableGoal | null;
  eventNames: string[];
  paths: string[];
  onDone: (saved: boolean) => void;
};

/** Adds or edits one goal; problems are shown beside their field, in the reader's language. */
export function GoalForm({ projectId, goal, eventNames, paths, onDone }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [pending, start] = useTransition();
  const [name, setName] = useState(goal?.name ?? "");
  const [kind, setKind] = useState<GoalKind>(goal?.kind ?? "micro");
  const [event, setEvent] = useState(goal?.match.event ?? "");
  const [path, setPath] = useState(goal?.match.path ?? "");
  const [rows, setRows] = useState<WhereRow[]>(rowsFromWhere(goal?.match.where));
  const [revenue, setRevenue] = useState(goal?.revenue ?? false);
  const [problem, setProblem] = useState<{ field?: GoalField; text: string } | null>(null);

  const errorFor = (field: GoalField) => (problem?.field === field ? problem.text : undefined);
  const setRow = (i: number, patch: Partial<WhereRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = () => {
    const definition = { name, kind, revenue, match: { event, path: path || undefined, where: whereFromRows(rows) } };
    // The same schema the server applies: most mistakes are caught before a round trip.
    const issue = goalIssue(definition);
    if (issue) return setProblem({ field: issue.field, text: t(`goals.errors.${issue.field}`) });
    setProblem(null);
    start(async () => {
      const r = await saveGoalAction(projectId, goal?.id ?? null, definition);
      if (r.ok) return onDone(true);
      const bad = firstFieldError(r.error, GOAL_FIELDS);
      // "taken": another goal of the project already has this name, or already counts this event.
      if (bad?.code === "taken" && (bad.field === "name" || bad.field === "event"))
        return setProblem({
          field: bad.field,
          text: t(bad.field === "name" ? "goals.errors.duplicateName" : "goals.errors.duplicateEvent"),
        });
      if (bad) return setProblem({ field: bad.field, text: fieldErrorText(t, "goals", bad.field, bad.code) });
      setProblem({ text: actionErrorText(t, "goals", r.error) });
    });
  };

  return (
    <form
      noValidate
      data-testid="goal-form"
      aria-labelledby={`${id}-title`}
      className="space-y-5 rounded-xl bg-slate-50 p-4 ring-1 ring-inset ring-slate-200 sm:p-5"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        {goal ? t("goals.form.editTitle") : t("goals.form.newTitle")}
      </h3>
      <TextField
        label={t("goals.form.name")}
        name="goal-name"
        autoFocus
        placeholder={t("goals.form.namePlaceholder")}
        value={name}
        maxLength={120}
        error={errorFor("name")}
        onChange={(e) => setName(e.target.value)}
      />

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("goals.form.kind")}</legend>
        <div className="mt-1.5 grid gap-2 sm:grid-cols-2">
          {(["macro", "micro"] as const).map((k) => (
            <label
              key={k}
              className={cx(
                "flex cursor-pointer gap-3 rounded-lg bg-white p-3 ring-1 ring-inset transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                kind === k ? "ring-brand-500 bg-brand-50/40" : "ring-slate-300 hover:bg-slate-50",
              )}
            >
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                className="mt-0.5 accent-brand-600"
                data-testid={`goal-kind-${k}`}
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">
                  {t(k === "macro" ? "goals.form.kindMacro" : "goals.form.kindMicro")}
                </span>
                <span className="block text-xs text-slate-500">
                  {t(k === "macro" ? "goals.form.kindMacroHint" : "goals.form.kindMicroHint")}
                </span>
              </span>
            </label>
          ))}
        </div>
        {errorFor("kind") ? (
          <p className="mt-1.5 text-sm text-red-600" data-testid="error-goal-kind">
            {errorFor("kind")}
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("goals.form.event")}
          name="goal-event"
          list={`${id}-events`}
          autoComplete="off"
          spellCheck={false}
          className="[&_input]:font-mono"
          value={event}
          hint={t("goals.form.eventHint")}
          error={errorFor("event")}
          onChange={(e) => setEvent(e.target.value)}
        />
        <TextField
          label={t("goals.form.path")}
          name="goal-path"
          list={`${id}-paths`}
          autoComplete="off"
          spellCheck={false}
          placeholder="/pricing/*"
          className="[&_input]:font-mono"
          value={path}
          hint={t("goals.form.pathHint")}
          error={errorFor("path")}
          onChange={(e) => setPath(e.target.value)}
        />
        <datalist id={`${id}-events`}>
          {eventNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <datalist id={`${id}-paths`}>
          {paths.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </div>

      <fieldset aria-describedby={`${id}-where-hint`}>
        <legend className="text-sm font-medium text-slate-700">{t("goals.form.where")}</legend>
        {rows.length ? (
          <ul className="mt-1.5 space-y-2">
            {rows.map((r, i) => (
              <li key={i} className="flex items-center gap-2" data-testid="goal-where-row">
                <input
                  aria-label={t("goals.form.whereKey")}
                  placeholder={t("goals.form.whereKey")}
                  className={cx(inputClass, "min-w-0 flex-1 font-mono")}
                  value={r.key}
                  onChange={(e) => setRow(i, { key: e.target.value })}
                  data-testid="goal-where-key"
                />
                <span className="text-slate-400" aria-hidden>
                  =
                </span>
                <input
                  aria-label={t("goals.form.whereValue")}
                  placeholder={t("goals.form.whereValue")}
                  className={cx(inputClass, "min-w-0 flex-1 font-mono")}
                  value={r.value}
                  onChange={(e) => setRow(i, { value: e.target.value })}
                  data-testid="goal-where-value"
                />
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  aria-label={t("goals.form.whereRemove", { n: i + 1 })}
                  onClick={() => setRows(rows.filter((_, j) => j !== i))}
                >
                  ✕
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        {errorFor("where") ? (
          <p className="mt-1.5 text-sm text-red-600" data-testid="error-goal-where">
            {errorFor("where")}
          </p>
        ) : (
          <p id={`${id}-where-hint`} className="mt-1.5 text-sm text-slate-500">
            {t("goals.form.whereHint")}
          </p>
        )}
        {rows.length < 10 ? (
          <Button
            type="button"
            variant="secondary"
            size="sm"
            className="mt-2"
            data-testid="goal-where-add"
            onClick={() => setRows([...rows, { key: "", value: "" }])}
          >
            + {t("goals.form.whereAdd")}
          </Button>
        ) : null}
      </fieldset>

      <label className="flex cursor-pointer items-start gap-3">
        <input
          type="checkbox"
          checked={revenue}
          onChange={(e) => setRevenue(e.target.checked)}
          className="mt-1 size-4 accent-brand-600"
          data-testid="goal-revenue"
        />
        <span>
          <span className="block text-sm font-medium text-slate-900">{t("goals.form.revenue")}</span>
          <span className="block text-sm text-slate-500">{t("goals.form.revenueHint")}</span>
        </span>
      </label>

      {problem && !problem.field ? (
        <p role="alert" className="text-sm text-red-600" data-testid="goal-form-error">
          {problem.text}
        </p>
      ) : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="ghost" onClick={() => onDone(false)} data-testid="goal-cancel">
          {t("goals.form.cancel")}
        </Button>
        <Button type="submit" disabled={pending} data-testid="goal-save">
          {pending ? t("goals.form.saving") : t("goals.form.save")}
        </Button>
      </div>
    </form>
  );
}
