import { headers } from "next/headers";
import { requestOrigin } from "@/server/origin";
import { pageProjectScope } from "@/server/guard";
import { revealWriteKey } from "@/db/projects";
import { getI18n } from "@/server/i18n";
import { KeysCard } from "@/components/settings/KeysCard";
import { InstallCard } from "@/components/settings/InstallCard";
import { DropInCard } from "@/components/settings/DropInCard";
import { dropInClaimsOf } from "@/db/dropin";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("project.settings.title") };
}

/** The origin the snippet and clients should send to, as the browser reached us. */
async function publicOrigin(): Promise<string> {
  return requestOrigin(await headers());
}

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const scope = await pageProjectScope(projectId);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <InstallCard projectId={projectId} writeKey={revealWriteKey(scope)} origin={await publicOrigin()} />
      <KeysCard
        projectId={projectId}
        writeKey={revealWriteKey(scope)}
        readKeyPrefix={scope.project.readKeyPrefix}
        canRotate={scope.can("admin")}
      />
      <DropInCard projectId={projectId} origin={await publicOrigin()} claims={dropInClaimsOf(scope)} canEdit={scope.can("admin")} />
    </div>
  );
}
