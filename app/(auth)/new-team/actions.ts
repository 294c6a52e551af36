"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { action, refuse } from "@/server/action";
import { getDb } from "@/db/client";
import { createTeam } from "@/db/accounts";
import { TEAM_COOKIE } from "@/server/guard";
import { isStorableText } from "@/lib/text/safe";

const teamName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => isStorableText(s));

/**
 * A team of one's own for a signed-in user who has none (an invitee removed from the team they
 * joined: they never made one). Refused (`conflict`) for anyone who is already in a team; they
 * add teams elsewhere. The team comes from nothing in the input but its name.
 */
export const createOwnTeamAction = action(
  { input: z.tuple([z.strictObject({ name: teamName })]), access: "signedIn" },
  async ([{ name }], { userId, team }) => {
    if (team) throw refuse("conflict");
    const created = await createTeam(await getDb(), userId, name);
    (await cookies()).set(TEAM_COOKIE, created.id, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 365 * 24 * 3600 });
  },
);
