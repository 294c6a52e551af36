import { notFound } from "next/navigation";
import { pageTeamScope } from "@/server/guard";
import { AccessError } from "@/lib/errors";
import { ProjectHeader } from "@/components/layout/ProjectHeader";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const team = await pageTeamScope();
  const scope = await team.project(projectId).catch((err) => {
    if (err instanceof AccessError) notFound();
    throw err;
  });
  return (
    <div>
      <ProjectHeader id={scope.projectId} name={scope.project.name} sector={scope.project.sector} siteUrl={scope.project.siteUrl} />
      {children}
    </div>
  );
}
