import { redirect } from "next/navigation";
import { pageTeamScope, TWO_FACTOR_SETUP_PATH } from "@/server/guard";
import { mailSettings } from "@/server/account";
import { getI18n } from "@/server/i18n";
import { findUserById, soleMemberTeams, teamsBlockingDeletion } from "@/db/accounts";
import { twoFactorStatus, teamsRequiringTwoFactor } from "@/db/two-factor";
import { AccountPage } from "@/components/account/AccountPage";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("account.title") };
}

/** The signed-in user's own account. Not gated by a team's two-factor requirement: this is where it is set up. */
export default async function Account({ searchParams }: { searchParams: Promise<{ required?: string | string[] }> }) {
  const scope = await pageTeamScope({ twoFactorGate: false });
  const { db, userId } = scope;
  const [user, status, requiredBy, blockers, alone] = await Promise.all([
    findUserById(db, userId),
    twoFactorStatus(db, userId),
    teamsRequiringTwoFactor(db, userId),
    teamsBlockingDeletion(db, userId),
    soleMemberTeams(db, userId),
  ]);
  if (!user) redirect("/login");
  const { required } = await searchParams;
  // The banner names the current team when it is the one that sent the user here.
  const gatedBy = required === TWO_FACTOR_SETUP_PATH.split("=")[1] && !status.enabled && requiredBy.some((t) => t.id === scope.teamId);
  return (
    <AccountPage
      email={user.email}
      mailOn={mailSettings() !== null}
      twoFactor={{ ...status, requiredBy: requiredBy.map((t) => t.name) }}
      requiredNotice={gatedBy ? scope.teamName : null}
      blockers={blockers}
      aloneTeams={alone.map((t) => t.name)}
    />
  );
}
