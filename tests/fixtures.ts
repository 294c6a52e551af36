import { createAccount } from "../db/accounts";
import { createProject } from "../db/projects";
import { teamScopeForUser, type ProjectScope } from "../db/tenant";
import { memberships } from "../db/schema";
import { templateSetup } from "../lib/templates";
import type { Db } from "../db/client";
import type { Sector } from "../lib/sectors";

/**
 * A new owner (account and team of their own) with one project of the sector's template (its
 * funnel and goals), and the owner's scope on it: the starting point of most integration tests.
 */
export async function ownerWithProject(db: Db, email: string, opts: { name?: string; sector?: Sector } = {}) {
  const sector = opts.sector ?? "ecommerce";
  const { user } = await createAccount(db, { name: "Owner", email, password: "long enough pw" });
  const team = (await teamScopeForUser(db, user.id))!;
  const created = await createProject(team, { name: opts.name ?? "Shop", sector }, templateSetup(sector, "en"));
  return { ...created, user, team, scope: await team.project(created.project.id) };
}

/** A viewer added to the project's team, and their (read-only) scope on the project. */
export async function viewerOf(db: Db, project: ProjectScope, email: string): Promise<ProjectScope> {
  const { user } = await createAccount(db, { name: "Viewer", email, password: "long enough pw" });
  await db.insert(memberships).values({ teamId: project.teamId, userId: user.id, role: "viewer" });
  return (await teamScopeForUser(db, user.id, project.teamId))!.project(project.projectId);
}
