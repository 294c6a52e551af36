import { connection } from "next/server";
import { pageTeamScope } from "@/server/guard";
import { findUserById, teamsOfUser } from "@/db/accounts";
import { AppShell } from "@/components/layout/AppShell";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  await connection();
  // The frame shows for a member whose team requires two-factor sign-in too: the account page (where it is
  // set up) and the team switcher live in it; every other page and API checks the requirement itself.
  const scope = await pageTeamScope({ twoFactorGate: false });
  const [user, teams] = await Promise.all([findUserById(scope.db, scope.userId), teamsOfUser(scope.db, scope.userId)]);
  return (
    <AppShell
      user={{ name: user?.name ?? "", email: user?.email ?? "" }}
      team={{ id: scope.teamId, name: scope.teamName, role: scope.role }}
      teams={teams.map((t) => ({ id: t.id, name: t.name }))}
    >
      {children}
    </AppShell>
  );
}
