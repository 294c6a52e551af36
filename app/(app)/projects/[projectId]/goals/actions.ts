"use server";

import { z } from "zod";
import { action, id } from "@/server/action";
import { createGoal, updateGoal, deleteGoal, moveGoal } from "@/db/goals";
import { goalDefinitionSchema } from "@/lib/goals/validate";

/** [2, "match", "path"] → "path": the form field a problem with the definition belongs to. */
function goalField(path: PropertyKey[]): string {
  const [arg, top, sub] = path.map(String);
  if (arg !== "2") return arg === "0" ? "projectId" : "goalId";
  if (top === "match") return sub === "path" || sub === "where" ? sub : sub === undefined || sub === "event" ? "event" : `match.${sub}`;
  return top ?? "form";
}

const inProject = {
  access: "admin",
  project: ([projectId]: [string, ...unknown[]]) => projectId,
  revalidate: ([projectId]: [string, ...unknown[]]) => [`/projects/${projectId}/goals`],
  field: goalField,
} as const;

/** Adds a goal (goalId null) or replaces one of the project's goals. Admins only. */
export const saveGoalAction = action(
  { ...inProject, input: z.tuple([id, id.nullable(), goalDefinitionSchema]) },
  async ([, goalId, definition], { project }) => ({
    id: (goalId ? await updateGoal(project, goalId, definition) : await createGoal(project, definition)).id,
  }),
);

export const deleteGoalAction = action({ ...inProject, input: z.tuple([id, id]) }, async ([, goalId], { project }) => {
  await deleteGoal(project, goalId);
});

export const moveGoalAction = action(
  { ...inProject, input: z.tuple([id, id, z.enum(["up", "down"])]) },
  async ([, goalId, direction], { project }) => {
    await moveGoal(project, goalId, direction);
  },
);
