import { and, eq, isNull, gt, asc, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./client";
import { isUuid, type TeamScope } from "./tenant";
import { memberships, users, invites, teams } from "./schema";
import { ROLES, ROLE_RANK, atLeast, type Role } from "../lib/roles";
import { AccessError, forbidden, notFound, InputError } from "../lib/errors";
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
    .values({
      teamId: scope.teamId,
      email,
      role,
      tokenHash: hashToken(token),
      invitedBy: scope.userId === "operator" ? null : scope.userId,
      expiresAt: new Date(Date.now() + INVITE_DAYS * 86400_000),
    })
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
  const state: InviteState = invite.revokedAt
    ? "revoked"
    : invite.acceptedAt
      ? "used"
      : invite.expiresAt <= new Date()
        ? "expired"
        : "valid";
  return { state, teamName, teamId: invite.teamId, role: invite.role, email: invite.email };
}

/** Refusal when the signed-in user's e-mail is not the address the invite was sent to. */
export class InviteForAnotherAddress extends AccessError {
  constructor() {
    super(403, "forbidden", "This invite was sent to another e-mail address. Log in with that address to accept it.");
  }
}

/**
 * Accepts an invite for a signed-in user, once, and only when the user's e-mail is the invite's
 * (case-insensitive): a forwarded or leaked link does not let another account in. An existing
 * member keeps the higher of the two roles.
 */
export async function acceptInvite(db: Db, token: string, userId: string): Promise<{ teamId: string; role: Role }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    const open = and(
      eq(invites.tokenHash, hashToken(token)),
      isNull(invites.acceptedAt),
      isNull(invites.revokedAt),
      gt(invites.expiresAt, new Date()),
    );
    const [candidate] = await tx.select({ email: invites.email }).from(invites).where(open).for("update");
    if (!candidate) throw new InputError("This invite link is expired, already used, or revoked. Ask for a new one.", "token", 409);
    if (!user || user.email.trim().toLowerCase() !== candidate.email.trim().toLowerCase()) throw new InviteForAnotherAddress();
    const [invite] = await tx.update(invites).set({ acceptedAt: new Date() }).where(open).returning();
    if (!invite) throw new InputError("This invite link is expired, already used, or revoked. Ask for a new one.", "token", 409);
    const [existing] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.teamId, invite.teamId), eq(memberships.userId, userId)));
    if (!existing) await tx.insert(memberships).values({ teamId: invite.teamId, userId, role: invite.role });
    else if (ROLE_RANK[invite.role] > ROLE_RANK[existing.role]) {
      await tx
        .update(memberships)
        .set({ role: invite.role })
        .where(and(eq(memberships.teamId, invite.teamId), eq(memberships.userId, userId)));
    }
    return { teamId: invite.teamId, role: existing && atLeast(existing.role, invite.role) ? existing.role : invite.role };
  });
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Runs an owner-sensitive change with the team's owner rows locked (select … for update), so two
 * owners demoting or removing each other at once run one after the other and the second sees the
 * first's result. The acting member's role and the target's are read again under the lock: the
 * scope's role was read before the lock and may be stale.
 */
async function withOwnersLocked<T>(
  scope: TeamScope,
  targetUserId: string,
  fn: (tx: Tx, roles: { actor: Role | null; target: Role; owners: number }) => Promise<T>,
): Promise<T> {
  return scope.db.transaction(async (tx) => {
    const owners = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.teamId, scope.teamId), eq(memberships.role, "owner")))
      .orderBy(asc(memberships.userId))
      .for("update");
    const rows = await tx
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(
        and(
          eq(memberships.teamId, scope.teamId),
          inArray(memberships.userId, [targetUserId, ...(isUuid(scope.userId) ? [scope.userId] : [])]),
        ),
      )
      .for("update");
    const target = rows.find((r) => r.userId === targetUserId);
    if (!target) throw notFound("Member not found");
    // The operator (CLI) acts as owner without a membership.
    const actor = scope.userId === "operator" ? "owner" : (rows.find((r) => r.userId === scope.userId)?.role ?? null);
    return fn(tx, { actor, target: target.role, owners: owners.length });
  });
}

/**
 * Revokes the open invites a member made that their role no longer lets them make (`role` null: they
 * left the team): a removed or demoted admin's invite would otherwise let them back in, as admin,
 * through another address. Admins invite admins and viewers, owners also owners, viewers nobody.
 */
async function revokeInvitesBeyond(tx: Tx | Db, teamId: string, userId: string, role: Role | null): Promise<void> {
  if (role === "owner") return;
  await tx
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invites.teamId, teamId),
        eq(invites.invitedBy, userId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        ...(role === "admin" ? [eq(invites.role, "owner")] : []),
      ),
    );
}

/** Changes a member's role. Admins manage admins and viewers; only owners touch owners; the last owner stays owner. */
export async function changeRole(scope: TeamScope, userId: string, role: Role) {
  scope.require("admin");
  if (!ROLES.includes(role)) throw new InputError("Pick a role: owner, admin or viewer.", "role");
  if (!isUuid(userId)) throw notFound("Member not found");
  await withOwnersLocked(scope, userId, async (tx, { actor, target, owners }) => {
    if (!atLeast(actor, "admin")) throw forbidden();
    if ((target === "owner" || role === "owner") && !atLeast(actor, "owner"))
      throw forbidden("Only owners can grant or take the owner role.");
    if (target === "owner" && role !== "owner" && owners <= 1) {
      throw new InputError("A team needs at least one owner. Make someone else owner first.", "role", 409);
    }
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.teamId, scope.teamId), eq(memberships.userId, userId)));
    await revokeInvitesBeyond(tx, scope.teamId, userId, role);
  });
}

/** Removes a member (or lets a member leave). Only owners remove owners; the last owner cannot leave. */
export async function removeMember(scope: TeamScope, userId: string) {
  const self = userId === scope.userId;
  if (!self) scope.require("admin");
  if (!isUuid(userId)) throw notFound("Member not found");
  await withOwnersLocked(scope, userId, async (tx, { actor, target, owners }) => {
    if (!self && !atLeast(actor, "admin")) throw forbidden();
    if (target === "owner" && !self && !atLeast(actor, "owner")) throw forbidden("Only owners can remove an owner.");
    if (target === "owner" && owners <= 1) {
      throw new InputError("The last owner cannot leave. Make someone else owner first.", "userId", 409);
    }
    await tx.delete(memberships).where(and(eq(memberships.teamId, scope.teamId), eq(memberships.userId, userId)));
    await revokeInvitesBeyond(tx, scope.teamId, userId, null);
  });
}
