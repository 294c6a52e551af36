"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { ZodError } from "zod";
import { apiTeamScope } from "@/db/guard";
import { createShareLink, revokeShareLink, type ShareInput } from "@/db/share";
import { AccessError } from "@/db/errors";

export type ShareResult = { ok: true; url?: string } | { ok: false; message: string };

async function guarded(fn: () => Promise<ShareResult>): Promise<ShareResult> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AccessError) return { ok: false, message: err.message };
    if (err instanceof ZodError) return { ok: false, message: err.issues[0].message };
    throw err;
  }
}

/** Creates a share link for one funnel (admins); the URL with its token is returned once. */
export async function createShareLinkAction(projectId: string, input: ShareInput): Promise<ShareResult> {
  return guarded(async () => {
    const scope = await (await apiTeamScope()).project(projectId);
    const { token } = await createShareLink(scope, input);
    const h = await headers();
    const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
    const proto = h.get("x-forwarded-proto") ?? (/^(localhost|127\.)/.test(host) ? "http" : "https");
    revalidatePath(`/projects/${projectId}`);
    return { ok: true, url: `${proto}://${host}/share/${token}` };
  });
}

export async function revokeShareLinkAction(projectId: string, linkId: string): Promise<ShareResult> {
  return guarded(async () => {
    await revokeShareLink(await (await apiTeamScope()).project(projectId), linkId);
    revalidatePath(`/projects/${projectId}`);
    return { ok: true };
  });
}
