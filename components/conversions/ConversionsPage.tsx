"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { loadDemoAction } from "@/app/(app)/projects/[projectId]/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { EmptyState } from "@/components/ui/Card";
import { Button, ButtonLink } from "@/components/ui/Button";
import { ShareLinks, type ShareLinkView } from "@/components/share/ShareLinks";
import { ConversionsDashboard } from "./ConversionsDashboard";

type Props = { projectId: string; canEdit: boolean; hasEvents: boolean; goalCount: number; shareLinks: ShareLinkView[] };

/** The project's conversions tab: empty states first (no events, no goals), then the overview and its share links. */
export function ConversionsPage({ projectId, canEdit, hasEvents, goalCount, shareLinks }: Props) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  if (!hasEvents) {
    return (
      <EmptyState
        testId="conversions-no-events"
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
  if (goalCount === 0) {
    return <EmptyState testId="conversions-no-goals" title={t("conversions.empty.title")} body={t("conversions.empty.body")} action={canEdit ? <ButtonLink href={`/projects/${projectId}/goals`}>{t("project.tabs.goals")}</ButtonLink> : null} />;
  }
  return (
    <div className="space-y-5">
      <p className="max-w-3xl text-sm text-slate-600">{t("conversions.intro")}</p>
      <ConversionsDashboard projectId={projectId} apiUrl={`/api/v1/projects/${projectId}/conversions`} />
      {canEdit ? <ShareLinks projectId={projectId} report="conversions" links={shareLinks} /> : null}
    </div>
  );
}
