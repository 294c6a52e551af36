"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/I18nProvider";
import { EmptyState } from "@/components/ui/EmptyState";
import { Button, ButtonLink } from "@/components/ui/Button";

/**
 * A project without events: point to the install step, and offer demo data when given `onLoadDemo`
 * (the feature passes its server action, for admins only: the design system imports no actions).
 */
export function NoEventsState({
  projectId,
  testId,
  onLoadDemo,
}: {
  projectId: string;
  testId: string;
  onLoadDemo?: () => Promise<{ ok: boolean }>;
}) {
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
          <ButtonLink href={`/projects/${projectId}/settings`} variant="secondary">
            {t("funnels.emptyNoEvents.install")}
          </ButtonLink>
          {onLoadDemo ? (
            <Button
              data-testid="empty-load-demo"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const r = await onLoadDemo();
                  if (r.ok) router.refresh();
                })
              }
            >
              {pending ? t("funnels.emptyNoEvents.loading") : t("funnels.emptyNoEvents.demo")}
            </Button>
          ) : null}
        </div>
      }
    />
  );
}
