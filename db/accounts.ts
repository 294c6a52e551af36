import { eq, asc } from "drizzle-orm";
import type { Db } from "./client";
import { users, teams, memberships, type Role } from "./schema";
import { hashPassword } from "../lib/auth/password";
import { slugify } from "../lib/auth/validation";
import { randomToken } from "../lib/keys";
import { InputError } from "../lib/errors";

export type NewAccount = { name: string; email: string; password: string; teamName?: string };

function isUniqueViolation(err: unknown): boolean {
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
