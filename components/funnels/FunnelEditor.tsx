"use client";

import { useCallback, useEffect, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveFunnelAction, deleteFunnelAction } from "@/app/(app)/projects/[projectId]/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { useFunnelPreview } from "@/components/hooks/api";
import { Card } from "@/components/ui/Card";
import { TextField, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { NumberInput } from "@/components/ui/NumberInput";
import { MIN_STEPS } from "@/lib/funnel/types";
import { MAX_DEFINITION_STEPS as MAX_STEPS } from "@/lib/funnel/validate";
import { funnelIssueText } from "@/lib/funnel/issue-text";
import { fieldErrorText, refusalTexts, type ActionError } from "@/lib/action-result";
import { useStepReorder } from "./use-step-reorder";
import { StepCard } from "./editor/StepCard";
import { RulesFields } from "./editor/RulesFields";
import { FieldError } from "./editor/FieldError";
import { editorIssues, fieldOf, issueShown, issuesByField } from "./editor/issues";
import { draftStep, initialDraft, toDefinition, type Draft, type EditorInitial, type TimeUnit } from "@/lib/funnel/draft";

type Props = {
  projectId: string;
  /** the project's time zone: the live counts use the dashboard's whole days in it */
  timeZone: string;
  suggestions: { events: { name: string; count: number }[]; paths: { path: string; count: number }[] };
  initial: EditorInitial | null;
};

/**
 * The funnel editor: name, window, 2 to MAX_STEPS steps (each one or several events, a path, conditions
 * with operators, optional, its own time limit), reordered by drag or keyboard, and the rules (order,
 * exclusions, same value at every step). Every problem is said beside its field, in the reader's language,
 * once the field has been left or a save tried (a conflict between choices at once; editor/issues.ts
 * issueShown), and then live as they type; with the live counts of the last 30 days (an estimate says so) while it is valid.
 */
export function FunnelEditor({ projectId, timeZone, suggestions, initial }: Props) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [d, setD] = useState<Draft>(() => initialDraft(initial));
  // Any edit makes the last refusal stale: the live problems take over.
  const patch = (p: Partial<Draft>) => {
    setServerErrors({});
    setError(undefined);
    setD((prev) => ({ ...prev, ...p }));
  };
  // Fields the reader has left (or chosen in: a select, a box, a radio) and whether a save was tried:
  // a problem waits for one of them, so a field just added is not red before anything was typed in it.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const touch = (target: EventTarget) => {
    const keys = (target as HTMLElement).closest?.("[data-field]")?.getAttribute("data-field")?.split(" ") ?? [];
    if (keys.some((k) => !touched.has(k))) setTouched((prev) => new Set([...prev, ...keys]));
  };
  const definition = useMemo(() => toDefinition(d), [d]);
  const issues = useMemo(() => editorIssues(t, definition), [t, definition]);
  const shownIssues = issues.filter((i) => issueShown(i, touched, submitted));
  // The editor's own words win over the server's generic ones for a field both found wrong.
  const errors = { ...serverErrors, ...issuesByField(shownIssues) };
  const valid = issues.length === 0;
  const problem = shownIssues[0]?.summary;
  // Live counts of the last 30 days while editing, debounced so typing does not flood the API.
  const [debounced, setDebounced] = useState({ definition, valid });
  useEffect(() => {
    const id = setTimeout(() => setDebounced({ definition, valid }), 500);
    return () => clearTimeout(id);
  }, [definition, valid]);
  const live = useFunnelPreview(projectId, debounced.definition, debounced.valid, timeZone);
  const { listRef: stepList, ...reorder } = useStepReorder(
    d.steps,
    useCallback((steps: Draft["steps"]) => setD((prev) => ({ ...prev, steps })), []),
    useCallback(
      (s: Draft["steps"][number], position: number, total: number) =>
        t("funnels.editor.reorder.moved", { name: s.label || s.events.filter(Boolean).join(" / ") || "—", position, total }),
      [t],
    ),
  );
  const setStep = (i: number, p: Partial<Draft["steps"][number]>) =>
    patch({ steps: d.steps.map((s, j) => (j === i ? { ...s, ...p } : s)) });
  const stepNames = d.steps.map((s) => s.label || s.events.filter(Boolean).join(" / "));
  // The action answers with codes and paths: word them here, beside their fields, in the reader's language.
  const refusal = (err: ActionError): string => {
    const fields = Object.entries(err.fieldErrors ?? {});
    const placed: Record<string, string> = {};
    for (const [path, code] of fields) {
      const field = fieldOf(path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
      placed[field] ??= fieldErrorText(t, "funnels", path.split(".").pop() ?? path, code);
    }
    setServerErrors(placed);
    const [field, code] = fields[0] ?? [];
    if (field === "steps" && code)
      return funnelIssueText(t, code === "too_big" ? { code: "tooManySteps", max: MAX_STEPS } : { code: "tooFewSteps", min: MIN_STEPS });
    const step = field?.match(/^steps\.(\d+)\.(\w+)/);
    if (step && code) return t("funnels.errors.step", { n: Number(step[1]) + 1, problem: fieldErrorText(t, "funnels", step[2], code) });
    return Object.values(refusalTexts(t, "funnels", err, []))[0];
  };
  const save = () =>
    start(async () => {
      setSubmitted(true);
      const r = await saveFunnelAction(projectId, initial?.id ?? null, definition);
      if (!r.ok || !r.data) return setError(r.ok ? undefined : refusal(r.error));
      router.push(`/projects/${projectId}?funnel=${r.data.id}`);
      router.refresh();
    });
  const liveText = (i: number) => (live.data ? t("funnels.editor.last30", { count: live.data.counts[i] ?? 0 }) : "");

  return (
    <Card className="mx-auto max-w-3xl p-4 sm:p-8">
      <h2 className="text-lg font-semibold text-slate-900">{initial ? t("funnels.edit") : t("funnels.new")}</h2>
      <form
        className="mt-5 space-y-6"
        noValidate
        onBlur={(e) => touch(e.target)}
        onChange={(e) => {
          const el: EventTarget = e.target;
          if (el instanceof HTMLSelectElement || (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")))
            touch(el);
        }}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <TextField label={t("funnels.editor.name")} name="funnel-name" value={d.name} onChange={(e) => patch({ name: e.target.value })} />
        <TextField
          label={t("funnels.editor.description")}
          name="funnel-description"
          value={d.description}
          onChange={(e) => patch({ description: e.target.value })}
        />
        <div data-field="windowSeconds">
          <div className="flex items-start gap-2">
            <NumberInput
              label={t("funnels.editor.window")}
              name="window"
              inputClassName="w-28"
              className="shrink-0"
              value={d.windowValue}
              onValueChange={(v) => patch({ windowValue: v })}
              min={0}
              maxDecimals={2}
              required
              data-testid="funnel-window"
            />
            <select
              aria-label={t("funnels.editor.windowUnit")}
              className={`${inputClass} mt-[1.625rem] w-36!`}
              value={d.windowUnit}
              onChange={(e) => patch({ windowUnit: e.target.value as TimeUnit })}
            >
              {(["minutes", "hours", "days"] as const).map((u) => (
                <option key={u} value={u}>
                  {t(`funnels.editor.units.${u}`)}
                </option>
              ))}
            </select>
          </div>
          <FieldError id="window-error" text={errors.windowSeconds} testId="editor-window-error" />
          <p className="mt-1.5 text-sm text-slate-600">{t("funnels.editor.windowHint")}</p>
        </div>
        <fieldset>
          <legend className="text-sm font-semibold text-slate-900">
            {t("funnels.editor.steps")}{" "}
            <span className="font-normal text-slate-600" data-testid="step-count">
              ({t("funnels.editor.stepCount", { used: d.steps.length, count: MAX_STEPS })})
            </span>
          </legend>
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
          <p className="mt-1 text-sm text-slate-600">{t("funnels.editor.reorder.hint")}</p>
          <p aria-live="polite" className="sr-only" data-testid="reorder-status">
            {reorder.announcement}
          </p>
          {live.data?.estimate ? (
            <p className="mt-2 text-xs text-amber-900" data-testid="editor-estimate" data-share={live.data.estimate.share}>
              {t("funnels.editor.estimate", { share: f.percentTick(live.data.estimate.share) })}
            </p>
          ) : null}
          <ol className="mt-3 space-y-3" ref={stepList}>
            {d.steps.map((s, i) => (
              <StepCard
                key={s.id}
                projectId={projectId}
                step={s}
                index={i}
                total={d.steps.length}
                onChange={(p) => setStep(i, p)}
                onRemove={() => patch({ steps: d.steps.filter((_, j) => j !== i) })}
                handle={reorder.handleProps(s.id)}
                onMove={(direction) => reorder.move(i, direction)}
                dragging={reorder.dragging === s.id}
                live={liveText(i)}
                errors={errors}
              />
            ))}
          </ol>
          <FieldError id="steps-error" text={errors.steps} testId="editor-steps-error" />
          {d.steps.length < MAX_STEPS ? (
            <Button
              type="button"
              variant="secondary"
              size="sm"
              className="mt-3"
              onClick={() => patch({ steps: [...d.steps, draftStep({ event: "" })] })}
            >
              + {t("funnels.editor.add")}
            </Button>
          ) : null}
        </fieldset>
        <section aria-labelledby="rules-title" className="border-t border-slate-200 pt-5">
          <h3 id="rules-title" className="sr-only">
            {t("funnels.editor.rules")}
          </h3>
          <RulesFields projectId={projectId} draft={d} onChange={patch} stepNames={stepNames} errors={errors} />
        </section>
        {error || problem ? (
          <p className="text-sm text-red-700" data-testid="editor-error" role="status">
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
