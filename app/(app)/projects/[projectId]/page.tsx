import { Suspense } from "react";
import { pageProjectScope } from "@/server/guard";
import { listFunnels, hasEvents } from "@/db/funnels";
import { listShareLinks } from "@/db/share";
import { shareLinkViews } from "@/lib/share-view";
import { listExperiments } from "@/db/experiments";
import { getI18n } from "@/server/i18n";
import { FunnelsPage } from "@/components/funnels/FunnelsPage";
import { OpenAlerts } from "@/components/digests/OpenAlerts";
import { PdfButton } from "@/components/digests/PdfButton";
import { openAlerts } from "@/db/alerts";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("funnels.title") };
}

export default async function ProjectFunnels({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ funnel?: string }>;
}) {
  const { projectId } = await params;
  const { funnel: chosen } = await searchParams;
  const scope = await pageProjectScope(projectId);
  const [funnels, any, experiments, alerts] = await Promise.all([
    listFunnels(scope),
    hasEvents(scope),
    listExperiments(scope),
    openAlerts(scope),
  ]);
  // Event-property experiments break the funnel down by their variant like any other field (the engine reads prop:<name> on the entry event).
  const experimentBreakdowns = [
    ...new Map(
      experiments.filter((e) => e.source === "event").map((e) => [`prop:${e.property}`, { field: `prop:${e.property}`, label: e.name }]),
    ).values(),
  ];
  const current = funnels.find((f) => f.id === chosen) ?? funnels[0] ?? null;
  const links = scope.can("admin") ? await listShareLinks(scope) : [];
  return (
    <Suspense>
      <OpenAlerts
        projectId={projectId}
        canManage={scope.can("admin")}
        alerts={alerts.map((a) => ({ ...a, openedAt: a.openedAt.toISOString() }))}
      />
      <PdfButton projectId={projectId} report="funnel" funnelId={current?.id ?? null} />
      <FunnelsPage
        projectId={projectId}
        canEdit={scope.can("admin")}
        hasEvents={any}
        funnels={funnels.map((f) => ({ id: f.id, name: f.name }))}
        experimentBreakdowns={experimentBreakdowns}
        shareLinks={shareLinkViews(links)}
        current={current ? { id: current.id, name: current.name, steps: current.steps, windowSeconds: current.windowSeconds } : null}
      />
    </Suspense>
  );
}
