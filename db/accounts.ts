import { and, eq, asc, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "./client";
import { users, teams, memberships, projects, invites, type Role } from "./schema";
import { deleteProjectEvents } from "./events/delete";
import { queryLimits } from "./limits";
import { hashPassword, verifyPassword } from "../lib/auth/password";
import { hitRateLimit, clearRateLimit } from "./rate-limit";
import { revokeOtherSessions } from "./sessions";
import { forgetWriteKeys } from "./write-key-cache";
import { slugify } from "../lib/auth/validation";
import { randomToken } from "../lib/keys";
import { InputError } from "../lib/errors";
import type { Locale } from "../lib/i18n/locales";

export type NewAccount = { name: string; email: string; password: string; teamName?: string };

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

async function uniqueSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await db.select({ slug: teams.slug }).from(teams).where(eq(teams.slug, base));
  return taken.length ? `${base}-${randomToken(16).slice(0, 6).toLowerCase()}` : base;
}

/** Creates a user, a team for them, and their owner membership, all or nothing. */
export async function createAccount(db: Db, input: NewAccount) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const teamName = input.teamName?.trim() || `${input.name.trim()}'s team`;
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ email, name: input.name.trim(), passwordHash }).returning();
      const [team] = await tx
        .insert(teams)
        .values({ name: teamName, slug: await uniqueSlug(tx as unknown as Db, teamName) })
        .returning();
      await tx.insert(memberships).values({ teamId: team.id, userId: user.id, role: "owner" });
      return { user, team };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new InputError("An account with this email address already exists.", "email", 409);
    throw err;
  }
}

/** Creates a team with `userId` as owner (a user may belong to several). */
export async function createTeam(db: Db, userId: string, name: string) {
  return db.transaction(async (tx) => {
    const [team] = await tx
      .insert(teams)
      .values({ name, slug: await uniqueSlug(tx as unknown as Db, name) })
      .returning();
    await tx.insert(memberships).values({ teamId: team.id, userId, role: "owner" });
    return team;
  });
}

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user ?? null;
}

export async function findUserById(db: Db, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user ?? null;
}

/** The language a user reads the app in, kept for the mail sent to them (digests, alerts) where no browser says it. */
export async function setUserLocale(db: Db, userId: string, locale: Locale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/** The teams a user belongs to, oldest membership first, with the user's role in each. */
export async function teamsOfUser(db: Db, userId: string): Promise<{ id: string; name: string; slug: string; role: Role }[]> {
  return db
    .select({ id: teams.id, name: teams.name, slug: teams.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(teams.name));
}

export async function findTeam(db: Db, idOrSlug: string) {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrSlug);
  const [team] = await db
    .select()
    .from(teams)
    .where(isUuid ? eq(teams.id, idOrSlug) : eq(teams.slug, idOrSlug));
  return team ?? null;
}

/** Tries at one's own current password (account page) per user per window, before it is checked. */
export const PASSWORD_CHECK_LIMIT = { tries: 5, windowSeconds: 15 * 60 } as const;

/**
 * Checks the signed-in user's current password, counted against a per-user limit first, so a
 * stolen session cannot be used to guess it. A right password clears the count.
 */
export async function checkOwnPassword(db: Db, userId: string, password: string): Promise<"ok" | "wrong" | "limited"> {
  const key = `account:password:${userId}`;
  if ((await hitRateLimit(db, key, PASSWORD_CHECK_LIMIT.tries, PASSWORD_CHECK_LIMIT.windowSeconds)).limited) return "limited";
  const user = await findUserById(db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) return "wrong";
  await clearRateLimit(db, key);
  return "ok";
}

/** Sets a new password and ends every other session of the user (all of them when `keepSessionId` is null). */
export async function setPassword(db: Db, userId: string, password: string, keepSessionId: string | null): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await revokeOtherSessions(tx as unknown as Db, userId, keepSessionId);
  });
}

export type TeamBlockingDeletion = { id: string; name: string; otherMembers: number };

