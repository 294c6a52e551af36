"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createDigestAction } from "@/app/(app)/projects/[projectId]/settings/reports/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { TextField, inputClass } from "@/components/ui/Field";
import { refusalTexts } from "@/lib/action-result";
import { formatSendTime, type Option } from "@/lib/digests/view";
import { intlTag } from "@/lib/i18n/locales";

const FIELDS = ["report", "funnelId", "dashboardId", "frequency", "weekday", "hour", "members", "outside", "recipients", "label"] as const;

function Select(props: { label: string; name: string; value: string; onChange: (v: string) => void; options: Option[]; error?: string }) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      {props.label}
      <select
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `schedule-${props.name}-error` : undefined}
        className={`${inputClass} mt-1.5`}
        data-testid={`schedule-${props.name}`}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error ? (
        <span
          id={`schedule-${props.name}-error`}
          className="mt-1.5 block text-sm font-normal text-red-600"
          data-testid={`error-${props.name}`}
        >
          {props.error}
        </span>
      ) : null}
    </label>
  );
}

/** The form that schedules a report by e-mail: which report, how often and when, to whom. */
export function ScheduleForm({
  projectId,
  funnels,
  dashboards,
  members,
  timeZone,
}: {
  projectId: string;
  funnels: Option[];
  dashboards: Option[];
  members: Option[];
  timeZone: string;
}) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [report, setReport] = useState(funnels[0] ? `funnel:${funnels[0].value}` : "conversions");
  const [frequency, setFrequency] = useState("weekly");
  // No day is chosen for the reader: a weekly report goes out on the day they pick.
  const [weekday, setWeekday] = useState("");
  const [hour, setHour] = useState("8");
  const [chosen, setChosen] = useState<string[]>([]);
  const [outside, setOutside] = useState("");
  const [outsideLocale, setOutsideLocale] = useState("nl");
  const [label, setLabel] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setDone(null);
    const emails = outside
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const [kind, ref] = report.split(":");
    start(async () => {
      const result = await createDigestAction(projectId, {
        report: kind as "funnel" | "conversions" | "dashboard",
        ...(kind === "funnel" ? { funnelId: ref } : kind === "dashboard" ? { dashboardId: ref } : {}),
        ...(label.trim() ? { label } : {}),
        frequency: frequency as "daily" | "weekly" | "monthly",
        ...(frequency === "weekly" && weekday ? { weekday: Number(weekday) } : {}),
        hour: Number(hour),
        members: chosen,
        outside: emails.map((email) => ({ email, locale: outsideLocale as "en" | "nl" })),
      });
      if (!result.ok) return setErrors(refusalTexts(t, "digests.schedules", result.error, FIELDS));
      setErrors({});
      setOutside("");
      setDone(t("digests.schedules.created", { date: formatSendTime(intlTag(locale), timeZone, result.data!.nextRunAt) }));
      router.refresh();
    });
  };

  const reportOptions: Option[] = [
    ...funnels.map((o) => ({ value: `funnel:${o.value}`, label: t("digests.schedules.funnel", { name: o.label }) })),
    { value: "conversions", label: t("digests.schedules.conversions") },
    ...dashboards.map((o) => ({ value: `dashboard:${o.value}`, label: t("digests.schedules.dashboard", { name: o.label }) })),
  ];
  const frequencies: Option[] = (["daily", "weekly", "monthly"] as const).map((v) => ({
    value: v,
    label: t(`digests.schedules.frequencies.${v}`),
  }));
  const weekdays: Option[] = [
    { value: "", label: t("digests.schedules.chooseWeekday") },
    ...(["1", "2", "3", "4", "5", "6", "7"] as const).map((v) => ({
      value: v,
      label: t(`digests.schedules.weekdays.${v}`),
    })),
  ];
  const hours: Option[] = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, "0")}:00` }));

  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="schedule-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <Select
          label={t("digests.schedules.report")}
          name="report"
          value={report}
          onChange={setReport}
          options={reportOptions}
          error={errors.report ?? errors.funnelId ?? errors.dashboardId}
        />
        <Select
          label={t("digests.schedules.frequency")}
          name="frequency"
          value={frequency}
          onChange={setFrequency}
          options={frequencies}
          error={errors.frequency}
        />
        {frequency === "weekly" ? (
          <Select
            label={t("digests.schedules.weekday")}
            name="weekday"
            value={weekday}
            onChange={setWeekday}
            options={weekdays}
            error={errors.weekday}
          />
        ) : null}
        <Select
          label={t("digests.schedules.hour", { zone: timeZone })}
          name="hour"
          value={hour}
          onChange={setHour}
          options={hours}
          error={errors.hour}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("digests.schedules.members")}</legend>
        <p className="text-sm text-slate-500">{t("digests.schedules.membersHint")}</p>
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
        {errors.members ? (
          <p className="mt-1.5 text-sm text-red-600" data-testid="error-members">
            {errors.members}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-[1fr_auto]">
        <label className="block text-sm font-medium text-slate-700">
          {t("digests.schedules.outside")}
          <textarea
            name="outside"
            rows={3}
            value={outside}
            onChange={(e) => setOutside(e.target.value)}
            aria-invalid={errors.outside ? true : undefined}
            aria-describedby="schedule-outside-note"
            className={`${inputClass} mt-1.5`}
            data-testid="schedule-outside"
          />
          {errors.outside ? (
            <span id="schedule-outside-note" className="mt-1.5 block text-sm font-normal text-red-600" data-testid="error-outside">
              {errors.outside}
            </span>
          ) : (
            <span id="schedule-outside-note" className="mt-1.5 block text-sm font-normal text-slate-500">
              {t("digests.schedules.outsideHint")}
            </span>
          )}
        </label>
        <Select
          label={t("digests.schedules.outsideLocale")}
          name="outsideLocale"
          value={outsideLocale}
          onChange={setOutsideLocale}
          options={[
            { value: "nl", label: t("digests.schedules.languages.nl") },
            { value: "en", label: t("digests.schedules.languages.en") },
          ]}
        />
      </div>
      <TextField
        label={t("digests.schedules.label")}
        name="label"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        error={errors.label}
        maxLength={200}
      />
      {errors.recipients || errors.form ? (
        <p className="text-sm text-red-600" role="alert" data-testid="error-recipients">
          {errors.recipients ?? errors.form}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="schedule-create">
          {pending ? t("digests.schedules.creating") : t("digests.schedules.create")}
        </Button>
        {done ? (
          <p role="status" className="text-sm text-emerald-700" data-testid="schedule-created">
            {done}
          </p>
        ) : null}
      </div>
    </form>
  );
}
