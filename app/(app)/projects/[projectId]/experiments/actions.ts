"use server";

import { revalidatePath } from "next/cache";
import { apiTeamScope } from "@/db/guard";
import { createExperiment, updateExperiment, deleteExperiment } from "@/db/experiments";
import { AccessError, InputError } from "@/db/errors";
import type { ProjectScope } from "@/db/tenant";
import type { ExperimentField } from "@/lib/experiments/validate";

/** `field` names the form field an input problem belongs to; `code` says why access failed. */
export type ExperimentActionResult = { ok: true; id?: string } | { ok: false; error: string; field?: ExperimentField; code?: "forbidden" | "not_found" | "unauthenticated" };

async function guarded(projectId: string, fn: (scope: ProjectScope) => Promise<string | void>): Promise<ExperimentActionResult> {
  try {
    // The project is re-fetched through the guard: the id from the browser only names it.
    const scope = await (await apiTeamScope()).project(projectId);
    const id = await fn(scope);
    revalidatePath(`/projects/${projectId}/experiments`);
    revalidatePath(`/projects/${projectId}`);
    return { ok: true, ...(id ? { id } : {}) };
  } catch (err) {
    if (err instanceof InputError) return { ok: false, error: err.message, field: err.field as ExperimentField | undefined };
    if (err instanceof AccessError) return { ok: false, error: err.message, code: err.code };
    throw err;
  }
}

export async function saveExperimentAction(projectId: string, experimentId: string | null, definition: unknown): Promise<ExperimentActionResult> {
  return guarded(projectId, async (scope) => (experimentId ? await updateExperiment(scope, experimentId, definition) : await createExperiment(scope, definition)).id);
}

export async function deleteExperimentAction(projectId: string, experimentId: string): Promise<ExperimentActionResult> {
  return guarded(projectId, (scope) => deleteExperiment(scope, experimentId));
}
