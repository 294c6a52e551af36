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
      {/* Every tab in sight at every width: three columns of two rows on a phone (a scrolling row hid
          "Ad spend" and "Settings" with no sign they were there), one row from 640 px. */}
      <nav
        aria-label={t("project.tabsLabel")}
        data-testid="project-tabs"
        className="mt-4 grid grid-cols-3 gap-1 border-b border-slate-200 pb-2 sm:-mx-1 sm:flex sm:flex-wrap"
      >
        <NavLink href={base} exact>
          {t("project.tabs.funnels")}
        </NavLink>
        <NavLink href={`${base}/conversions`}>{t("project.tabs.conversions")}</NavLink>
        <NavLink href={`${base}/dashboards`}>{t("project.tabs.dashboards")}</NavLink>
        <NavLink href={`${base}/goals`}>{t("project.tabs.goals")}</NavLink>
        <NavLink href={`${base}/experiments`}>{t("project.tabs.experiments")}</NavLink>
        <NavLink href={`${base}/spend`}>{t("project.tabs.spend")}</NavLink>
        <NavLink href={`${base}/settings`}>{t("project.tabs.settings")}</NavLink>
      </nav>
    </div>
  );
}
