import { Suspense } from "react";
import { pageTeamScope } from "@/db/guard";
import { hasEvents } from "@/db/funnels";
import { listGoals } from "@/db/goals";
import { listShareLinks } from "@/db/share";
import { getI18n } from "@/lib/i18n/server";
import { ConversionsPage } from "@/components/conversions/ConversionsPage";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("conversions.title") };
}

export default async function ProjectConversions({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const scope = await (await pageTeamScope()).project(projectId);
  const [goals, any] = await Promise.all([listGoals(scope), hasEvents(scope)]);
  const links = scope.can("admin") ? await listShareLinks(scope) : [];
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return (
    <Suspense>
      <ConversionsPage
        projectId={projectId}
        canEdit={scope.can("admin")}
        hasEvents={any}
        goalCount={goals.length}
        shareLinks={links.map((l) => ({ id: l.id, report: l.report, funnelId: l.funnelId, rollingDays: l.rollingDays, fixedFrom: iso(l.fixedFrom), fixedTo: iso(l.fixedTo), hasPassword: l.hasPassword, expiresAt: iso(l.expiresAt), revokedAt: iso(l.revokedAt), lastOpenedAt: iso(l.lastOpenedAt), createdAt: l.createdAt.toISOString() }))}
      />
    </Suspense>
  );
}
