import { and, asc, eq } from "drizzle-orm";
import type { ProjectScope } from "./tenant";
import { isUuid } from "./tenant";
import { goals } from "./schema";
import { notFound, InputError } from "../lib/errors";
import { goalColumns, goalDefinitionSchema, goalIssue, uniqueGoalKey, type GoalDefinition } from "../lib/goals/validate";

export type GoalRow = typeof goals.$inferSelect;

/** The project's goals: macro goals first, then micro goals, each in their saved order. */
export async function listGoals(scope: ProjectScope): Promise<GoalRow[]> {
  const rows = await scope.db
    .select()
    .from(goals)
    .where(eq(goals.projectId, scope.projectId))
    .orderBy(asc(goals.position), asc(goals.createdAt));
  return [...rows.filter((g) => g.kind === "macro"), ...rows.filter((g) => g.kind === "micro")];
}

/** A goal of this project, or 404 (also for a malformed id or another project's goal). */
export async function getGoal(scope: ProjectScope, goalId: string): Promise<GoalRow> {
  if (!isUuid(goalId)) throw notFound("Goal not found");
  const [row] = await scope.db
    .select()
    .from(goals)
    .where(and(eq(goals.projectId, scope.projectId), eq(goals.id, goalId)));
  if (!row) throw notFound("Goal not found");
  return row;
}

function parseDefinition(input: unknown): GoalDefinition {
  const issue = goalIssue(input);
  if (issue) throw new InputError(issue.message, issue.field, 400);
  return goalDefinitionSchema.parse(input);
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/** The same match written alike: keys of `where` in order, so `{a, b}` and `{b, a}` compare equal. */
function matchSignature(m: { event: string; path?: string | null; where?: Record<string, unknown> | null }): string {
  const where = Object.entries(m.where ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([m.event, m.path ?? "", where]);
}

/**
 * Refuses a goal that another goal of the project already is: the same name (case and spacing
 * aside: the reports and pickers could not tell them apart), or the same kind, event, path,
 * properties and revenue setting (it would count exactly the same conversions twice). A 409 on
 * the field to fix: `name`, or `event` for the definition.
 */
async function refuseDuplicate(scope: ProjectScope, def: GoalDefinition, exceptId?: string): Promise<void> {
  const others = (
    await scope.db
      .select({ id: goals.id, name: goals.name, kind: goals.kind, match: goals.match, revenue: goals.revenue })
      .from(goals)
      .where(eq(goals.projectId, scope.projectId))
  ).filter((g) => g.id !== exceptId);
  const name = (s: string) => s.trim().replace(/\s+/g, " ").toLocaleLowerCase();
  if (others.some((g) => name(g.name) === name(def.name))) throw new InputError("Another goal already has this name.", "name", 409);
  const same = (g: (typeof others)[number]) =>
    g.kind === def.kind && g.revenue === def.revenue && matchSignature(g.match) === matchSignature(def.match);
  if (others.some(same)) throw new InputError("Another goal already counts this event in the same way.", "event", 409);
}

/** Adds a goal after the project's others; its key is slugged from the name and unique in the project; a duplicate is refused (409). Admins only. */
export async function createGoal(scope: ProjectScope, input: unknown): Promise<GoalRow> {
  scope.require("admin");
  const def = parseDefinition(input);
  await refuseDuplicate(scope, def);
  // Two admins adding the same name at once can race for a key: the unique index catches it, and we pick again.
  for (let attempt = 0; ; attempt++) {
    const existing = await scope.db
      .select({ key: goals.key, position: goals.position })
      .from(goals)
      .where(eq(goals.projectId, scope.projectId));
    const key = uniqueGoalKey(
      def.name,
      existing.map((g) => g.key),
    );
    const position = existing.reduce((max, g) => Math.max(max, g.position + 1), 0);
    try {
      const [row] = await scope.db
        .insert(goals)
        .values({ projectId: scope.projectId, key, position, ...goalColumns(def) })
        .returning();
      return row;
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 2) throw err;
    }
  }
}

/** Replaces a goal's name, kind, match and revenue flag; its key and position stay. Admins only. */
export async function updateGoal(scope: ProjectScope, goalId: string, input: unknown): Promise<GoalRow> {
  scope.require("admin");
  await getGoal(scope, goalId);
  const def = parseDefinition(input);
  await refuseDuplicate(scope, def, goalId);
  const [row] = await scope.db
    .update(goals)
    .set(goalColumns(def))
    .where(and(eq(goals.projectId, scope.projectId), eq(goals.id, goalId)))
    .returning();
  return row;
}

/** Removes a goal. Admins only. */
export async function deleteGoal(scope: ProjectScope, goalId: string): Promise<void> {
  scope.require("admin");
  await getGoal(scope, goalId);
  await scope.db.delete(goals).where(and(eq(goals.projectId, scope.projectId), eq(goals.id, goalId)));
}

/** Moves a goal one place up or down among the goals of its kind (a no-op at either end). Admins only. */
export async function moveGoal(scope: ProjectScope, goalId: string, direction: "up" | "down"): Promise<void> {
  scope.require("admin");
  const goal = await getGoal(scope, goalId);
  const ordered = await listGoals(scope);
  const sameKind = ordered.filter((g) => g.kind === goal.kind);
  const from = sameKind.findIndex((g) => g.id === goalId);
  const to = direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= sameKind.length) return;
  [sameKind[from], sameKind[to]] = [sameKind[to], sameKind[from]];
  // Renumber the whole list so positions are distinct even where older rows tied.
  const others = ordered.filter((g) => g.kind !== goal.kind);
  const renumbered = goal.kind === "macro" ? [...sameKind, ...others] : [...others, ...sameKind];
  await scope.db.transaction(async (tx) => {
    for (const [position, g] of renumbered.entries()) {
      if (g.position !== position)
        await tx
          .update(goals)
          .set({ position })
          .where(and(eq(goals.projectId, scope.projectId), eq(goals.id, g.id)));
    }
  });
}
