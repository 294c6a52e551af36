import { pageProjectScope } from "@/server/guard";
import { ProjectHeader } from "@/components/layout/ProjectHeader";
import { AnnotationsProvider } from "@/components/charts/AnnotationsContext";
import { listAnnotations } from "@/db/annotations";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const scope = await pageProjectScope(projectId);
  // Every trend chart of the project draws its annotations (components/charts/annotations-plugin).
  const annotations = await listAnnotations(scope);
  return (
    <div>
      <ProjectHeader id={scope.projectId} name={scope.project.name} sector={scope.project.sector} siteUrl={scope.project.siteUrl} />
      <AnnotationsProvider annotations={annotations}>{children}</AnnotationsProvider>
    </div>
  );
}
