import { it, expect, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import { describeEachDb } from "../tests/db";
import { createAccount, deleteAccount } from "./accounts";
import { teamScopeForUser, type TeamScope } from "./tenant";
import {
  createInvite,
  acceptInvite,
  inspectInvite,
  changeRole,
  removeMember,
  listMembers,
  listInvites,
  revokeInvite,
  InviteForAnotherAddress,
} from "./members";
import { invites } from "./schema";
import { AccessError, InputError } from "../lib/errors";

describeEachDb("team members and invites", (db) => {
  let owner: TeamScope;
  let outsiderScope: TeamScope;
  let viewerId: string;
  let adminId: string;

  const scopeOf = async (userId: string, teamId?: string) => (await teamScopeForUser(db(), userId, teamId))!;

  beforeAll(async () => {
    const o = await createAccount(db(), { name: "Olga", email: "olga@team.nl", password: "long enough pw" });
    owner = await scopeOf(o.user.id);
    const v = await createAccount(db(), { name: "Victor", email: "victor@team.nl", password: "long enough pw" });
    viewerId = v.user.id;
    const a = await createAccount(db(), { name: "Ada", email: "ada@team.nl", password: "long enough pw" });
    adminId = a.user.id;
    const x = await createAccount(db(), { name: "Xander", email: "x@other.nl", password: "long enough pw" });
    outsiderScope = await scopeOf(x.user.id);
  });

  it("an invite works once, for the invited role, and joins the user to the team", async () => {
    const { token } = await createInvite(owner, { email: "victor@team.nl", role: "viewer" });
    expect((await inspectInvite(db(), token)).state).toBe("valid");
    const joined = await acceptInvite(db(), token, viewerId);
    expect(joined).toEqual({ teamId: owner.teamId, role: "viewer" });
    expect((await inspectInvite(db(), token)).state).toBe("used");
    await expect(acceptInvite(db(), token, adminId)).rejects.toBeInstanceOf(InputError);
    const viewer = await scopeOf(viewerId, owner.teamId);
    expect(viewer.role).toBe("viewer");
  });

  it("an expired or revoked invite is refused", async () => {
    const expired = await createInvite(owner, { email: "late@team.nl", role: "admin" });
    await db()
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.id, expired.invite.id));
    expect((await inspectInvite(db(), expired.token)).state).toBe("expired");
    await expect(acceptInvite(db(), expired.token, adminId)).rejects.toBeInstanceOf(InputError);
    const revoked = await createInvite(owner, { email: "gone@team.nl", role: "admin" });
    await revokeInvite(owner, revoked.invite.id);
    expect((await inspectInvite(db(), revoked.token)).state).toBe("revoked");
    expect((await listInvites(owner)).map((i) => i.email)).not.toContain("gone@team.nl");
    expect((await inspectInvite(db(), "not-a-token")).state).toBe("unknown");
  });

  it("viewers cannot invite, and admins cannot invite owners", async () => {
    const viewer = await scopeOf(viewerId, owner.teamId);
    await expect(createInvite(viewer, { email: "a@b.nl", role: "viewer" })).rejects.toMatchObject({ status: 403 });
    const { token } = await createInvite(owner, { email: "ada@team.nl", role: "admin" });
    await acceptInvite(db(), token, adminId);
    const admin = await scopeOf(adminId, owner.teamId);
    await expect(createInvite(admin, { email: "c@d.nl", role: "owner" })).rejects.toMatchObject({ status: 403 });
    expect((await createInvite(admin, { email: "c@d.nl", role: "viewer" })).token).toBeTruthy();
  });

  it("another team's admin cannot touch this team's members or invites", async () => {
    await expect(changeRole(outsiderScope, viewerId, "admin")).rejects.toMatchObject({ status: 404 });
    await expect(removeMember(outsiderScope, viewerId)).rejects.toMatchObject({ status: 404 });
    const [inv] = await listInvites(owner);
    await expect(revokeInvite(outsiderScope, inv.id)).rejects.toMatchObject({ status: 404 });
    expect((await listMembers(owner)).map((m) => m.email)).toContain("victor@team.nl");
  });

  it("the last owner can neither leave nor be demoted; admins cannot demote owners", async () => {
    await expect(removeMember(owner, owner.userId)).rejects.toBeInstanceOf(InputError);
    await expect(changeRole(owner, owner.userId, "admin")).rejects.toBeInstanceOf(InputError);
    const admin = await scopeOf(adminId, owner.teamId);
    const err = await changeRole(admin, owner.userId, "viewer").catch((e) => e);
    expect(err).toBeInstanceOf(AccessError);
    expect((err as AccessError).status).toBe(403);
  });

  it("roles change and members can be removed, by those allowed to", async () => {
    const viewer = await scopeOf(viewerId, owner.teamId);
    await expect(changeRole(viewer, viewerId, "admin")).rejects.toMatchObject({ status: 403 });
    await changeRole(owner, viewerId, "admin");
    expect((await scopeOf(viewerId, owner.teamId)).role).toBe("admin");
    await changeRole(owner, viewerId, "viewer");
    await removeMember(owner, viewerId);
    expect((await scopeOf(viewerId, owner.teamId)).teamId).not.toBe(owner.teamId);
  });

  it("a member's open invites go when they leave, are removed or demoted below what the invite grants, or delete their account", async () => {
    const make = async (name: string) => {
      const { user } = await createAccount(db(), { name, email: `${name}@leaver.nl`, password: "long enough pw" });
      const { token } = await createInvite(owner, { email: `${name}@leaver.nl`, role: "admin" });
      await acceptInvite(db(), token, user.id);
      return { id: user.id, scope: await scopeOf(user.id, owner.teamId) };
    };
    // Removed: an admin's invite would let them back in, as admin, through another address.
    const removed = await make("removed");
    const back = await createInvite(removed.scope, { email: "second-address@leaver.nl", role: "admin" });
    await removeMember(owner, removed.id);
    expect((await inspectInvite(db(), back.token)).state).toBe("revoked");
    // Demoted to viewer: all of theirs; an admin who was owner: only the owner invites.
    const demoted = await make("demoted");
    const asAdmin = await createInvite(demoted.scope, { email: "d1@leaver.nl", role: "viewer" });
    await changeRole(owner, demoted.id, "viewer");
    expect((await inspectInvite(db(), asAdmin.token)).state).toBe("revoked");
    const former = await make("former");
    await changeRole(owner, former.id, "owner");
    const formerScope = await scopeOf(former.id, owner.teamId);
    const ownerInvite = await createInvite(formerScope, { email: "o1@leaver.nl", role: "owner" });
    const adminInvite = await createInvite(formerScope, { email: "o2@leaver.nl", role: "admin" });
    await changeRole(owner, former.id, "admin");
    expect((await inspectInvite(db(), ownerInvite.token)).state).toBe("revoked");
    expect((await inspectInvite(db(), adminInvite.token)).state).toBe("valid");
    // Leaving on one's own, and deleting one's account.
    await removeMember(await scopeOf(former.id, owner.teamId), former.id);
    expect((await inspectInvite(db(), adminInvite.token)).state).toBe("revoked");
    const deleter = await make("deleter");
    const open = await createInvite(deleter.scope, { email: "d3@leaver.nl", role: "viewer" });
    expect((await deleteAccount(db(), deleter.id)).deleted).toBe(true);
    expect((await inspectInvite(db(), open.token)).state).toBe("revoked");
  });

  it("an invite is accepted only by the account with the invited address (case-insensitive)", async () => {
    const { token } = await createInvite(owner, { email: "Invitee@Team.nl", role: "admin" });
    const stranger = await createAccount(db(), { name: "Stranger", email: "stranger@elsewhere.nl", password: "long enough pw" });
    await expect(acceptInvite(db(), token, stranger.user.id)).rejects.toBeInstanceOf(InviteForAnotherAddress);
    expect((await scopeOf(stranger.user.id, owner.teamId)).teamId).not.toBe(owner.teamId);
    expect((await inspectInvite(db(), token)).state).toBe("valid");
    const invitee = await createAccount(db(), { name: "Invitee", email: "INVITEE@team.NL", password: "long enough pw" });
    expect(await acceptInvite(db(), token, invitee.user.id)).toEqual({ teamId: owner.teamId, role: "admin" });
  });

  it("two owners demoting or removing each other at the same moment leave the team with an owner", async () => {
    for (const [round, change] of [
      ["demote", (scope: TeamScope, other: string) => changeRole(scope, other, "admin")],
      ["remove", (scope: TeamScope, other: string) => removeMember(scope, other)],
      ["leave", (scope: TeamScope) => removeMember(scope, scope.userId)],
    ] as const) {
      for (let i = 0; i < 3; i++) {
        const a = await createAccount(db(), { name: "A", email: `a-${round}-${i}@race.nl`, password: "long enough pw" });
        const b = await createAccount(db(), { name: "B", email: `b-${round}-${i}@race.nl`, password: "long enough pw" });
        const aScope = await scopeOf(a.user.id);
        const { token } = await createInvite(aScope, { email: `b-${round}-${i}@race.nl`, role: "owner" });
        await acceptInvite(db(), token, b.user.id);
        const bScope = await scopeOf(b.user.id, aScope.teamId);
        expect(bScope.role).toBe("owner");
        const results = await Promise.allSettled([change(aScope, b.user.id), change(bScope, a.user.id)]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const owners = (await listMembers(aScope)).filter((m) => m.role === "owner");
        expect(owners, `${round} round ${i}`).toHaveLength(1);
      }
    }
  });
});
