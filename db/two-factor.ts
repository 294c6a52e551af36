import { and, eq, isNull, isNotNull, lt, or, count } from "drizzle-orm";
import type { Db } from "./client";
import type { TeamScope } from "./tenant";
import { users, teams, memberships, recoveryCodes } from "./schema";
import { encryptSecret, decryptSecret } from "../lib/keys";
import { newTotpSecret, totpMatchStep, totpUri } from "../lib/auth/totp";
import { newRecoveryCodes, normalizeRecoveryCode, hashRecoveryCode } from "../lib/auth/recovery-codes";
import { InputError } from "../lib/errors";

/** TOTP secrets are sealed with a key of their own, derived from the app secret. */
const sealKey = (appSecret: string) => `${appSecret}:totp-secret`;

/** Whether the user has two-factor sign-in on, and how many recovery codes are left. */
export async function twoFactorStatus(db: Db, userId: string): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
  const [user] = await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  const [left] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return { enabled: Boolean(user?.enabledAt), recoveryCodesLeft: Number(left?.n ?? 0) };
}

/** Starts (or restarts) setting up TOTP: a new secret, stored sealed but not yet in force. 409 when it is already on. */
export async function beginTotpSetup(db: Db, userId: string, appSecret: string): Promise<{ secret: string; uri: string }> {
  const [user] = await db.select({ email: users.email, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!user) throw new InputError("No such user.", undefined, 409);
  if (user.enabledAt) throw new InputError("Two-factor sign-in is already on.", undefined, 409);
  const secret = newTotpSecret();
  await db
    .update(users)
    .set({ totpSecret: encryptSecret(secret, sealKey(appSecret)), totpLastStep: null })
    .where(eq(users.id, userId));
  return { secret, uri: totpUri(secret, user.email) };
}

/**
 * Turns TOTP on when `code` is right for the secret being set up (proving the app has it), and
 * returns fresh recovery codes, shown once; only their hashes are kept. 400 on `code` otherwise.
 */
export async function enableTotp(db: Db, userId: string, code: string, appSecret: string, now = new Date()): Promise<string[]> {
  const [user] = await db.select({ sealed: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (user?.enabledAt) throw new InputError("Two-factor sign-in is already on.", undefined, 409);
  const secret = user?.sealed ? decryptSecret(user.sealed, sealKey(appSecret)) : null;
  if (!secret) throw new InputError("Start the set-up again.", undefined, 409);
  const step = totpMatchStep(secret, code, now.getTime());
  if (step === null) throw new InputError("That code is not right.", "code");
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: now, totpLastStep: step }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(userId, normalizeRecoveryCode(c)!) })));
  });
  return codes;
}

/** New recovery codes in place of the old ones (all old ones stop working). */
export async function replaceRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(userId, normalizeRecoveryCode(c)!) })));
  });
  return codes;
}

/** Turns two-factor sign-in off: the secret and the recovery codes are deleted. */
export async function disableTotp(db: Db, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  });
}

/**
 * The second factor at sign-in: a TOTP code (for the current step ±1, and only for a step after
 * the last one accepted, so a code works once), or an unused recovery code (then spent). The
 * step is moved forward in one conditional update, so two requests with one code cannot both pass.
 */
export async function verifySecondFactor(
  db: Db,
  userId: string,
  code: string,
  appSecret: string,
  now = new Date(),
): Promise<"totp" | "recovery" | null> {
  const [user] = await db.select({ sealed: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!user?.enabledAt || !user.sealed) return null;
  if (/^\s*\d{3}\s?\d{3}\s*$/.test(code)) {
    const secret = decryptSecret(user.sealed, sealKey(appSecret));
    const step = secret ? totpMatchStep(secret, code, now.getTime()) : null;
    if (step === null) return null;
    const moved = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), isNotNull(users.totpEnabledAt), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return moved.length ? "totp" : null;
  }
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) return null;
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(userId, normalized)), isNull(recoveryCodes.usedAt)),
    )
    .returning({ userId: recoveryCodes.userId });
  return spent.length ? "recovery" : null;
}

/** Whether the user must set up two-factor sign-in before using this team (the team requires it, they have not). */
export async function twoFactorMissing(db: Db, userId: string, teamId: string): Promise<boolean> {
  const [row] = await db
    .select({ required: teams.requireTwoFactor, enabledAt: users.totpEnabledAt })
    .from(teams)
    .innerJoin(users, eq(users.id, userId))
    .where(eq(teams.id, teamId));
  return Boolean(row?.required && !row.enabledAt);
}

/** Whether the session's team requires two-factor sign-in. */
export async function teamRequiresTwoFactor(scope: TeamScope): Promise<boolean> {
  const [row] = await scope.db.select({ required: teams.requireTwoFactor }).from(teams).where(eq(teams.id, scope.teamId));
  return Boolean(row?.required);
}

/** The owner requires (or stops requiring) two-factor sign-in for the team; requiring it needs it on for the owner first. */
export async function setTeamRequiresTwoFactor(scope: TeamScope, required: boolean): Promise<void> {
  scope.require("owner");
  if (required && !(await twoFactorStatus(scope.db, scope.userId)).enabled)
    throw new InputError("Turn on two-factor sign-in for yourself first.", undefined, 409);
  await scope.db.update(teams).set({ requireTwoFactor: required }).where(eq(teams.id, scope.teamId));
}

/** The user's teams that require two-factor sign-in (they cannot turn it off while in one). */
export async function teamsRequiringTwoFactor(db: Db, userId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .innerJoin(memberships, and(eq(memberships.teamId, teams.id), eq(memberships.userId, userId)))
    .where(eq(teams.requireTwoFactor, true))
    .orderBy(teams.name);
}