/** The teams the user is the only owner of while others are members: the account cannot go before they have another owner. */
export async function teamsBlockingDeletion(db: Db, userId: string): Promise<TeamBlockingDeletion[]> {
  const rows = await db
    .select({
      id: teams.id,
      name: teams.name,
      owners: sql<number>`count(*) filter (where ${memberships.role} = 'owner')`.mapWith(Number),
      members: sql<number>`count(*)`.mapWith(Number),
    })
    .from(teams)
    .innerJoin(memberships, eq(memberships.teamId, teams.id))
    .where(
      inArray(
        teams.id,
        db
          .select({ id: memberships.teamId })
          .from(memberships)
          .where(and(eq(memberships.userId, userId), eq(memberships.role, "owner"))),
      ),
    )
    .groupBy(teams.id, teams.name)
    .orderBy(asc(teams.name));
  return rows.filter((r) => r.owners === 1 && r.members > 1).map((r) => ({ id: r.id, name: r.name, otherMembers: r.members - 1 }));
}

/**
 * Deletes the user: refused (with the teams in the way) while they are the last owner of a team
 * that has other members; the teams they are the only member of go with all their projects and
 * data; memberships elsewhere, sessions and tokens go with the user.
 */
export async function deleteAccount(
  db: Db,
  userId: string,
): Promise<{ deleted: true; teams: string[] } | { deleted: false; blockers: TeamBlockingDeletion[] }> {
  const result = await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // Lock the user's membership rows' teams, so nobody joins a team between the check and its deletion.
    const mine = await t.select({ teamId: memberships.teamId }).from(memberships).where(eq(memberships.userId, userId));
    const teamIds = mine.map((m) => m.teamId);
    if (teamIds.length) await t.select({ id: teams.id }).from(teams).where(inArray(teams.id, teamIds)).for("update");
    const blockers = await teamsBlockingDeletion(t, userId);
    if (blockers.length) return { deleted: false as const, blockers };
    const shared = teamIds.length
      ? await t
          .selectDistinct({ teamId: memberships.teamId })
          .from(memberships)
          .where(and(inArray(memberships.teamId, teamIds), ne(memberships.userId, userId)))
      : [];
    const alone = teamIds.filter((id) => !shared.some((s) => s.teamId === id));
    if (alone.length) {
      // Projects go with their teams by foreign key, all but their events (db/events/delete.ts).
      const gone = await t.select({ id: projects.id }).from(projects).where(inArray(projects.teamId, alone));
      // Deleting their events can be long: under the limit of a project's deletion, as deleteProject is.
      await t.execute(sql`select set_config('statement_timeout', ${String(queryLimits.projectDeleteMs)}, true)`);
      await deleteProjectEvents(
        t,
        gone.map((p) => p.id),
      );
      await t.delete(teams).where(inArray(teams.id, alone));
    }
    // Their open invites go with them (invited_by would only be set to null, the invites still open).
    await t
      .update(invites)
      .set({ revokedAt: new Date() })
      .where(and(eq(invites.invitedBy, userId), isNull(invites.acceptedAt), isNull(invites.revokedAt)));
    await t.delete(users).where(eq(users.id, userId));
    return { deleted: true as const, teams: alone };
  });
  // Their projects went with the teams: their write keys are refused at once.
  if (result.deleted && result.teams.length) forgetWriteKeys();
  return result;
}

/** The teams the user is the only member of: deleting the account deletes them, with their projects. */
export async function soleMemberTeams(db: Db, userId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .select({ id: teams.id, name: teams.name, members: sql<number>`count(*)`.mapWith(Number) })
    .from(teams)
    .innerJoin(memberships, eq(memberships.teamId, teams.id))
    .where(inArray(teams.id, db.select({ id: memberships.teamId }).from(memberships).where(eq(memberships.userId, userId))))
    .groupBy(teams.id, teams.name)
    .orderBy(asc(teams.name));
  return rows.filter((r) => r.members === 1).map(({ id, name }) => ({ id, name }));
}
