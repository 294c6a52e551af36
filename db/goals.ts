import { asc, eq } from "drizzle-orm";
import type { ProjectScope } from "./tenant";
import { goals } from "./schema";

export type GoalRow = typeof goals.$inferSelect;

/** The project's goals: macro goals first, then micro goals, each in their saved order. */
export async function listGoals(scope: ProjectScope): Promise<GoalRow[]> {
  const rows = await scope.db.select().from(goals).where(eq(goals.projectId, scope.projectId)).orderBy(asc(goals.position), asc(goals.createdAt));
  return [...rows.filter((g) => g.kind === "macro"), ...rows.filter((g) => g.kind === "micro")];
}
