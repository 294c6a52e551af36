import Link from "next/link";
import { getI18n } from "@/server/i18n";
import type { Sector } from "@/lib/sectors";
import { Badge } from "@/components/ui/Badge";
import { NavLink } from "./NavLink";

/** The project's name and its section tabs, shown above every project page. */
export async function ProjectHeader({ id, name, sector, siteUrl }: { id: string; name: string; sector: Sector; siteUrl: string | null }) {
  const { t } = await getI18n();
  const base = `/projects/${id}`;
  return (
    <div className="mb-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/projects" className="hover:text-slate-700">
          {t("app.nav.projects")}
        </Link>
        <span aria-hidden> / </span>
      </nav>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-testid="project-name">
          {name}
        </h1>
        <Badge tone="brand">{t(`app.sectors.${sector}`)}</Badge>
        {siteUrl ? <span className="truncate text-sm text-slate-500">{siteUrl.replace(/^https?:\/\//, "")}</span> : null}
      </div>
      <nav aria-label={t("project.tabsLabel")} className="-mx-1 mt-4 flex gap-1 overflow-x-auto border-b border-slate-200 pb-2">
        <NavLink href={base} exact>
          {t("project.tabs.funnels")}
        </NavLink>
        <NavLink href={`${base}/conversions`}>{t("project.tabs.conversions")}</NavLink>
        <NavLink href={`${base}/goals`}>{t("project.tabs.goals")}</NavLink>
        <NavLink href={`${base}/experiments`}>{t("project.tabs.experiments")}</NavLink>
        <NavLink href={`${base}/spend`}>{t("project.tabs.spend")}</NavLink>
        <NavLink href={`${base}/settings`}>{t("project.tabs.settings")}</NavLink>
      </nav>
    </div>
  );
}
