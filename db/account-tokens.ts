import { and, eq, gt, isNull, lt, or, isNotNull } from "drizzle-orm";
import type { Db } from "./client";
import { accountTokens, users } from "./schema";
import { hashPassword } from "../lib/auth/password";
import { randomToken, hashToken } from "../lib/keys";
import { InputError } from "../lib/errors";
import { revokeAllSessions, revokeOtherSessions } from "./sessions";
import { isUniqueViolation } from "./accounts";

/** A reset or confirmation link works for one hour, once. */
export const ACCOUNT_TOKEN_SECONDS = 3600;

type Purpose = (typeof accountTokens.$inferSelect)["purpose"];

/** A new one-time token for the user; earlier open ones of the same purpose stop working, and old used or expired rows go. */
async function issueToken(db: Db, userId: string, purpose: Purpose, now: Date, newEmail: string | null = null): Promise<string> {
  const token = randomToken(32);
  await db.transaction(async (tx) => {
    await tx
      .delete(accountTokens)
      .where(
        and(
          eq(accountTokens.userId, userId),
          or(eq(accountTokens.purpose, purpose), isNotNull(accountTokens.usedAt), lt(accountTokens.expiresAt, now)),
        ),
      );
    await tx.insert(accountTokens).values({
      userId,
      purpose,
      tokenHash: hashToken(token),
      newEmail,
      expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_SECONDS * 1000),
    });
  });
  return token;
}

/** The open token's row, when it exists, is of this purpose, unused and not expired at `now`. */
async function openToken(db: Db, token: string, purpose: Purpose, now: Date) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({
      id: accountTokens.id,
      userId: accountTokens.userId,
      newEmail: accountTokens.newEmail,
      email: users.email,
      locale: users.locale,
    })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    );
  return row ?? null;
}

/** Marks an open token used, in the caller's transaction; false when it was not open (used, expired, or another request won). */
async function spend(tx: Db, tokenId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.id, tokenId), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
    .returning({ id: accountTokens.id });
  return rows.length === 1;
}

/** A password-reset token for the account with this address, or null when there is none (the caller answers the same either way). */
export async function createPasswordReset(db: Db, email: string, now = new Date()) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  if (!user) return null;
  return { user, token: await issueToken(db, user.id, "password_reset", now) };
}

/** Whose reset link this is, while it still works. */
export async function passwordResetOf(db: Db, token: string, now = new Date()) {
  const row = await openToken(db, token, "password_reset", now);
  return row ? { userId: row.userId, email: row.email } : null;
}

/**
 * Sets the new password with a reset token, once: the token is spent, every session of the user
 * ends (whoever knew the old password is out) and other open reset links, and a pending e-mail
 * change, stop working. Null when
 * the link is unknown, used or expired.
 */
export async function redeemPasswordReset(
  db: Db,
  token: string,
  password: string,
  now = new Date(),
): Promise<{ userId: string; email: string } | null> {
  const row = await openToken(db, token, "password_reset", now);
  if (!row) return null;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (!(await spend(tx as unknown as Db, row.id, now))) return null;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId));
    // Also voids the other open reset links and any pending e-mail change.
    await revokeAllSessions(tx as unknown as Db, row.userId);
    return { userId: row.userId, email: row.email };
  });
}

/** A confirmation token for moving the user to `newEmail` (409 on `email` when another account has it). */
export async function createEmailChange(db: Db, userId: string, newEmail: string, now = new Date()): Promise<string> {
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, newEmail));
  if (taken) throw new InputError("Another account uses this e-mail address.", "newEmail", 409);
  return issueToken(db, userId, "email_change", now, newEmail);
}

/** The pending change a confirmation link names, while it still works. */
export async function emailChangeOf(db: Db, token: string, now = new Date()) {
  const row = await openToken(db, token, "email_change", now);
  return row?.newEmail ? { userId: row.userId, oldEmail: row.email, newEmail: row.newEmail } : null;
}

/**
 * Moves the account to the confirmed address, once, and signs out every other session (all of
 * them unless `keepSessionId` is a session of this user). Null when the link does not work; 409 when
 * the address was taken meanwhile.
 */
export async function confirmEmailChange(db: Db, token: string, keepSessionId: string | null, now = new Date()) {
  const row = await openToken(db, token, "email_change", now);
  if (!row?.newEmail) return null;
  const newEmail = row.newEmail;
  try {
    return await db.transaction(async (tx) => {
      if (!(await spend(tx as unknown as Db, row.id, now))) return null;
      await tx.update(users).set({ email: newEmail }).where(eq(users.id, row.userId));
      await revokeOtherSessions(tx as unknown as Db, row.userId, keepSessionId);
      return { userId: row.userId, oldEmail: row.email, newEmail };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new InputError("Another account uses this e-mail address.", "email", 409);
    throw err;
  }
}
