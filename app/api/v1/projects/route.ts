import { apiTeamScope } from "@/server/guard";
import { json, route } from "@/server/api-route";

/** The signed-in member's team and its projects (session only). */
export const GET = route(async () => {
  const scope = await apiTeamScope();
  const projects = await scope.projects();
  return json({
    team: { id: scope.teamId, name: scope.teamName, role: scope.role },
    projects: projects.map((p) => ({
      id: p.id,
      name: p.name,
      sector: p.sector,
      siteUrl: p.siteUrl,
      timeZone: p.timeZone,
      createdAt: p.createdAt,
    })),
  });
});
