"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { acceptInvite } from "@/db/members";
import { sessionUserId, TEAM_COOKIE } from "@/db/guard";
import { InputError } from "@/db/errors";

export async function acceptInviteAction(token: string): Promise<{ error: "invalid" } | void> {
  const userId = await sessionUserId();
  if (!userId) redirect(`/login?next=${encodeURIComponent(`/invite/${token}`)}`);
  let teamId: string;
  try {
    ({ teamId } = await acceptInvite(await getDb(), token, userId));
  } catch (err) {
    if (err instanceof InputError) return { error: "invalid" };
    throw err;
  }
  (await cookies()).set(TEAM_COOKIE, teamId, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 365 * 24 * 3600 });
  redirect("/projects");
}
