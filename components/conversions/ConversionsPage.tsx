"use client";

import { NoEventsState } from "@/components/ui/NoEventsState";
import { loadDemoAction } from "@/app/(app)/projects/[projectId]/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { EmptyState } from "@/components/ui/EmptyState";
import { ButtonLink } from "@/components/ui/Button";
import { ShareLinks, type ShareLinkView } from "@/components/share/ShareLinks";
import { projectSource } from "@/lib/api-client/keys";
import { ConversionsDashboard } from "./ConversionsDashboard";

type Props = { projectId: string; canEdit: boolean; hasEvents: boolean; goalCount: number; shareLinks: ShareLinkView[] };

/** The project's conversions tab: empty states first (no events, no goals), then the overview and its share links. */
export function ConversionsPage({ projectId, canEdit, hasEvents, goalCount, shareLinks }: Props) {
  const { t } = useI18n();
  if (!hasEvents)
    return (
      <NoEventsState
        projectId={projectId}
        testId="conversions-no-events"
        onLoadDemo={canEdit ? () => loadDemoAction(projectId) : undefined}
      />
    );
  if (goalCount === 0) {
    return (
      <EmptyState
        testId="conversions-no-goals"
        title={t("conversions.empty.title")}
        body={t("conversions.empty.body")}
        action={canEdit ? <ButtonLink href={`/projects/${projectId}/goals`}>{t("project.tabs.goals")}</ButtonLink> : null}
      />
    );
  }
  return (
    <div className="space-y-5">
      <p className="max-w-3xl text-sm text-slate-600">{t("conversions.intro")}</p>
      <ConversionsDashboard source={projectSource(projectId)} />
      {canEdit ? <ShareLinks projectId={projectId} report="conversions" links={shareLinks} /> : null}
    </div>
  );
}
