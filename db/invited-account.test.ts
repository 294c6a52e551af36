import { it, expect, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import { describeEachDb } from "../tests/db";
import { createAccount, teamsOfUser, findUserByEmail } from "./accounts";
import { teamScopeForUser, type TeamScope } from "./tenant";
import { createInvite, revokeInvite, listInvites, InviteForAnotherAddress } from "./members";
import { createInvitedAccount } from "./invited-account";
import { users } from "./schema";
import { InputError } from "../lib/errors";

describeEachDb("signing up from an invite", (db) => {
  let owner: TeamScope;
  beforeAll(async () => {
    const o = await createAccount(db(), { name: "Olga", email: "olga@invited.nl", password: "long enough pw", teamName: "Bureau Olga" });
    owner = (await teamScopeForUser(db(), o.user.id))!;
  });

  it("joins the inviting team with the invited role and makes no team of its own", async () => {
    const { token } = await createInvite(owner, { email: "Nina@Invited.nl", role: "admin" });
    const { userId, teamId } = await createInvitedAccount(
      db(),
      { name: "Nina", email: "nina@invited.nl", password: "long enough pw" },
      token,
    );
    expect(teamId).toBe(owner.teamId);
    expect(await teamsOfUser(db(), userId)).toEqual([expect.objectContaining({ id: owner.teamId, name: "Bureau Olga", role: "admin" })]);
    // The invite is used up.
    await expect(
      createInvitedAccount(db(), { name: "Nina 2", email: "nina2@invited.nl", password: "long enough pw" }, token),
    ).rejects.toBeInstanceOf(InputError);
  });

  it("creates nothing for another address, a revoked or unknown invite, or an address that has an account", async () => {
    const { token } = await createInvite(owner, { email: "piet@invited.nl", role: "viewer" });
    await expect(
      createInvitedAccount(db(), { name: "Mallory", email: "mallory@evil.example", password: "long enough pw" }, token),
    ).rejects.toBeInstanceOf(InviteForAnotherAddress);
    expect(await findUserByEmail(db(), "mallory@evil.example")).toBeNull();

    await expect(
      createInvitedAccount(db(), { name: "Piet", email: "piet@invited.nl", password: "long enough pw" }, "no-such-token"),
    ).rejects.toMatchObject({
      field: "token",
      status: 409,
    });
    const invite = (await listInvites(owner)).find((i) => i.email === "piet@invited.nl")!;
    await revokeInvite(owner, invite.id);
    await expect(
      createInvitedAccount(db(), { name: "Piet", email: "piet@invited.nl", password: "long enough pw" }, token),
    ).rejects.toMatchObject({
      field: "token",
    });
    expect(await db().select().from(users).where(eq(users.email, "piet@invited.nl"))).toEqual([]);

    const again = await createInvite(owner, { email: "olga@invited.nl", role: "viewer" });
    await expect(
      createInvitedAccount(db(), { name: "Olga", email: "olga@invited.nl", password: "long enough pw" }, again.token),
    ).rejects.toMatchObject({ field: "email", status: 409 });
  });
});
