"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { loadDemoAction } from "@/app/(app)/projects/[projectId]/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { EmptyState } from "@/components/ui/EmptyState";
import { Button, ButtonLink } from "@/components/ui/Button";

/** A project without events: point to the install step, and (for admins) offer demo data. */
export function NoEventsState({ projectId, canEdit, testId }: { projectId: string; canEdit: boolean; testId: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <EmptyState
      testId={testId}
      title={t("funnels.emptyNoEvents.title")}
      body={t("funnels.emptyNoEvents.body")}
      action={
        <div className="flex flex-wrap justify-center gap-2">
          <ButtonLink href={`/projects/${projectId}/settings`} variant="secondary">{t("funnels.emptyNoEvents.install")}</ButtonLink>
          {canEdit ? (
            <Button data-testid="empty-load-demo" disabled={pending} onClick={() => start(async () => { const r = await loadDemoAction(projectId); if (r.ok) router.refresh(); })}>
              {pending ? t("funnels.emptyNoEvents.loading") : t("funnels.emptyNoEvents.demo")}
            </Button>
          ) : null}
        </div>
      }
    />
  );
}
