"use client";

import { useRouter } from "next/navigation";
import { NoEventsState } from "@/components/ui/NoEventsState";
import { loadDemoAction } from "@/app/(app)/projects/[projectId]/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { EmptyState } from "@/components/ui/EmptyState";
import { ButtonLink } from "@/components/ui/Button";
import { projectSource } from "@/lib/api-client/keys";
import { FunnelDashboard, type DashboardFunnel } from "./FunnelDashboard";
import { ShareLinks, type ShareLinkView } from "@/components/share/ShareLinks";

type Props = {
  projectId: string;
  canEdit: boolean;
  hasEvents: boolean;
  funnels: { id: string; name: string }[];
  current: DashboardFunnel | null;
  shareLinks: ShareLinkView[];
  /** the project's experiment properties as breakdown options (`prop:<name>`), labelled with the experiment */
  experimentBreakdowns?: { field: string; label: string }[];
};

export function FunnelsPage({ projectId, canEdit, hasEvents, funnels, current, shareLinks, experimentBreakdowns }: Props) {
  const { t } = useI18n();
  const router = useRouter();
  if (!hasEvents)
    return (
      <NoEventsState projectId={projectId} testId="funnels-no-events" onLoadDemo={canEdit ? () => loadDemoAction(projectId) : undefined} />
    );
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
            {funnels.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        {canEdit ? (
          <div className="flex gap-2">
            <ButtonLink variant="secondary" size="sm" href={`/projects/${projectId}/funnels/${current.id}/edit`} data-testid="edit-funnel">
              {t("funnels.edit")}
            </ButtonLink>
            <ButtonLink size="sm" href={`/projects/${projectId}/funnels/new`}>
              {t("funnels.new")}
            </ButtonLink>
          </div>
        ) : null}
      </div>
      <FunnelDashboard
        key={current.id}
        source={projectSource(projectId)}
        funnel={current}
        audiences
        extraBreakdowns={experimentBreakdowns}
      />
      {canEdit ? <ShareLinks projectId={projectId} funnelId={current.id} links={shareLinks} /> : null}
    </div>
  );
}
