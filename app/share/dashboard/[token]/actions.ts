"use server";

import { cookies, headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { openDashboardShare } from "@/db/dashboards-share";
import { checkSharePassword } from "@/db/share";
import { sharePasswordProof } from "@/lib/share-cookie";
import { dashboardShareCookie } from "@/lib/dashboards/types";
import { clientAddress } from "@/lib/auth/client-address";
import { requestOrigin } from "@/server/origin";

const input = z.tuple([z.string().min(1).max(200), z.string().max(200)]);

/**
 * Checks a dashboard share link's password (counted per link and client address before it is
 * checked) and remembers it for this browser, as a report's link does (app/share/[token]/actions.ts).
 */
export async function unlockDashboardShareAction(
  token: string,
  password: string,
): Promise<{ error?: "wrong" | "limited" | "unavailable" }> {
  const parsed = input.safeParse([token, password]);
  if (!parsed.success) return { error: "unavailable" };
  const [t, pw] = parsed.data;
  const db = await getDb();
  const opened = await openDashboardShare(db, t, { passwordOk: true });
  if (opened.state !== "ok" || !opened.link.passwordHash) return { error: "unavailable" };
  const verdict = await checkSharePassword(db, opened.link, pw, clientAddress(await headers()), "dashboard-share");
  if (verdict !== "ok") return { error: verdict };
  (await cookies()).set(dashboardShareCookie(opened.link.id), sharePasswordProof(t, opened.link.passwordHash), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 30 * 86400,
    secure: requestOrigin(await headers()).startsWith("https://"),
  });
  return {};
}
