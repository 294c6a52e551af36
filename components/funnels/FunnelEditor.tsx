"use client";

import { stepEventsText } from "@/lib/funnel/step-name";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveFunnelAction, deleteFunnelAction } from "@/app/(app)/projects/[projectId]/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { useFunnelPreview } from "@/components/hooks/api";
import { Card } from "@/components/ui/Card";
import { TextField, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { funnelIssue } from "@/lib/funnel/validate";
import { funnelIssueText } from "@/lib/funnel/issue-text";
import { MAX_STEPS, MIN_STEPS } from "@/lib/funnel/types";
import { NumberInput } from "@/components/ui/NumberInput";
import { fieldErrorText, refusalTexts, type ActionError } from "@/lib/action-result";
import type { FunnelStep, PropertyValue } from "@/lib/funnel/types";
import { useStepReorder } from "./use-step-reorder";
import { StepOrderControls } from "./StepOrderControls";

type Draft = {
  name: string;
  description: string;
  /** null while the field does not hold a number */
  windowValue: number | null;
  windowUnit: "minutes" | "hours" | "days";
  /** `id` only keeps a step's row (and focus) while steps are reordered; it is not saved. */
  steps: (FunnelStep & { whereText: string; id: string })[];
};
type Props = {
  projectId: string;
  /** the project's time zone: the live counts use the dashboard's whole days in it */
  timeZone: string;
  suggestions: { events: { name: string; count: number }[]; paths: { path: string; count: number }[] };
  initial: { id: string; name: string; description: string; steps: FunnelStep[]; windowSeconds: number } | null;
};
const UNIT = { minutes: 60, hours: 3600, days: 86400 } as const;

function toWhere(text: string): Record<string, PropertyValue> | undefined {
  const entries = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [k, ...rest] = l.split("=");
      const raw = rest.join("=").trim();
      const value: PropertyValue =
        raw === "true" ? true : raw === "false" ? false : raw !== "" && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
      return [k.trim(), value] as const;
    });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

