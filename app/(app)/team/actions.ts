"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { ZodError } from "zod";
import { apiTeamScope } from "@/db/guard";
import { revokeInvite, changeRole, removeMember } from "@/db/members";
import { inviteMember } from "@/db/invite-mail";
import { config } from "@/lib/config";
import { getLocale } from "@/lib/i18n/server";
import { AccessError, InputError } from "@/db/errors";
import type { Role } from "@/db/schema";

/** `mailed`: true when e-mailed, a reason when sending failed, absent when no SMTP is configured. */
export type TeamActionResult = { ok: true; link?: string; email?: string; mailed?: true | { error: string } } | { ok: false; error: "emailInvalid" | "forbidden" | "lastOwner" | "generic" };

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
    const h = await headers();
    const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
    const proto = h.get("x-forwarded-proto") ?? (/^(localhost|127\.)/.test(host) ? "http" : "https");
    const { SMTP_URL, MAIL_FROM } = config();
    const { invite, link, delivery } = await inviteMember(
      await apiTeamScope(),
      { email, role },
      { link: (token) => `${proto}://${host}/invite/${token}`, locale: await getLocale(), mail: SMTP_URL ? { smtpUrl: SMTP_URL, from: MAIL_FROM } : null },
    );
    const mailed = delivery.status === "sent" ? true : delivery.status === "failed" ? { error: delivery.reason } : undefined;
    return { ok: true, link, email: invite.email, ...(mailed ? { mailed } : {}) };
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
