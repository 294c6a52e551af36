"use server";

import { cookies, headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { openShareLink, checkSharePassword } from "@/db/share";
import { sharePasswordCookie, sharePasswordProof } from "@/lib/share-cookie";
import { clientAddress } from "@/lib/auth/client-address";
import { requestOrigin } from "@/server/origin";

// The token and password, parsed whole; a malformed call is simply "unavailable", never a 500.
const input = z.tuple([z.string().min(1).max(200), z.string().max(200)]);

/**
 * Checks a share link's password (counted per link and client address before it is checked; the
 * address comes from the app's server, not from a header the client sets) and remembers it for
 * this browser.
 */
export async function unlockShareAction(token: string, password: string): Promise<{ error?: "wrong" | "limited" | "unavailable" }> {
  const parsed = input.safeParse([token, password]);
  if (!parsed.success) return { error: "unavailable" };
  const [t, pw] = parsed.data;
  const db = await getDb();
  const opened = await openShareLink(db, t, { touch: false, passwordOk: true });
  if (opened.state !== "ok" || !opened.link.passwordHash) return { error: "unavailable" };
  const verdict = await checkSharePassword(db, opened.link, pw, clientAddress(await headers()));
  if (verdict !== "ok") return { error: verdict };
  (await cookies()).set(sharePasswordCookie(opened.link.id), sharePasswordProof(t, opened.link.passwordHash), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 30 * 86400,
    secure: requestOrigin(await headers()).startsWith("https://"),
  });
  return {};
}
