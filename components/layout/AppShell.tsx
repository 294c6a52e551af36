import Link from "next/link";
import { Logo } from "@/components/ui/Logo";
import { LocaleSwitcher } from "@/components/i18n/LocaleSwitcher";
import { UserMenu } from "./UserMenu";
import { TeamSwitcher } from "./TeamSwitcher";
import { NavLink } from "./NavLink";
import { getI18n } from "@/server/i18n";

type Props = {
  user: { name: string; email: string };
  team: { id: string; name: string; role: string };
  teams: { id: string; name: string }[];
  children: React.ReactNode;
};

export async function AppShell({ user, team, teams, children }: Props) {
  const { t } = await getI18n();
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        {t("app.nav.skipToContent")}
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:px-6">
          <Link href="/projects" className="shrink-0 rounded-md">
            <Logo />
          </Link>
          <span className="hidden text-slate-300 sm:inline" aria-hidden>
            /
          </span>
          <TeamSwitcher current={team} teams={teams} />
          <nav aria-label={t("app.nav.mainNav")} className="ml-2 hidden items-center gap-1 md:flex">
            <NavLink href="/projects">{t("app.nav.projects")}</NavLink>
            <NavLink href="/team">{t("app.nav.team")}</NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <div className="hidden sm:block">
              <LocaleSwitcher />
            </div>
            <UserMenu name={user.name} email={user.email} />
          </div>
        </div>
        <nav aria-label={t("app.nav.mainNav")} className="flex gap-1 border-t border-slate-100 px-4 py-1.5 md:hidden">
          <NavLink href="/projects">{t("app.nav.projects")}</NavLink>
          <NavLink href="/team">{t("app.nav.team")}</NavLink>
          <div className="ml-auto">
            <LocaleSwitcher />
          </div>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
      <footer className="mx-auto max-w-7xl px-4 pb-8 text-sm text-slate-600 sm:px-6">
        <Link href="/privacy" className="underline-offset-2 hover:underline">
          {t("privacyPage.footerLink")}
        </Link>
      </footer>
    </div>
  );
}
