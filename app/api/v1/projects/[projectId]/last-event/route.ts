import { projectScopeFor } from "@/server/guard";
import { lastEventReceived } from "@/db/projects";
import { json, route } from "@/server/api-route";

/** The newest event a project received: the settings page's "verify installation" check. */
export const GET = route<{ params: Promise<{ projectId: string }> }>(async (_req, { params }) => {
  const { projectId } = await params;
  const scope = await projectScopeFor(projectId);
  return json({ lastEvent: await lastEventReceived(scope) });
});
