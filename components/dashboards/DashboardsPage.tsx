"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { createDashboardAction, deleteDashboardAction } from "@/app/(app)/projects/[projectId]/dashboards/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { EmptyState } from "@/components/ui/EmptyState";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { cx } from "@/components/ui/cx";
import { actionErrorText, fieldErrorText } from "@/lib/action-result";
import { DASHBOARD_RANGES } from "@/lib/dashboards/range";

type Listed = { id: string; name: string; tiles: number };

/**
 * The project's dashboards: one chosen in the URL (`?d=`), its period (`?days=`), its grid, and for
 * admins the forms to add tiles, share it, make a new one or delete it. The tiles and the forms come
 * from the page as slots, so each tile's figures stream on their own.
 */
export function DashboardsPage({
  projectId,
  dashboards,
  current,
  days,
  canEdit,
  children,
}: {
  projectId: string;
  dashboards: Listed[];
  current: { id: string; name: string; description: string | null } | null;
  days: number;
  canEdit: boolean;
  children?: React.ReactNode;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [deleting, setDeleting] = useState(false);
  const base = `/projects/${projectId}/dashboards`;
  const href = (d: string, n = days) => `${base}?d=${d}${n === 30 ? "" : `&days=${n}`}`;

  const create = () =>
    start(async () => {
      const r = await createDashboardAction(projectId, { name });
      if (!r.ok) {
        const out: Record<string, string> = {};
        for (const [key, code] of Object.entries(r.error.fieldErrors ?? {})) out[key] ??= fieldErrorText(t, "dashboards", key, code);
        if (!Object.keys(out).length) out.form = actionErrorText(t, "dashboards", r.error);
        return setErrors(out);
      }
      setErrors({});
      setName("");
      router.push(href(r.data!.id));
    });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h2 className="text-xl font-semibold tracking-tight text-slate-900" data-testid="dashboard-name">
            {current?.name ?? t("dashboards.title")}
          </h2>
          <p className="mt-1 text-sm text-slate-500">{current?.description || t("dashboards.body")}</p>
        </div>
        {current ? (
          <nav
            aria-label={t("dashboards.range.label")}
            className="inline-flex rounded-lg bg-white p-0.5 text-xs font-medium shadow-sm ring-1 ring-slate-200"
            data-testid="dashboard-range"
          >
            {DASHBOARD_RANGES.map((n) => (
              <Link
                key={n}
                href={href(current.id, n)}
                aria-current={n === days ? "page" : undefined}
                className={
                  n === days ? "rounded-md bg-brand-600 px-2.5 py-1 text-white" : "rounded-md px-2.5 py-1 text-slate-600 hover:bg-slate-100"
                }
              >
                {t("dashboards.range.days", { count: n })}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>

      {dashboards.length ? (
        <nav aria-label={t("dashboards.list")} className="flex flex-wrap gap-2" data-testid="dashboard-list">
          {dashboards.map((d) => (
            <Link
              key={d.id}
              href={href(d.id)}
              aria-current={d.id === current?.id ? "page" : undefined}
              className={cx(
                "max-w-full truncate rounded-full px-3 py-1 text-sm ring-1 ring-inset",
                d.id === current?.id
                  ? "bg-brand-50 font-medium text-brand-800 ring-brand-300"
                  : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
              )}
            >
              {d.name} <span className="text-slate-500">({d.tiles})</span>
            </Link>
          ))}
        </nav>
      ) : null}

      {current ? (
        children
      ) : (
        <EmptyState
          title={t("dashboards.none")}
          testId="dashboards-empty"
          body={canEdit ? t("dashboards.noneAdmin") : t("dashboards.noneViewer")}
        />
      )}

      {canEdit ? (
        <Card className="p-5">
          <form
            className="flex flex-wrap items-start gap-3"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              create();
            }}
          >
            <TextField
              label={t("dashboards.new")}
              name="name"
              value={name}
              maxLength={100}
              placeholder={t("dashboards.namePlaceholder")}
              onChange={(e) => setName(e.target.value)}
              error={errors.name ?? errors.form}
              className="min-w-0 flex-1 sm:max-w-sm"
              data-testid="dashboard-new-name"
            />
            <Button type="submit" disabled={pending} className="sm:mt-7" data-testid="dashboard-create">
              {t("dashboards.create")}
            </Button>
            {current ? (
              <Button
                type="button"
                variant="ghost"
                className="text-red-700 hover:bg-red-50 sm:ml-auto sm:mt-7"
                onClick={() => setDeleting(true)}
                data-testid="dashboard-delete"
              >
                {t("dashboards.delete")}
              </Button>
            ) : null}
          </form>
        </Card>
      ) : null}
      {current && canEdit ? (
        <ConfirmDialog
          open={deleting}
          title={t("dashboards.deleteTitle")}
          body={t("dashboards.deleteBody", { name: current.name })}
          confirmLabel={t("dashboards.delete")}
          cancelLabel={t("common.cancel")}
          busy={pending}
          onCancel={() => setDeleting(false)}
          onConfirm={() =>
            start(async () => {
              await deleteDashboardAction(projectId, current.id);
              setDeleting(false);
              router.push(base);
            })
          }
          testId="delete-dashboard-dialog"
        />
      ) : null}
    </div>
  );
}
