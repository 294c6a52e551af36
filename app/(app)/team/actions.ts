"use server";

import { headers } from "next/headers";
import { requestOrigin } from "@/server/origin";
import { z } from "zod";
import { action, id } from "@/server/action";
import { revokeInvite, changeRole, removeMember } from "@/db/members";
import { inviteMember } from "@/server/mail/invite-member";
import { mailOrigin, mailSettings } from "@/server/account";
import { getLocale } from "@/server/i18n";
import { ROLES } from "@/lib/roles";

/** [0] → "email", [1] → "role" for the invite form; member and invite ids otherwise. */
const teamField = (names: string[]) => (path: PropertyKey[]) => names[Number(path[0])] ?? "form";
const team = { access: "admin", revalidate: () => ["/team"] } as const;

/**
 * Invites an address into the session's team. `mailed`: true when e-mailed, a reason when sending
 * failed, absent when no SMTP is configured.
 */
export const inviteAction = action(
  { ...team, input: z.tuple([z.string().trim().max(320), z.enum(ROLES)]), field: teamField(["email", "role"]) },
  async ([email, role], { team }) => {
    const mail = mailSettings();
    // Mailed only with an origin that is not the client's Host header (mailOrigin); else shown to copy.
    const mailed = mail && (await mailOrigin());
    const origin = mailed || requestOrigin(await headers());
    const { invite, link, delivery } = await inviteMember(
      team,
      { email, role },
      { link: (token) => `${origin}/invite/${token}`, locale: await getLocale(), mail: mailed ? mail : null },
    );
    const sent = delivery.status === "sent" ? (true as const) : delivery.status === "failed" ? { error: delivery.reason } : undefined;
    return { link, email: invite.email, ...(sent ? { mailed: sent } : {}) };
  },
);

export const revokeInviteAction = action(
  { ...team, input: z.tuple([id]), field: teamField(["inviteId"]) },
  async ([inviteId], { team }) => {
    await revokeInvite(team, inviteId);
  },
);

export const changeRoleAction = action(
  { ...team, input: z.tuple([id, z.enum(ROLES)]), field: teamField(["userId", "role"]) },
  async ([userId, role], { team }) => {
    await changeRole(team, userId, role);
  },
);

/** Removes a member; any member may remove themselves (leave), admins others. */
export const removeMemberAction = action(
  { access: "viewer", revalidate: () => ["/team"], input: z.tuple([id]), field: teamField(["userId"]) },
  async ([userId], { team }) => {
    await removeMember(team, userId);
  },
);
