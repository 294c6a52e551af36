"use server";

import { revalidatePath } from "next/cache";
import { apiTeamScope } from "@/db/guard";
import { rotateReadKey, rotateWriteKey } from "@/db/projects";
import { AccessError } from "@/db/errors";

export type RotateResult = { ok: true; key: string } | { ok: false; error: "forbidden" | "not_found" };

async function rotate(projectId: string, which: "write" | "read"): Promise<RotateResult> {
  try {
    const scope = await (await apiTeamScope()).project(projectId);
    const key = which === "write" ? await rotateWriteKey(scope) : await rotateReadKey(scope);
    revalidatePath(`/projects/${projectId}/settings`);
    return { ok: true, key };
  } catch (err) {
    if (err instanceof AccessError) return { ok: false, error: err.status === 403 ? "forbidden" : "not_found" };
    throw err;
  }
}

export async function rotateWriteKeyAction(projectId: string) {
  return rotate(projectId, "write");
}

export async function rotateReadKeyAction(projectId: string) {
  return rotate(projectId, "read");
}
