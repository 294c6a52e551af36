"use server";

import { cookies, headers } from "next/headers";
import { getDb } from "@/db/client";
import { openShareLink, checkSharePassword } from "@/db/share";
import { sharePasswordProof } from "@/lib/share-cookie";
import { clientAddress } from "@/lib/auth/client-address";

/** Checks a share link's password (rate-limited) and remembers it for this browser. */
export async function unlockShareAction(token: string, password: string): Promise<{ error?: "wrong" | "limited" | "unavailable" }> {
  const db = await getDb();
  const opened = await openShareLink(db, token, { touch: false, passwordOk: true });
  if (opened.state !== "ok" || !opened.link.passwordHash) return { error: "unavailable" };
  const verdict = await checkSharePassword(db, opened.link, password, clientAddress(await headers()));
  if (verdict !== "ok") return { error: verdict };
  (await cookies()).set(`trechter_share_${opened.link.id}`, sharePasswordProof(token, opened.link.passwordHash), { httpOnly: true, sameSite: "lax", path: "/", maxAge: 30 * 86400 });
  return {};
}
