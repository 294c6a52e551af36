"use server";

import { revalidatePath } from "next/cache";
import { apiTeamScope } from "@/db/guard";
import { seedDemoData } from "@/db/demo/seed";
import { createFunnel, updateFunnel, deleteFunnel } from "@/db/funnels";
import { AccessError, InputError } from "@/db/errors";

type Result = { ok: true; id?: string } | { ok: false; message: string };

async function guarded(fn: () => Promise<Result>): Promise<Result> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AccessError || err instanceof InputError) return { ok: false, message: err.message };
    throw err;
  }
}

/** Fills an empty project with demo traffic for its sector. Admins only. */
export async function loadDemoAction(projectId: string): Promise<Result> {
  return guarded(async () => {
    await seedDemoData(await (await apiTeamScope()).project(projectId), { visitors: 5000, days: 90 });
    revalidatePath(`/projects/${projectId}`);
    return { ok: true };
  });
}

export async function saveFunnelAction(projectId: string, funnelId: string | null, definition: unknown): Promise<Result> {
  return guarded(async () => {
    const scope = await (await apiTeamScope()).project(projectId);
    const row = funnelId ? await updateFunnel(scope, funnelId, definition) : await createFunnel(scope, definition);
    revalidatePath(`/projects/${projectId}`);
    return { ok: true, id: row.id };
  });
}

export async function deleteFunnelAction(projectId: string, funnelId: string): Promise<Result> {
  return guarded(async () => {
    await deleteFunnel(await (await apiTeamScope()).project(projectId), funnelId);
    revalidatePath(`/projects/${projectId}`);
    return { ok: true };
  });
}
