import { it, expect, beforeAll } from "vitest";
import { describeEachDb } from "../tests/db";
import { createAccount } from "./accounts";
import {
  beginTotpSetup,
  enableTotp,
  verifySecondFactor,
  twoFactorStatus,
  disableTotp,
  twoFactorMissing,
  setTeamRequiresTwoFactor,
  teamsRequiringTwoFactor,
} from "./two-factor";
import { teamScopeForUser } from "./tenant";
import { acceptInvite, createInvite } from "./members";
import { totpCode } from "../lib/auth/totp";

const SECRET = "test-app-secret-test-app-secret-test";

describeEachDb("two-factor sign-in", (db) => {
  let userId: string;
  let teamId: string;
  let secret: string;
  let recovery: string[];
  const t0 = new Date("2026-12-03T10:00:10Z");
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  beforeAll(async () => {
    const { user, team } = await createAccount(db(), { name: "Owner", email: "owner@2fa.nl", password: "a long password" });
    userId = user.id;
    teamId = team.id;
  });

  it("turns on only with a right code from the secret being set up, and gives ten recovery codes", async () => {
    ({ secret } = await beginTotpSetup(db(), userId, SECRET));
    await expect(enableTotp(db(), userId, "000000", SECRET, t0)).rejects.toMatchObject({ field: "code" });
    expect((await twoFactorStatus(db(), userId)).enabled).toBe(false);
    recovery = await enableTotp(db(), userId, totpCode(secret, t0.getTime()), SECRET, t0);
    expect(recovery).toHaveLength(10);
    expect(await twoFactorStatus(db(), userId)).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    await expect(beginTotpSetup(db(), userId, SECRET)).rejects.toMatchObject({ status: 409 });
  });

  it("takes each code once: the step used to turn it on, and a code reused, are refused", async () => {
    // The step of t0 was spent turning it on.
    expect(await verifySecondFactor(db(), userId, totpCode(secret, t0.getTime()), SECRET, t0)).toBeNull();
    const next = at(30);
    const code = totpCode(secret, next.getTime());
    expect(await verifySecondFactor(db(), userId, code, SECRET, next)).toBe("totp");
    expect(await verifySecondFactor(db(), userId, code, SECRET, next)).toBeNull();
    // Parallel tries with one fresh code: exactly one passes.
    const fresh = at(60);
    const tries = await Promise.all(
      [1, 2, 3].map(() => verifySecondFactor(db(), userId, totpCode(secret, fresh.getTime()), SECRET, fresh)),
    );
    expect(tries.filter((r) => r === "totp")).toHaveLength(1);
  });

  it("accepts the code of one step either side, not two, and never an older step than the last one used", async () => {
    const now = at(300);
    expect(await verifySecondFactor(db(), userId, totpCode(secret, now.getTime() - 60_000), SECRET, now)).toBeNull();
    expect(await verifySecondFactor(db(), userId, totpCode(secret, now.getTime() + 60_000), SECRET, now)).toBeNull();
    expect(await verifySecondFactor(db(), userId, totpCode(secret, now.getTime() + 30_000), SECRET, now)).toBe("totp");
    // The step after has been used: the current (older) step's code no longer works.
    expect(await verifySecondFactor(db(), userId, totpCode(secret, now.getTime()), SECRET, now)).toBeNull();
    const later = at(400);
    expect(await verifySecondFactor(db(), userId, totpCode(secret, later.getTime() - 30_000), SECRET, later)).toBe("totp");
  });

  it("takes a recovery code once, typed in any case and with or without dashes", async () => {
    const [first, second] = recovery;
    expect(await verifySecondFactor(db(), userId, first.toUpperCase(), SECRET, t0)).toBe("recovery");
    expect(await verifySecondFactor(db(), userId, first, SECRET, t0)).toBeNull();
    expect(await verifySecondFactor(db(), userId, second.replaceAll("-", ""), SECRET, t0)).toBe("recovery");
    expect((await twoFactorStatus(db(), userId)).recoveryCodesLeft).toBe(8);
    expect(await verifySecondFactor(db(), userId, "zzzz-zzzz-zzzz", SECRET, t0)).toBeNull();
  });

  it("a team owner can require it; members without it are held back until they set it up", async () => {
    const owner = (await teamScopeForUser(db(), userId, teamId))!;
    const { token } = await createInvite(owner, { email: "member@2fa.nl", role: "viewer" });
    const { user: member } = await createAccount(db(), { name: "Member", email: "member@2fa.nl", password: "a long password" });
    await acceptInvite(db(), token, member.id);
    expect(await twoFactorMissing(db(), member.id, teamId)).toBe(false);
    await setTeamRequiresTwoFactor(owner, true);
    expect(await twoFactorMissing(db(), member.id, teamId)).toBe(true);
    expect(await twoFactorMissing(db(), userId, teamId)).toBe(false);
    expect(await teamsRequiringTwoFactor(db(), member.id)).toEqual([{ id: teamId, name: "Owner's team" }]);
    // A viewer cannot change the requirement.
    const viewer = (await teamScopeForUser(db(), member.id, teamId))!;
    await expect(setTeamRequiresTwoFactor(viewer, false)).rejects.toMatchObject({ status: 403 });
    const { secret: memberSecret } = await beginTotpSetup(db(), member.id, SECRET);
    await enableTotp(db(), member.id, totpCode(memberSecret, t0.getTime()), SECRET, t0);
    expect(await twoFactorMissing(db(), member.id, teamId)).toBe(false);
    await setTeamRequiresTwoFactor(owner, false);
  });

  it("an owner without two-factor sign-in cannot require it (they would lock themselves out)", async () => {
    const { user, team } = await createAccount(db(), { name: "Plain", email: "plain@2fa.nl", password: "a long password" });
    const scope = (await teamScopeForUser(db(), user.id, team.id))!;
    await expect(setTeamRequiresTwoFactor(scope, true)).rejects.toMatchObject({ status: 409 });
  });

  it("turned off, codes and recovery codes no longer sign in", async () => {
    await disableTotp(db(), userId);
    expect(await twoFactorStatus(db(), userId)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    const now = at(900);
    expect(await verifySecondFactor(db(), userId, totpCode(secret, now.getTime()), SECRET, now)).toBeNull();
  });
});
