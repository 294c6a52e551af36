"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createAlertAction } from "@/app/(app)/projects/[projectId]/settings/reports/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { TextField, inputClass } from "@/components/ui/Field";
import { NumberInput } from "@/components/ui/NumberInput";
import { refusalTexts } from "@/lib/action-result";
import type { Option } from "@/lib/digests/view";

const FIELDS = ["name", "target", "goalKey", "funnelId", "condition", "thresholdPercent", "hours", "recipients"] as const;

/** The form that adds an alert: a name, a goal or funnel, the condition with its number, the members to mail. */
export function AlertForm({
  projectId,
  goals,
  funnels,
  members,
}: {
  projectId: string;
  goals: Option[];
  funnels: Option[];
  members: Option[];
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState("");
  const [target, setTarget] = useState(goals[0] ? `goal:${goals[0].value}` : funnels[0] ? `funnel:${funnels[0].value}` : "");
  const [condition, setCondition] = useState<"below" | "drop" | "no_events">("below");
  const [threshold, setThreshold] = useState<number | null>(2);
  const [hours, setHours] = useState<number | null>(6);
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setDone(null);
    const [kind, ref] = target.split(":");
    start(async () => {
      const result = await createAlertAction(projectId, {
        name,
        target: kind === "funnel" ? "funnel" : "goal",
        ...(kind === "funnel" ? { funnelId: ref } : ref ? { goalKey: ref } : {}),
        condition,
        ...(condition === "below" && threshold !== null ? { thresholdPercent: threshold } : {}),
        ...(condition === "no_events" && hours !== null ? { hours } : {}),
        recipients: chosen,
      });
      if (!result.ok) return setErrors(refusalTexts(t, "digests.alerts", result.error, FIELDS));
      setErrors({});
      setName("");
      setDone(t("digests.alerts.created"));
      router.refresh();
    });
  };

  const targets: Option[] = [
    ...goals.map((g) => ({ value: `goal:${g.value}`, label: t("digests.alerts.goal", { name: g.label }) })),
    ...funnels.map((o) => ({ value: `funnel:${o.value}`, label: t("digests.alerts.funnel", { name: o.label }) })),
  ];
  const conditions = (["below", "drop", "no_events"] as const).map((c) => ({ value: c, label: t(`digests.alerts.conditions.${c}`) }));
  const error = (k: string) =>
    errors[k] ? (
      <span className="mt-1.5 block text-sm font-normal text-red-600" data-testid={`error-${k}`}>
        {errors[k]}
      </span>
    ) : null;

  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="alert-form">
      <TextField
        label={t("digests.alerts.name")}
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
        maxLength={200}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block text-sm font-medium text-slate-700">
          {t("digests.alerts.target")}
          <select
            name="target"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            className={`${inputClass} mt-1.5`}
            data-testid="alert-target"
          >
            {targets.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {error("goalKey") ?? error("funnelId") ?? error("target")}
        </label>
        <label className="block text-sm font-medium text-slate-700">
          {t("digests.alerts.condition")}
          <select
            name="condition"
            value={condition}
            onChange={(e) => setCondition(e.target.value as typeof condition)}
            className={`${inputClass} mt-1.5`}
            data-testid="alert-condition"
          >
            {conditions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {error("condition")}
        </label>
      </div>
      {condition === "below" ? (
        <NumberInput
          name="thresholdPercent"
          label={t("digests.alerts.threshold")}
          value={threshold}
          onValueChange={setThreshold}
          min={0}
          max={100}
          inputClassName="w-32"
          error={errors.thresholdPercent}
          data-testid="alert-threshold"
        />
      ) : condition === "no_events" ? (
        <NumberInput
          name="hours"
          label={t("digests.alerts.hours")}
          value={hours}
          onValueChange={setHours}
          integer
          min={1}
          max={168}
          inputClassName="w-32"
          error={errors.hours}
          data-testid="alert-hours"
        />
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("digests.alerts.recipients")}</legend>
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
          {members.map((m) => (
            <label key={m.value} className="flex min-w-0 items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={chosen.includes(m.value)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, m.value] : chosen.filter((x) => x !== m.value))}
              />
              <span className="break-all">{m.label}</span>
            </label>
          ))}
        </div>
        {error("recipients")}
      </fieldset>
      {errors.form ? (
        <p className="text-sm text-red-600" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="alert-create">
          {pending ? t("digests.alerts.creating") : t("digests.alerts.create")}
        </Button>
        {done ? (
          <p role="status" className="text-sm text-emerald-700" data-testid="alert-created">
            {done}
          </p>
        ) : null}
      </div>
    </form>
  );
}
