"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { signOut } from "@/auth";
import { apiTeamScope, currentTeamScope, TEAM_COOKIE } from "@/db/guard";
import { teamScopeForUser } from "@/db/tenant";

/** Switches the interface language (kept in a cookie for a year). */
export async function setLocaleAction(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  revalidatePath("/", "layout");
}

export async function logoutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** Switches the current team; only to a team the user is a member of. */
export async function switchTeamAction(teamId: string): Promise<void> {
  const scope = await apiTeamScope();
  const target = await teamScopeForUser(scope.db, scope.userId, teamId);
  if (target?.teamId !== teamId) return;
  (await cookies()).set(TEAM_COOKIE, teamId, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 365 * 24 * 3600 });
  revalidatePath("/", "layout");
}

export async function whoAmI() {
  const scope = await currentTeamScope();
  return scope ? { userId: scope.userId, teamId: scope.teamId, role: scope.role } : null;
}
