import { pageProjectScope } from "@/server/guard";
import { ProjectHeader } from "@/components/layout/ProjectHeader";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const scope = await pageProjectScope(projectId);
  return (
    <div>
      <ProjectHeader id={scope.projectId} name={scope.project.name} sector={scope.project.sector} siteUrl={scope.project.siteUrl} />
      {children}
    </div>
  );
}
