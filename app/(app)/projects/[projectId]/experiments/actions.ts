"use server";

import { z } from "zod";
import { action, id } from "@/server/action";
import { createExperiment, updateExperiment, deleteExperiment } from "@/db/experiments";
import { experimentDefinitionSchema } from "@/lib/experiments/validate";

/** [2, "goalId"] → "target": the form field (an ExperimentField) a problem with the definition belongs to. */
function experimentField(path: PropertyKey[]): string {
  const [arg, top] = path.map(String);
  if (arg !== "2") return arg === "0" ? "projectId" : "experimentId";
  if (top === "goalId" || top === "funnelId") return "target";
  return top ?? "form";
}

const inProject = {
  access: "admin",
  project: ([projectId]: [string, ...unknown[]]) => projectId,
  revalidate: ([projectId]: [string, ...unknown[]]) => [`/projects/${projectId}/experiments`, `/projects/${projectId}`],
  field: experimentField,
} as const;

/** Adds an experiment (experimentId null) or replaces one of the project's. Admins only. */
export const saveExperimentAction = action(
  { ...inProject, input: z.tuple([id, id.nullable(), experimentDefinitionSchema]) },
  async ([, experimentId, definition], { project }) => ({
    id: (experimentId ? await updateExperiment(project, experimentId, definition) : await createExperiment(project, definition)).id,
  }),
);

export const deleteExperimentAction = action({ ...inProject, input: z.tuple([id, id]) }, async ([, experimentId], { project }) => {
  await deleteExperiment(project, experimentId);
});
