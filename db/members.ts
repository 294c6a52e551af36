import { and, eq, isNull, gt, asc, count } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./client";
import type { TeamScope } from "./tenant";
import { memberships, users, invites, teams, ROLES, type Role } from "./schema";
import { forbidden, notFound, InputError } from "./errors";
import { randomToken, hashToken } from "../lib/keys";
import { emailSchema } from "../lib/auth/validation";

export const INVITE_DAYS = 7;

export const inviteInputSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES, "Pick a role: owner, admin or viewer."),
});

/** Members of the team with their roles, owners first. */
export async function listMembers(scope: TeamScope) {
  const rows = await scope.db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.teamId, scope.teamId))
    .orderBy(asc(memberships.createdAt));
  const rank: Record<Role, number> = { owner: 0, admin: 1, viewer: 2 };
  return rows.sort((a, b) => rank[a.role] - rank[b.role]);
}

/** Open invites (not accepted, not revoked, not expired). Admins only. */
export async function listInvites(scope: TeamScope) {
  scope.require("admin");
  return scope.db
    .select({ id: invites.id, email: invites.email, role: invites.role, expiresAt: invites.expiresAt, createdAt: invites.createdAt })
    .from(invites)
    .where(and(eq(invites.teamId, scope.teamId), isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, new Date())))
    .orderBy(asc(invites.createdAt));
}

/** Creates an invite and returns its one-time token (only its hash is stored). Admins invite admins and viewers; owners also owners. */
export async function createInvite(scope: TeamScope, input: z.input<typeof inviteInputSchema>) {
  scope.require("admin");
  const { email, role } = inviteInputSchema.parse(input);
  if (role === "owner") scope.require("owner");
  const token = randomToken(24);
  const [invite] = await scope.db
    .insert(invites)
    .values({ teamId: scope.teamId, email, role, tokenHash: hashToken(token), invitedBy: scope.userId === "operator" ? null : scope.userId, expiresAt: new Date(Date.now() + INVITE_DAYS * 86400_000) })
    .returning();
  return { invite, token };
}

export async function revokeInvite(scope: TeamScope, inviteId: string) {
  scope.require("admin");
  const done = await scope.db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(and(eq(invites.teamId, scope.teamId), eq(invites.id, inviteId), isNull(invites.acceptedAt)))
    .returning({ id: invites.id });
  if (!done.length) throw notFound("Invite not found");
}

export type InviteState = "valid" | "expired" | "used" | "revoked" | "unknown";

/** What an invite link is, for the page that opens it (no scope: the token is the credential). */
export async function inspectInvite(db: Db, token: string) {
  const [row] = await db
    .select({ invite: invites, teamName: teams.name })
    .from(invites)
    .innerJoin(teams, eq(teams.id, invites.teamId))
    .where(eq(invites.tokenHash, hashToken(token)));
  if (!row) return { state: "unknown" as InviteState };
  const { invite, teamName } = row;
  const state: InviteState = invite.revokedAt ? "revoked" : invite.acceptedAt ? "used" : invite.expiresAt <= new Date() ? "expired" : "valid";
  return { state, teamName, teamId: invite.teamId, role: invite.role, email: invite.email };
}

/** Accepts an invite for a signed-in user, once; an existing member keeps the higher of the two roles. */
export async function acceptInvite(db: Db, token: string, userId: string): Promise<{ teamId: string; role: Role }> {
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(invites)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invites.tokenHash, hashToken(token)), isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, new Date())))
      .returning();
    if (!invite) throw new InputError("This invite link is expired, already used, or revoked. Ask for a new one.", "token", 409);
    const [existing] = await tx.select().from(memberships).where(and(eq(memberships.teamId, invite.teamId), eq(memberships.userId, userId)));
    const rank: Record<Role, number> = { viewer: 1, admin: 2, owner: 3 };
    if (!existing) await tx.insert(memberships).values({ teamId: invite.teamId, userId, role: invite.role });
    else if (rank[invite.role] > rank[existing.role]) {
      await tx.update(memberships).set({ role: invite.role }).where(and(eq(memberships.teamId, invite.teamId), eq(memberships.userId, userId)));
    }
    return { teamId: invite.teamId, role: existing && rank[existing.role] >= rank[invite.role] ? existing.role : invite.role };
  });
}

async function ownerCount(scope: TeamScope): Promise<number> {
  const [row] = await scope.db.select({ n: count() }).from(memberships).where(and(eq(memberships.teamId, scope.teamId), eq(memberships.role, "owner")));
  return Number(row.n);
}

async function memberRole(scope: TeamScope, userId: string): Promise<Role> {
  const [m] = await scope.db.select().from(memberships).where(and(eq(memberships.teamId, scope.teamId), eq(memberships.userId, userId)));
  if (!m) throw notFound("Member not found");
  return m.role;
}

/** Changes a member's role. Admins manage admins and viewers; only owners touch owners; the last owner stays owner. */
export async function changeRole(scope: TeamScope, userId: string, role: Role) {
  scope.require("admin");
  if (!ROLES.includes(role)) throw new InputError("Pick a role: owner, admin or viewer.", "role");
  const current = await memberRole(scope, userId);
  if ((current === "owner" || role === "owner") && !scope.can("owner")) throw forbidden("Only owners can grant or take the owner role.");
  if (current === "owner" && role !== "owner" && (await ownerCount(scope)) <= 1) {
    throw new InputError("A team needs at least one owner. Make someone else owner first.", "role", 409);
  }
  await scope.db.update(memberships).set({ role }).where(and(eq(memberships.teamId, scope.teamId), eq(memberships.userId, userId)));
}

/** Removes a member (or lets a member leave). Only owners remove owners; the last owner cannot leave. */
export async function removeMember(scope: TeamScope, userId: string) {
  const self = userId === scope.userId;
  if (!self) scope.require("admin");
  const current = await memberRole(scope, userId);
  if (current === "owner" && !self && !scope.can("owner")) throw forbidden("Only owners can remove an owner.");
  if (current === "owner" && (await ownerCount(scope)) <= 1) {
    throw new InputError("The last owner cannot leave. Make someone else owner first, or delete the team.", "userId", 409);
  }
  await scope.db.delete(memberships).where(and(eq(memberships.teamId, scope.teamId), eq(memberships.userId, userId)));
}

/** Deletes the team and everything in it. Owners only. */
export async function deleteTeam(scope: TeamScope) {
  scope.require("owner");
  await scope.db.delete(teams).where(eq(teams.id, scope.teamId));
}
