"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteAlertAction } from "@/app/(app)/projects/[projectId]/settings/reports/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { Badge } from "@/components/ui/Badge";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import type { AlertRuleView } from "@/lib/digests/view";

/** The project's alert rules: what each watches, whether it fires now, and its last episodes. */
export function AlertList({ projectId, rules }: { projectId: string; rules: AlertRuleView[] }) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [deleting, setDeleting] = useState<string | null>(null);
  if (!rules.length)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600" data-testid="alerts-empty">
        {t("digests.alerts.none")}
      </p>
    );
  const describe = (r: AlertRuleView) =>
    r.condition === "below"
      ? t("digests.alerts.describe.below", { rate: f.percent(r.threshold) })
      : r.condition === "drop"
        ? t("digests.alerts.describe.drop")
        : t("digests.alerts.describe.no_events", { count: r.hours ?? 0 });
  return (
    <div>
      <ul className="space-y-3" data-testid="alert-list" aria-busy={pending}>
        {rules.map((r) => (
          <li key={r.id} className="rounded-lg p-4 ring-1 ring-slate-200" data-testid="alert-item" data-open={Boolean(r.openSince)}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="break-words font-medium text-slate-900">{r.name}</p>
                <p className="text-sm text-slate-600">
                  {r.targetName ? `${r.targetName} · ` : ""}
                  {describe(r)}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {r.openSince ? (
                  <Badge tone="red">{t("digests.alerts.open", { date: f.dateTime(r.openSince) })}</Badge>
                ) : (
                  <Badge tone="green">{t("digests.alerts.quiet")}</Badge>
                )}
                <Button variant="secondary" size="sm" onClick={() => setDeleting(r.id)} data-testid="alert-delete">
                  {t("digests.alerts.delete")}
                </Button>
              </div>
            </div>
            {r.episodes.length ? (
              <p className="mt-2 text-sm text-slate-600">
                {t("digests.alerts.episodes")}:{" "}
                {r.episodes
                  .map((e) =>
                    t("digests.alerts.resolved", { from: f.dateTime(e.openedAt), to: e.resolvedAt ? f.dateTime(e.resolvedAt) : "…" }),
                  )
                  .join("; ")}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title={t("digests.alerts.deleteTitle")}
        body={t("digests.alerts.deleteBody")}
        confirmLabel={t("digests.alerts.delete")}
        cancelLabel={t("digests.schedules.cancel")}
        busy={pending}
        testId="alert-confirm"
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          start(async () => {
            if (deleting) await deleteAlertAction(projectId, deleting);
            setDeleting(null);
            router.refresh();
          })
        }
      />
    </div>
  );
}
