import { it, expect, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import { describeEachDb } from "../tests/db";
import {
  createAccount,
  createTeam,
  deleteAccount,
  findUserByEmail,
  findUserById,
  setPassword,
  teamsBlockingDeletion,
  soleMemberTeams,
} from "./accounts";
import { createEmailChange, emailChangeOf, confirmEmailChange, createPasswordReset, redeemPasswordReset } from "./account-tokens";
import { createSession, revokeAllSessions, sessionIsLive } from "./sessions";
import { acceptInvite, createInvite, changeRole } from "./members";
import { teamScopeForUser } from "./tenant";
import { createProject } from "./projects";
import { templateSetup } from "../lib/templates";
import { projects, teams, memberships, events, eventMessages, funnelFactRows } from "./schema";
import { funnelDefinitionOf, listFunnels } from "./funnels";
import { buildFacts } from "./queries/funnel/factsUpkeep";
import { insertEvents } from "./events/insert";
import { verifyPassword } from "../lib/auth/password";

describeEachDb("changing and deleting one's account", (db) => {
  let ownerId: string;
  let teamId: string;
  beforeAll(async () => {
    const { user, team } = await createAccount(db(), { name: "Eva", email: "eva@bakkerij.nl", password: "a long password" });
    ownerId = user.id;
    teamId = team.id;
  });

  it("a password change keeps this browser's session and ends the others", async () => {
    const here = await createSession(db(), ownerId, 3600);
    const phone = await createSession(db(), ownerId, 3600);
    await setPassword(db(), ownerId, "another long password", here);
    expect(await sessionIsLive(db(), here, ownerId)).toBe(true);
    expect(await sessionIsLive(db(), phone, ownerId)).toBe(false);
    expect(await verifyPassword((await findUserById(db(), ownerId))!.passwordHash, "another long password")).toBe(true);
  });

  it("a new e-mail address takes effect from the link, once, within the hour, and ends the other sessions", async () => {
    const t0 = new Date("2026-12-03T10:00:00Z");
    const here = await createSession(db(), ownerId, 3600);
    const laptop = await createSession(db(), ownerId, 3600);
    const expired = await createEmailChange(db(), ownerId, "eva@nieuw.nl", t0);
    expect(await confirmEmailChange(db(), expired, here, new Date(t0.getTime() + 3601_000))).toBeNull();
    const token = await createEmailChange(db(), ownerId, "eva@nieuw.nl", t0);
    expect(await emailChangeOf(db(), token, t0)).toEqual({ userId: ownerId, oldEmail: "eva@bakkerij.nl", newEmail: "eva@nieuw.nl" });
    expect(await confirmEmailChange(db(), token, here, new Date(t0.getTime() + 60_000))).toMatchObject({ newEmail: "eva@nieuw.nl" });
    expect((await findUserById(db(), ownerId))!.email).toBe("eva@nieuw.nl");
    expect(await findUserByEmail(db(), "eva@bakkerij.nl")).toBeNull();
    expect(await sessionIsLive(db(), here, ownerId)).toBe(true);
    expect(await sessionIsLive(db(), laptop, ownerId)).toBe(false);
    expect(await confirmEmailChange(db(), token, here, new Date(t0.getTime() + 120_000))).toBeNull();
  });

  it("ending the other sessions voids open account links: a pending e-mail change or reset dies with a password change, a reset or log out everywhere", async () => {
    const { user } = await createAccount(db(), { name: "Tom", email: "tom@overname.nl", password: "a long password" });
    const here = await createSession(db(), user.id, 3600);
    // Someone with the password asks to move the account to their address, then the owner changes it.
    const change = await createEmailChange(db(), user.id, "thief@elders.nl");
    const reset = (await createPasswordReset(db(), "tom@overname.nl"))!.token;
    await setPassword(db(), user.id, "the owner's new password", here);
    expect(await confirmEmailChange(db(), change, null)).toBeNull();
    expect(await redeemPasswordReset(db(), reset, "the thief's password")).toBeNull();
    expect((await findUserById(db(), user.id))!.email).toBe("tom@overname.nl");
    // Log out everywhere, and a reset, do the same.
    const change2 = await createEmailChange(db(), user.id, "thief@elders.nl");
    await revokeAllSessions(db(), user.id);
    expect(await confirmEmailChange(db(), change2, null)).toBeNull();
    const change3 = await createEmailChange(db(), user.id, "thief@elders.nl");
    const reset2 = (await createPasswordReset(db(), "tom@overname.nl"))!.token;
    expect(await redeemPasswordReset(db(), reset2, "the owner's newest password")).not.toBeNull();
    expect(await confirmEmailChange(db(), change3, null)).toBeNull();
    expect((await findUserById(db(), user.id))!.email).toBe("tom@overname.nl");
  });

  it("refuses an address another account has, when asked and when confirmed", async () => {
    await createAccount(db(), { name: "Other", email: "other@bakkerij.nl", password: "a long password" });
    await expect(createEmailChange(db(), ownerId, "other@bakkerij.nl")).rejects.toMatchObject({ status: 409, field: "newEmail" });
    const token = await createEmailChange(db(), ownerId, "late@bakkerij.nl");
    await createAccount(db(), { name: "Late", email: "late@bakkerij.nl", password: "a long password" });
    await expect(confirmEmailChange(db(), token, null)).rejects.toMatchObject({ status: 409 });
    expect((await findUserById(db(), ownerId))!.email).toBe("eva@nieuw.nl");
  });

  it("refuses to delete the last owner of a team with other members, and says which team", async () => {
    const owner = (await teamScopeForUser(db(), ownerId, teamId))!;
    const { token } = await createInvite(owner, { email: "piet@bakkerij.nl", role: "admin" });
    const { user: piet, team: pietsOwn } = await createAccount(db(), {
      name: "Piet",
      email: "piet@bakkerij.nl",
      password: "a long password",
    });
    await acceptInvite(db(), token, piet.id);
    expect(await teamsBlockingDeletion(db(), ownerId)).toEqual([{ id: teamId, name: "Eva's team", otherMembers: 1 }]);
    const refused = await deleteAccount(db(), ownerId);
    expect(refused).toEqual({ deleted: false, blockers: [{ id: teamId, name: "Eva's team", otherMembers: 1 }] });
    expect(await findUserById(db(), ownerId)).not.toBeNull();
    // Piet is the only owner of his own team, which has no one else: he is not blocked.
    expect(await teamsBlockingDeletion(db(), piet.id)).toEqual([]);
    expect(await soleMemberTeams(db(), piet.id)).toEqual([{ id: pietsOwn.id, name: "Piet's team" }]);
    // With Piet made owner too, Eva may go; the team stays with Piet.
    await changeRole(owner, piet.id, "owner");
    expect(await teamsBlockingDeletion(db(), ownerId)).toEqual([]);
  });

  it("deletes the account with the teams only it was in, and their projects; shared teams stay", async () => {
    const side = await createTeam(db(), ownerId, "Eva's side project");
    const sideScope = (await teamScopeForUser(db(), ownerId, side.id))!;
    const { project } = await createProject(
      sideScope,
      { name: "Side shop", sector: "ecommerce", timeZone: "Europe/Amsterdam" },
      templateSetup("ecommerce", "en"),
    );
    // Events and funnel fact rows have no foreign key to cascade along: the deletion removes them itself.
    await insertEvents(db(), project.id, [
      { time: new Date(Date.UTC(2026, 10, 2)), name: "pageview", anonymousId: "side-1", messageId: "side-m1" },
    ]);
    const projectScope = await sideScope.project(project.id);
    const [funnel] = await listFunnels(projectScope);
    await buildFacts(projectScope, funnelDefinitionOf(funnel));
    expect(await db().select().from(funnelFactRows).where(eq(funnelFactRows.projectId, project.id))).not.toEqual([]);
    const here = await createSession(db(), ownerId, 3600);
    const result = await deleteAccount(db(), ownerId);
    expect(result).toEqual({ deleted: true, teams: [side.id] });
    expect(await findUserById(db(), ownerId)).toBeNull();
    expect(await sessionIsLive(db(), here, ownerId)).toBe(false);
    expect(await db().select().from(teams).where(eq(teams.id, side.id))).toEqual([]);
    expect(await db().select().from(projects).where(eq(projects.id, project.id))).toEqual([]);
    expect(await db().select().from(events).where(eq(events.projectId, project.id))).toEqual([]);
    expect(await db().select().from(eventMessages).where(eq(eventMessages.projectId, project.id))).toEqual([]);
    expect(await db().select().from(funnelFactRows).where(eq(funnelFactRows.projectId, project.id))).toEqual([]);
    // The shared team is still there, with Piet as its owner.
    expect(await db().select({ id: teams.id }).from(teams).where(eq(teams.id, teamId))).toHaveLength(1);
    expect(
      (await db().select({ role: memberships.role }).from(memberships).where(eq(memberships.teamId, teamId))).map((m) => m.role),
    ).toEqual(["owner"]);
  });
});
