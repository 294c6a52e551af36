import { connection } from "next/server";
import { pageTeamScope } from "@/server/guard";
import { findUserById, teamsOfUser } from "@/db/accounts";
import { AppShell } from "@/components/layout/AppShell";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const scope = await pageTeamScope();
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