export function FunnelEditor({ projectId, timeZone, suggestions, initial }: Props) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const w = initial?.windowSeconds ?? 7 * 86400;
  const unit = w % 86400 === 0 ? "days" : w % 3600 === 0 ? "hours" : "minutes";
  const [d, setD] = useState<Draft>({
    name: initial?.name ?? "",
    description: initial?.description ?? "",
    windowValue: w / UNIT[unit],
    windowUnit: unit,
    steps: (initial?.steps ?? [{ event: "pageview" }, { event: "" }]).map((s, i) => ({
      ...s,
      id: `step-${i}`,
      whereText: Object.entries(s.where ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join("\n"),
    })),
  });
  const definition = useMemo(
    () => ({
      name: d.name,
      description: d.description || undefined,
      windowSeconds: d.windowValue === null ? Number.NaN : Math.round(d.windowValue * UNIT[d.windowUnit]),
      steps: d.steps.map(({ whereText, ...s }) => ({
        event: s.event,
        path: s.path || undefined,
        label: s.label || undefined,
        where: toWhere(whereText),
      })),
    }),
    [d],
  );
  // The live problem, as a code worded in the reader's language; the window's own problems sit beside its field.
  const issue = funnelIssue({ ...definition, name: definition.name || "x" });
  const windowIssue = issue?.code.startsWith("window") ? funnelIssueText(t, issue) : undefined;
  const problem = issue && !windowIssue ? funnelIssueText(t, issue) : null;
  // Live counts of the last 30 days while editing, debounced so typing does not flood the API.
  const [debounced, setDebounced] = useState(definition);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(definition), 500);
    return () => clearTimeout(id);
  }, [definition]);
  const live = useFunnelPreview(projectId, debounced, !funnelIssue({ ...debounced, name: debounced.name || "x" }), timeZone);
  const nextId = useRef(d.steps.length);
  const { listRef: stepList, ...reorder } = useStepReorder(
    d.steps,
    useCallback((steps: Draft["steps"]) => setD((prev) => ({ ...prev, steps })), []),
    useCallback(
      (s: Draft["steps"][number], position: number, total: number) =>
        t("funnels.editor.reorder.moved", { name: s.label || stepEventsText(s) || "—", position, total }),
      [t],
    ),
  );
  const setStep = (i: number, patch: Partial<Draft["steps"][number]>) =>
    setD({ ...d, steps: d.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  // The action answers with codes: word the step count and each step's problem here, in the reader's language.
  const refusalText = (error: ActionError): string => {
    const [field, code] = Object.entries(error.fieldErrors ?? {})[0] ?? [];
    if (field === "steps" && code)
      return funnelIssueText(t, code === "too_big" ? { code: "tooManySteps", max: MAX_STEPS } : { code: "tooFewSteps", min: MIN_STEPS });
    const step = field?.match(/^steps\.(\d+)\.(\w+)/);
    if (step && code) return t("funnels.errors.step", { n: Number(step[1]) + 1, problem: fieldErrorText(t, "funnels", step[2], code) });
    return Object.values(refusalTexts(t, "funnels", error, []))[0];
  };
  const save = () =>
    start(async () => {
      const r = await saveFunnelAction(projectId, initial?.id ?? null, definition);
      if (!r.ok || !r.data) return setError(r.ok ? undefined : refusalText(r.error));
      router.push(`/projects/${projectId}?funnel=${r.data.id}`);
      router.refresh();
    });

  return (
    <Card className="mx-auto max-w-3xl p-5 sm:p-8">
      <h2 className="text-lg font-semibold text-slate-900">{initial ? t("funnels.edit") : t("funnels.new")}</h2>
      <form
        className="mt-5 space-y-5"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <TextField
          label={t("funnels.editor.name")}
          name="funnel-name"
          value={d.name}
          onChange={(e) => setD({ ...d, name: e.target.value })}
        />
        <TextField
          label={t("funnels.editor.description")}
          name="funnel-description"
          value={d.description}
          onChange={(e) => setD({ ...d, description: e.target.value })}
        />
        <div>
          <div className="flex items-start gap-2">
            <NumberInput
              label={t("funnels.editor.window")}
              name="window"
              inputClassName="w-28"
              value={d.windowValue}
              onValueChange={(v) => setD({ ...d, windowValue: v })}
              min={0}
              maxDecimals={2}
              required
              data-testid="funnel-window"
            />
            <select
              aria-label={t("funnels.editor.windowUnit")}
              className={`${inputClass} mt-[1.625rem] w-36`}
              value={d.windowUnit}
              onChange={(e) => setD({ ...d, windowUnit: e.target.value as Draft["windowUnit"] })}
            >
              {(["minutes", "hours", "days"] as const).map((u) => (
                <option key={u} value={u}>
                  {t(`funnels.editor.units.${u}`)}
                </option>
              ))}
            </select>
          </div>
          {windowIssue ? (
            <p className="mt-1.5 text-sm text-red-600" data-testid="editor-window-error">
              {windowIssue}
            </p>
          ) : null}
          <p className="mt-1.5 text-sm text-slate-500">{t("funnels.editor.windowHint")}</p>
        </div>
        <fieldset>
          <legend className="text-sm font-semibold text-slate-900">{t("funnels.editor.steps")}</legend>
          <datalist id="event-suggestions">
            {suggestions.events.map((e) => (
              <option key={e.name} value={e.name}>
                {f.number(e.count)}
              </option>
            ))}
          </datalist>
          <datalist id="path-suggestions">
            {suggestions.paths.map((p) => (
              <option key={p.path} value={p.path} />
            ))}
          </datalist>
          <p className="mt-1 text-sm text-slate-500">{t("funnels.editor.reorder.hint")}</p>
          <p aria-live="polite" className="sr-only" data-testid="reorder-status">
            {reorder.announcement}
          </p>
          <ol className="mt-3 space-y-3" ref={stepList}>
            {d.steps.map((s, i) => (
              <li
                key={s.id}
                data-reorder-id={s.id}
                className={`rounded-lg bg-slate-50 p-3 ring-1 ring-inset ${reorder.dragging === s.id ? "shadow-lg ring-2 ring-brand-500" : "ring-slate-200"}`}
                data-testid={`editor-step-${i + 1}`}
              >
                <div className="flex items-center justify-between gap-2">
                  <div className="flex items-center gap-1">
                    <StepOrderControls
                      n={i + 1}
                      total={d.steps.length}
                      handle={reorder.handleProps(s.id)}
                      onMove={(direction) => reorder.move(i, direction)}
                    />
                    <span className="flex size-6 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
                      {i + 1}
                    </span>
                  </div>
                  <span className="text-xs text-slate-500" data-testid={`editor-live-${i + 1}`}>
                    {live.data ? t("funnels.editor.last30", { count: live.data[i] ?? 0 }) : ""}
                  </span>
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    aria-label={t("funnels.editor.remove", { n: i + 1 })}
                    onClick={() => setD({ ...d, steps: d.steps.filter((_, j) => j !== i) })}
                  >
                    ✕
                  </Button>
                </div>
                <div className="mt-2 grid gap-2 sm:grid-cols-3">
                  <label className="text-xs text-slate-500">
                    {t("funnels.editor.event")}
                    <input
                      list="event-suggestions"
                      className={`${inputClass} mt-1 font-mono`}
                      value={s.event}
                      onChange={(e) => setStep(i, { event: e.target.value })}
                    />
                  </label>
                  <label className="text-xs text-slate-500">
                    {t("funnels.editor.path")}
                    <input
                      list="path-suggestions"
                      className={`${inputClass} mt-1 font-mono`}
                      value={s.path ?? ""}
                      onChange={(e) => setStep(i, { path: e.target.value })}
                    />
                  </label>
                  <label className="text-xs text-slate-500">
                    {t("funnels.editor.label")}
                    <input className={`${inputClass} mt-1`} value={s.label ?? ""} onChange={(e) => setStep(i, { label: e.target.value })} />
                  </label>
                </div>
                <label className="mt-2 block text-xs text-slate-500">
                  {t("funnels.editor.where")}
                  <textarea
                    rows={1}
                    className={`${inputClass} mt-1 font-mono`}
                    value={s.whereText}
                    onChange={(e) => setStep(i, { whereText: e.target.value })}
                  />
                </label>
              </li>
            ))}
          </ol>
          {d.steps.length < 10 ? (
            <Button
              type="button"
              variant="secondary"
              size="sm"
              className="mt-3"
              onClick={() => setD({ ...d, steps: [...d.steps, { event: "", whereText: "", id: `step-${nextId.current++}` }] })}
            >
              + {t("funnels.editor.add")}
            </Button>
          ) : null}
        </fieldset>
        {error || (problem && d.steps.some((s) => s.event)) ? (
          <p className="text-sm text-red-600" data-testid="editor-error">
            {error ?? problem}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-between gap-2">
          {initial ? (
            <Button
              type="button"
              variant="ghost"
              onClick={() =>
                window.confirm(t("funnels.editor.deleteConfirm")) &&
                start(async () => {
                  await deleteFunnelAction(projectId, initial.id);
                  router.push(`/projects/${projectId}`);
                  router.refresh();
                })
              }
            >
              {t("funnels.editor.delete")}
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" disabled={pending} data-testid="save-funnel">
            {pending ? t("funnels.editor.saving") : t("funnels.editor.save")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
