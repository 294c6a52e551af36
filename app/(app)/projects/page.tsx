import { getI18n } from "@/server/i18n";
import { pageTeamScope } from "@/server/guard";
import { recentEventCounts } from "@/db/projects";
import { ProjectList } from "@/components/projects/ProjectList";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("app.projects.title") };
}

export default async function ProjectsPage() {
  const scope = await pageTeamScope();
  const [projects, counts] = await Promise.all([scope.projects(), recentEventCounts(scope)]);
  return (
    <ProjectList
      canCreate={scope.can("admin")}
      projects={projects.map((p) => ({
        id: p.id,
        name: p.name,
        sector: p.sector,
        siteUrl: p.siteUrl,
        createdAt: p.createdAt.toISOString(),
        events: counts.get(p.id) ?? 0,
      }))}
    />
  );
}
