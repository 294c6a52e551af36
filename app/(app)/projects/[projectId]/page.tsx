import { Suspense } from "react";
import { pageTeamScope } from "@/db/guard";
import { listFunnels, hasEvents } from "@/db/funnels";
import { listShareLinks } from "@/db/share";
import { shareLinkViews } from "@/lib/share-view";
import { getI18n } from "@/lib/i18n/server";
import { FunnelsPage } from "@/components/funnels/FunnelsPage";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("funnels.title") };
}

export default async function ProjectFunnels({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ funnel?: string }> }) {
  const { projectId } = await params;
  const { funnel: chosen } = await searchParams;
  const scope = await (await pageTeamScope()).project(projectId);
  const [funnels, any] = await Promise.all([listFunnels(scope), hasEvents(scope)]);
  const current = funnels.find((f) => f.id === chosen) ?? funnels[0] ?? null;
  const links = scope.can("admin") ? await listShareLinks(scope) : [];
  return (
    <Suspense>
      <FunnelsPage
        projectId={projectId}
        canEdit={scope.can("admin")}
        hasEvents={any}
        funnels={funnels.map((f) => ({ id: f.id, name: f.name }))}
        shareLinks={shareLinkViews(links)}
        current={current ? { id: current.id, name: current.name, steps: current.steps, windowSeconds: current.windowSeconds } : null}
      />
    </Suspense>
  );
}
