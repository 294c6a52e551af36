"use server";

import { cookies, headers } from "next/headers";
import { requestOrigin } from "@/server/origin";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { signOut } from "@/auth";
import { currentTeamScope, sessionUserId, TEAM_COOKIE } from "@/server/guard";
import { teamScopeForUser, isUuid } from "@/db/tenant";
import { getDb } from "@/db/client";
import { revokeAllSessions } from "@/db/sessions";
import { setUserLocale } from "@/db/accounts";

// These are called from forms and menus with no result to show, so they keep a void answer and
// parse their one argument themselves: anything else is ignored, never acted on.
const localeInput = z.string().max(10).refine(isLocale);
const teamIdInput = z.string().refine(isUuid);

/**
 * Switches the interface language (kept in a cookie for a year); a signed-in user's account keeps
 * it too, so their digests and alerts arrive in it.
 */
export async function setLocaleAction(locale: string): Promise<void> {
  const parsed = localeInput.safeParse(locale);
  if (!parsed.success || !isLocale(parsed.data)) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", secure: await overHttps() });
  const userId = await sessionUserId();
  if (userId) await setUserLocale(await getDb(), userId, parsed.data);
  revalidatePath("/", "layout");
}

/** Logs out this browser; its session row is deleted too (auth.ts), so a copied cookie stops working. */
export async function logoutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** Logs out every browser and device of the signed-in user, this one included. */
export async function logoutEverywhereAction(): Promise<void> {
  const userId = await sessionUserId();
  if (userId) await revokeAllSessions(await getDb(), userId);
  await signOut({ redirectTo: "/login" });
}

/** Switches the current team; only to a team the user is a member of. */
export async function switchTeamAction(teamId: string): Promise<void> {
  const parsed = teamIdInput.safeParse(teamId);
  if (!parsed.success) return;
  // Not gated by a team's two-factor requirement: switching away from such a team must stay possible.
  const scope = await currentTeamScope({ twoFactorGate: false });
  if (!scope) return;
  const target = await teamScopeForUser(scope.db, scope.userId, parsed.data);
  if (target?.teamId !== parsed.data) return;
  (await cookies()).set(TEAM_COOKIE, parsed.data, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    maxAge: 365 * 24 * 3600,
    secure: await overHttps(),
  });
  revalidatePath("/", "layout");
}

/** Cookies are Secure when the app is reached over HTTPS (APP_URL, or a trusted proxy's scheme). */
async function overHttps(): Promise<boolean> {
  return requestOrigin(await headers()).startsWith("https://");
}
