import { Suspense } from "react";
import { pageProjectScope } from "@/server/guard";
import { hasEvents } from "@/db/funnels";
import { listGoals } from "@/db/goals";
import { listShareLinks } from "@/db/share";
import { shareLinkViews } from "@/lib/share-view";
import { getI18n } from "@/server/i18n";
import { ConversionsPage } from "@/components/conversions/ConversionsPage";
import { PdfButton } from "@/components/digests/PdfButton";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("conversions.title") };
}

export default async function ProjectConversions({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const scope = await pageProjectScope(projectId);
  const [goals, any] = await Promise.all([listGoals(scope), hasEvents(scope)]);
  const links = scope.can("admin") ? await listShareLinks(scope) : [];
  return (
    <Suspense>
      {any ? <PdfButton projectId={projectId} report="conversions" /> : null}
      <ConversionsPage
        projectId={projectId}
        canEdit={scope.can("admin")}
        hasEvents={any}
        goalCount={goals.length}
        shareLinks={shareLinkViews(links)}
      />
    </Suspense>
  );
}
