import { and, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "./client";
import { accountTokens, sessions } from "./schema";

/** Stale sessions deleted per sign-in, so the table never grows without bound. */
const SWEEP = 20;

/** Records a new signed-in session for the user and returns its id (the session cookie names it). */
export async function createSession(db: Db, userId: string, maxAgeSeconds: number): Promise<string> {
  const stale = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(lt(sessions.expiresAt, sql`now()`))
    .limit(SWEEP);
  await db.delete(sessions).where(inArray(sessions.id, stale));
  const [row] = await db
    .insert(sessions)
    .values({ userId, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000) })
    .returning({ id: sessions.id });
  return row.id;
}

/** Whether the session exists, belongs to the user and has not expired (checked on every request). */
export async function sessionIsLive(db: Db, sessionId: string, userId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)));
  return Boolean(row);
}

/** Ends one session (log out): its cookie stops working even if it was copied. */
export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * The account links still open (password reset, e-mail change) stop working. Whenever other
 * sessions are ended (log out everywhere, a password changed or reset, an address confirmed),
 * whoever had the account meanwhile may have started one: an e-mail change to their own address
 * confirmed after the owner changed the password would hand them the account again.
 */
async function voidOpenAccountTokens(db: Db, userId: string): Promise<void> {
  await db.delete(accountTokens).where(and(eq(accountTokens.userId, userId), isNull(accountTokens.usedAt)));
}

/** Ends every session of the user (log out everywhere, password reset) and voids their open account links. */
export async function revokeAllSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
  await voidOpenAccountTokens(db, userId);
}

/**
 * Ends every session of the user except `keepSessionId` (the browser that made a change stays signed
 * in) and voids their open account links.
 */
export async function revokeOtherSessions(db: Db, userId: string, keepSessionId: string | null): Promise<void> {
  if (!keepSessionId || !/^[0-9a-f-]{36}$/i.test(keepSessionId)) return revokeAllSessions(db, userId);
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
  await voidOpenAccountTokens(db, userId);
}
