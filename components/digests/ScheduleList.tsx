"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteDigestAction, pauseDigestAction } from "@/app/(app)/projects/[projectId]/settings/reports/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { Badge } from "@/components/ui/Badge";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { actionErrorText } from "@/lib/action-result";
import { formatSendTime, type ScheduleView } from "@/lib/digests/view";
import { intlTag } from "@/lib/i18n/locales";

/** The project's schedules: what, when, to whom, and each send's outcome (the history). */
export function ScheduleList({ projectId, schedules, timeZone }: { projectId: string; schedules: ScheduleView[]; timeZone: string }) {
  const { t, f, locale } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [deleting, setDeleting] = useState<string | null>(null);
  const [error, setError] = useState("");
  if (!schedules.length)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600" data-testid="schedules-empty">
        {t("digests.schedules.none")}
      </p>
    );
  const title = (s: ScheduleView) =>
    s.report === "dashboard"
      ? t("digests.schedules.dashboard", { name: s.dashboardName ?? t("digests.schedules.deletedReport") })
      : s.report === "funnel"
        ? t("digests.schedules.funnel", { name: s.funnelName ?? t("digests.schedules.deletedReport") })
        : t("digests.schedules.conversions");
  const pause = (s: ScheduleView) =>
    start(async () => {
      const r = await pauseDigestAction(projectId, s.id, !s.paused);
      setError(r.ok ? "" : actionErrorText(t, "digests.schedules", r.error));
      router.refresh();
    });
  const when = (s: ScheduleView) =>
    `${t(`digests.schedules.frequencies.${s.frequency}`)}${s.weekday ? ` · ${t(`digests.schedules.weekdays.${String(s.weekday) as "1"}`)}` : ""} · ${String(s.hour).padStart(2, "0")}:00`;
  const stateText = (state: string) => {
    const key = `digests.schedules.states.${state}`;
    return t.has(key) ? t(key) : state;
  };
  return (
    <div>
      {error ? (
        <p role="alert" className="mb-3 text-sm text-red-600" data-testid="schedule-error">
          {error}
        </p>
      ) : null}
      <ul className="space-y-4" data-testid="schedule-list" aria-busy={pending}>
        {schedules.map((s) => (
          <li key={s.id} className="rounded-lg p-4 ring-1 ring-slate-200" data-testid="schedule-item" data-paused={s.paused}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="break-words font-medium text-slate-900" data-testid="schedule-title">
                  {title(s)}
                  {s.label ? <span className="text-slate-600"> · {s.label}</span> : null}
                  {s.paused ? (
                    <span className="ml-2 align-middle">
                      <Badge tone="amber">{t("digests.schedules.paused")}</Badge>
                    </span>
                  ) : null}
                </p>
                <p className="text-sm text-slate-600" data-testid="schedule-when">
                  {when(s)}
                </p>
                <p className="text-sm text-slate-600" data-testid="schedule-next">
                  {s.paused
                    ? t("digests.schedules.pausedNext")
                    : t("digests.schedules.next", { date: formatSendTime(intlTag(locale), timeZone, s.nextRunAt) })}
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                <Button variant="secondary" size="sm" onClick={() => pause(s)} disabled={pending} data-testid="schedule-pause">
                  {s.paused ? t("digests.schedules.resume") : t("digests.schedules.pause")}
                </Button>
                <Button variant="secondary" size="sm" onClick={() => setDeleting(s.id)} data-testid="schedule-delete">
                  {t("digests.schedules.delete")}
                </Button>
              </div>
            </div>
            <p className="mt-2 text-sm text-slate-700">
              {t("digests.schedules.recipients")}:{" "}
              {s.recipients.map((r, i) => (
                <span key={r.id} className="break-all">
                  {i ? ", " : ""}
                  {r.email} ({r.locale}){r.unsubscribed ? ` · ${t("digests.schedules.unsubscribed")}` : ""}
                </span>
              ))}
            </p>
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-slate-700" data-testid="schedule-history">
                {t("digests.schedules.history")}
              </summary>
              {s.history.length ? (
                <div className="mt-2 overflow-x-auto">
                  <table className="w-full text-left text-sm">
                    <thead className="text-slate-500">
                      <tr>
                        <th className="py-1 pr-3 font-medium">{t("digests.schedules.columns.period")}</th>
                        <th className="py-1 pr-3 font-medium">{t("digests.schedules.columns.to")}</th>
                        <th className="py-1 pr-3 font-medium">{t("digests.schedules.columns.state")}</th>
                        <th className="py-1 pr-3 font-medium">{t("digests.schedules.columns.attempts")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.history.map((h) => (
                        <tr key={`${h.periodKey}-${h.email}`} className="border-t border-slate-100">
                          <td className="py-1 pr-3 whitespace-nowrap">{h.periodKey.split(":")[1]}</td>
                          <td className="py-1 pr-3 break-all">{h.email}</td>
                          <td className="py-1 pr-3">
                            <Badge tone={h.state === "sent" ? "green" : h.state === "failed" ? "red" : "amber"}>{stateText(h.state)}</Badge>
                            {h.error ? <span className="block text-xs text-slate-500">{h.error}</span> : null}
                          </td>
                          <td className="py-1 pr-3">{f.number(h.attempts)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="mt-1 text-slate-600" data-testid="schedule-no-history">
                  {t("digests.schedules.noHistory")}
                </p>
              )}
            </details>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title={t("digests.schedules.deleteTitle")}
        body={t("digests.schedules.deleteBody")}
        confirmLabel={t("digests.schedules.delete")}
        cancelLabel={t("digests.schedules.cancel")}
        busy={pending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          start(async () => {
            const r = deleting ? await deleteDigestAction(projectId, deleting) : null;
            setError(r && !r.ok ? actionErrorText(t, "digests.schedules", r.error) : "");
            setDeleting(null);
            router.refresh();
          })
        }
        testId="schedule-delete-dialog"
      />
    </div>
  );
}
