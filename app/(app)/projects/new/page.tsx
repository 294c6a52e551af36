import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { requestOrigin } from "@/server/origin";
import { pageTeamScope } from "@/server/guard";
import { getDraft } from "@/db/onboarding";
import { revealWriteKey } from "@/db/projects";
import { getI18n } from "@/server/i18n";
import { OnboardingWizard } from "@/components/onboarding/OnboardingWizard";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("onboarding.title") };
}

export default async function NewProjectPage() {
  const scope = await pageTeamScope();
  if (!scope.can("admin")) redirect("/projects");
  let draft = await getDraft(scope);
  let writeKey: string | null = null;
  if (draft?.step === "install" && draft.projectId) {
    const project = await scope.project(draft.projectId).catch(() => null);
    if (project) writeKey = revealWriteKey(project);
    else draft = null;
  }
  const origin = requestOrigin(await headers());
  return <OnboardingWizard initial={draft} writeKey={writeKey} origin={origin} />;
}
