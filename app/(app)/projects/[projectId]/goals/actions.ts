"use server";

import { revalidatePath } from "next/cache";
import { apiTeamScope } from "@/db/guard";
import { createGoal, updateGoal, deleteGoal, moveGoal } from "@/db/goals";
import { AccessError, InputError } from "@/db/errors";
import type { ProjectScope } from "@/db/tenant";
import type { GoalField } from "@/lib/goals/validate";

/** `field` names the form field an input problem belongs to; `code` says why access failed. */
export type GoalActionResult = { ok: true; id?: string } | { ok: false; error: string; field?: GoalField; code?: "forbidden" | "not_found" | "unauthenticated" };

async function guarded(projectId: string, fn: (scope: ProjectScope) => Promise<string | void>): Promise<GoalActionResult> {
  try {
    // The project is re-fetched through the guard: the id from the browser only names it.
    const scope = await (await apiTeamScope()).project(projectId);
    const id = await fn(scope);
    revalidatePath(`/projects/${projectId}/goals`);
    return { ok: true, ...(id ? { id } : {}) };
  } catch (err) {
    if (err instanceof InputError) return { ok: false, error: err.message, field: err.field as GoalField | undefined };
    if (err instanceof AccessError) return { ok: false, error: err.message, code: err.code };
    throw err;
  }
}

export async function saveGoalAction(projectId: string, goalId: string | null, definition: unknown): Promise<GoalActionResult> {
  return guarded(projectId, async (scope) => (goalId ? await updateGoal(scope, goalId, definition) : await createGoal(scope, definition)).id);
}

export async function deleteGoalAction(projectId: string, goalId: string): Promise<GoalActionResult> {
  return guarded(projectId, (scope) => deleteGoal(scope, goalId));
}

export async function moveGoalAction(projectId: string, goalId: string, direction: "up" | "down"): Promise<GoalActionResult> {
  return guarded(projectId, (scope) => moveGoal(scope, goalId, direction === "up" ? "up" : "down"));
}
