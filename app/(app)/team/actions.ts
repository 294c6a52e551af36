"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { ZodError } from "zod";
import { apiTeamScope } from "@/db/guard";
import { createInvite, revokeInvite, changeRole, removeMember } from "@/db/members";
import { AccessError, InputError } from "@/db/errors";
import type { Role } from "@/db/schema";

export type TeamActionResult = { ok: true; link?: string; email?: string } | { ok: false; error: "emailInvalid" | "forbidden" | "lastOwner" | "generic" };

async function run(fn: () => Promise<TeamActionResult>): Promise<TeamActionResult> {
  try {
    const result = await fn();
    revalidatePath("/team");
    return result;
  } catch (err) {
    if (err instanceof ZodError) return { ok: false, error: "emailInvalid" };
    if (err instanceof AccessError) return { ok: false, error: "forbidden" };
    if (err instanceof InputError && err.status === 409) return { ok: false, error: "lastOwner" };
    if (err instanceof InputError) return { ok: false, error: "generic" };
    throw err;
  }
}

export async function inviteAction(email: string, role: Role): Promise<TeamActionResult> {
  return run(async () => {
    const { token, invite } = await createInvite(await apiTeamScope(), { email, role });
    const h = await headers();
    const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
    const proto = h.get("x-forwarded-proto") ?? (/^(localhost|127\.)/.test(host) ? "http" : "https");
    return { ok: true, link: `${proto}://${host}/invite/${token}`, email: invite.email };
  });
}

export async function revokeInviteAction(inviteId: string) {
  return run(async () => (await revokeInvite(await apiTeamScope(), inviteId), { ok: true }));
}

export async function changeRoleAction(userId: string, role: Role) {
  return run(async () => (await changeRole(await apiTeamScope(), userId, role), { ok: true }));
}

export async function removeMemberAction(userId: string) {
  return run(async () => (await removeMember(await apiTeamScope(), userId), { ok: true }));
}
