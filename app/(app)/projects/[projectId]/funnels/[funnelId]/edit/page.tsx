import { notFound, redirect } from "next/navigation";
import { pageProjectScope } from "@/server/guard";
import { eventSuggestions, getFunnel } from "@/db/funnels";
import { FunnelEditor } from "@/components/funnels/FunnelEditor";
import { getI18n } from "@/server/i18n";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("funnels.edit") };
}

export default async function EditFunnel({ params }: { params: Promise<{ projectId: string; funnelId: string }> }) {
  const { projectId, funnelId } = await params;
  const scope = await pageProjectScope(projectId);
  if (!scope.can("admin")) redirect(`/projects/${projectId}`);
  const funnel = await getFunnel(scope, funnelId).catch(() => notFound());
  return (
    <FunnelEditor
      projectId={projectId}
      timeZone={scope.project.timeZone}
      suggestions={await eventSuggestions(scope)}
      initial={{
        id: funnel.id,
        name: funnel.name,
        description: funnel.description ?? "",
        steps: funnel.steps,
        windowSeconds: funnel.windowSeconds,
        // order, exclusions, held fields and the saved time-to-convert steps
        ...funnel.rules,
      }}
    />
  );
}
