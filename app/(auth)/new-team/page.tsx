import { redirect } from "next/navigation";
import { connection } from "next/server";
import { currentTeamScope, sessionUserId } from "@/server/guard";
import { getI18n } from "@/server/i18n";
import { NewTeamForm } from "@/components/auth/NewTeamForm";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("auth.newTeam.title") };
}

/** Where a signed-in user without a team lands (see server/guard.ts pageTeamScope). */
export default async function NewTeamPage() {
  await connection();
  if (!(await sessionUserId())) redirect("/login");
  if (await currentTeamScope()) redirect("/projects");
  return <NewTeamForm />;
}
