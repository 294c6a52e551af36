"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { loadDemoAction } from "@/app/(app)/projects/[projectId]/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { EmptyState } from "@/components/ui/Card";
import { Button, ButtonLink } from "@/components/ui/Button";
import { FunnelDashboard, type DashboardFunnel } from "./FunnelDashboard";
import { ShareLinks, type ShareLinkView } from "@/components/share/ShareLinks";

type Props = { projectId: string; canEdit: boolean; hasEvents: boolean; funnels: { id: string; name: string }[]; current: DashboardFunnel | null; shareLinks: ShareLinkView[];
  /** the project's experiment properties as breakdown options (`prop:<name>`), labelled with the experiment */
  experimentBreakdowns?: { field: string; label: string }[] };

export function FunnelsPage({ projectId, canEdit, hasEvents, funnels, current, shareLinks, experimentBreakdowns }: Props) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  if (!hasEvents) {
    return (
      <EmptyState
        testId="funnels-no-events"
        title={t("funnels.emptyNoEvents.title")}
        body={t("funnels.emptyNoEvents.body")}
        action={
          <div className="flex flex-wrap justify-center gap-2">
            <ButtonLink href={`/projects/${projectId}/settings`} variant="secondary">{t("funnels.emptyNoEvents.install")}</ButtonLink>
            {canEdit ? (
              <Button data-testid="empty-load-demo" disabled={pending} onClick={() => start(async () => { await loadDemoAction(projectId); router.refresh(); })}>
                {pending ? t("funnels.emptyNoEvents.loading") : t("funnels.emptyNoEvents.demo")}
              </Button>
            ) : null}
          </div>
        }
      />
    );
  }
  if (!current) {
    return (
      <EmptyState
        title={t("funnels.emptyNoFunnels.title")}
        body={t("funnels.emptyNoFunnels.body")}
        action={canEdit ? <ButtonLink href={`/projects/${projectId}/funnels/new`}>{t("funnels.new")}</ButtonLink> : null}
      />
    );
  }
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          {t("funnels.choose")}
          <select
            data-testid="funnel-select"
            value={current.id}
            onChange={(e) => router.push(`/projects/${projectId}?funnel=${e.target.value}`)}
            className="rounded-lg border-0 bg-white py-1.5 pl-3 pr-8 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
          >
            {funnels.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
          </select>
        </label>
        {canEdit ? (
          <div className="flex gap-2">
            <ButtonLink variant="secondary" size="sm" href={`/projects/${projectId}/funnels/${current.id}/edit`} data-testid="edit-funnel">{t("funnels.edit")}</ButtonLink>
            <ButtonLink size="sm" href={`/projects/${projectId}/funnels/new`}>{t("funnels.new")}</ButtonLink>
          </div>
        ) : null}
      </div>
      <FunnelDashboard key={current.id} projectId={projectId} funnel={current} extraBreakdowns={experimentBreakdowns} />
      {canEdit ? <ShareLinks projectId={projectId} funnelId={current.id} links={shareLinks} /> : null}
    </div>
  );
}
