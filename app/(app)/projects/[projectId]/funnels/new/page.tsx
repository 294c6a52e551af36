import { redirect } from "next/navigation";
import { pageProjectScope } from "@/server/guard";
import { eventSuggestions } from "@/db/funnels";
import { FunnelEditor } from "@/components/funnels/FunnelEditor";
import { getI18n } from "@/server/i18n";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("funnels.new") };
}

export default async function NewFunnel({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const scope = await pageProjectScope(projectId);
  if (!scope.can("admin")) redirect(`/projects/${projectId}`);
  return (
    <FunnelEditor projectId={projectId} timeZone={scope.project.timeZone} suggestions={await eventSuggestions(scope)} initial={null} />
  );
}
