"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { acceptInvite } from "@/db/members";
import { TEAM_COOKIE } from "@/server/guard";
import { action } from "@/server/action";

/**
 * Accepts the invite for the signed-in user. Refusals: `conflict` when the link is expired, used
 * or revoked; `forbidden` when it was sent to another e-mail address than the user's.
 */
export const acceptInviteAction = action(
  { input: z.tuple([z.string().min(1).max(200)]), access: "signedIn" },
  async ([token], { userId }) => {
    const { teamId } = await acceptInvite(await getDb(), token, userId);
    (await cookies()).set(TEAM_COOKIE, teamId, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 365 * 24 * 3600 });
    redirect("/projects");
  },
);
