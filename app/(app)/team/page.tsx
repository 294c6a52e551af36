import { pageTeamScope } from "@/server/guard";
import { listMembers, listInvites } from "@/db/members";
import { getI18n } from "@/server/i18n";
import { PageHeader } from "@/components/ui/Card";
import { TeamMembers } from "@/components/team/TeamMembers";
import { InviteForm } from "@/components/team/InviteForm";
import { TeamTwoFactorCard } from "@/components/account/TeamTwoFactorCard";
import { teamRequiresTwoFactor } from "@/db/two-factor";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("team.title") };
}

export default async function TeamPage() {
  const scope = await pageTeamScope();
  const { t } = await getI18n();
  const members = await listMembers(scope);
  const invites = scope.can("admin") ? await listInvites(scope) : [];
  const requiresTwoFactor = scope.can("owner") ? await teamRequiresTwoFactor(scope) : false;
  return (
    <div>
      <PageHeader title={t("team.title")} description={t("team.subtitle", { team: scope.teamName })} />
      {!scope.can("admin") ? (
        <p
          data-testid="viewer-notice"
          className="mb-6 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-800 ring-1 ring-inset ring-amber-200"
        >
          {t("team.viewerNotice")}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <TeamMembers
            me={scope.userId}
            myRole={scope.role}
            members={members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }))}
            invites={invites.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() }))}
          />
        </div>
        <div className="space-y-6">
          {scope.can("admin") ? <InviteForm canInviteOwner={scope.can("owner")} /> : null}
          {scope.can("owner") ? <TeamTwoFactorCard team={scope.teamName} required={requiresTwoFactor} /> : null}
          <p className="text-sm text-slate-500">{t("team.rolesHelp")}</p>
        </div>
      </div>
    </div>
  );
}
