import { it, expect, beforeAll, afterAll } from "vitest";
import { eq } from "drizzle-orm";
import { describeEachDb } from "../../tests/db";
import { startSmtpServer, closedPort } from "../../tests/smtp";
import { createAccount } from "../../db/accounts";
import { teamScopeForUser, type TeamScope } from "../../db/tenant";
import { inviteMember } from "./invite-member";
import { inspectInvite, acceptInvite } from "../../db/members";
import { invites } from "../../db/schema";

describeEachDb("invites sent by e-mail", (db) => {
  let owner: TeamScope;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const link = (token: string) => `https://trechter.test/invite/${token}`;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const o = await createAccount(db(), {
      name: "Olga Jansen",
      email: "olga@mail-team.nl",
      password: "long enough pw",
      teamName: "Bakkerij Olga",
    });
    owner = (await teamScopeForUser(db(), o.user.id))!;
  });
  afterAll(() => smtp.close());

  it("e-mails the link to the invitee when SMTP is configured, and the link works", async () => {
    const sent = await inviteMember(
      owner,
      { email: "piet@bakker.nl", role: "viewer" },
      { link, locale: "nl", mail: { smtpUrl: smtp.url, from: "Trechter <no-reply@trechter.test>" } },
    );
    expect(sent.delivery).toEqual({ status: "sent", to: "piet@bakker.nl" });
    const mail = smtp.received.find((m) => m.to.includes("piet@bakker.nl"))!;
    expect(mail.subject).toBe("Olga Jansen nodigt je uit voor Bakkerij Olga op Trechter");
    expect(mail.text).toContain(link(sent.token));
    expect(mail.text).toContain("als kijker");
    expect((await inspectInvite(db(), sent.token)).state).toBe("valid");
    const p = await createAccount(db(), { name: "Piet", email: "piet@bakker.nl", password: "long enough pw" });
    expect(await acceptInvite(db(), sent.token, p.user.id)).toEqual({ teamId: owner.teamId, role: "viewer" });
  });

  it("keeps the invite and its link when the mail server refuses the connection", async () => {
    const before = smtp.received.length;
    const result = await inviteMember(
      owner,
      { email: "kees@bakker.nl", role: "admin" },
      { link, locale: "en", mail: { smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, from: "a@b.nl" } },
    );
    expect(result.delivery).toMatchObject({ status: "failed", reason: "the mail server refused the connection" });
    expect(result.link).toBe(link(result.token));
    expect((await inspectInvite(db(), result.token)).state).toBe("valid");
    const [row] = await db().select().from(invites).where(eq(invites.id, result.invite.id));
    expect(row).toMatchObject({ email: "kees@bakker.nl", role: "admin", teamId: owner.teamId, revokedAt: null });
    expect(smtp.received.length).toBe(before);
  });

  it("keeps the invite when the mail server rejects the recipient", async () => {
    const picky = await startSmtpServer({ reject: "Mailbox unavailable" });
    try {
      const result = await inviteMember(
        owner,
        { email: "anna@bakker.nl", role: "viewer" },
        { link, locale: "en", mail: { smtpUrl: picky.url, from: "a@b.nl" } },
      );
      expect(result.delivery.status).toBe("failed");
      expect(result.delivery.status === "failed" && result.delivery.reason).toContain("Mailbox unavailable");
      expect((await inspectInvite(db(), result.token)).state).toBe("valid");
    } finally {
      await picky.close();
    }
  });

  it("sends nothing without SMTP settings, and still makes the invite", async () => {
    const before = smtp.received.length;
    const result = await inviteMember(owner, { email: "joop@bakker.nl", role: "viewer" }, { link, locale: "en", mail: null });
    expect(result.delivery).toEqual({ status: "off" });
    expect((await inspectInvite(db(), result.token)).state).toBe("valid");
    expect(smtp.received.length).toBe(before);
  });

  it("a viewer cannot invite, so nothing is sent", async () => {
    const v = await createAccount(db(), { name: "Vera", email: "vera@bakker.nl", password: "long enough pw" });
    const { token } = await inviteMember(owner, { email: "vera@bakker.nl", role: "viewer" }, { link, locale: "en" });
    await acceptInvite(db(), token, v.user.id);
    const viewer = (await teamScopeForUser(db(), v.user.id, owner.teamId))!;
    const before = smtp.received.length;
    await expect(
      inviteMember(viewer, { email: "spam@x.nl", role: "viewer" }, { link, locale: "en", mail: { smtpUrl: smtp.url, from: "a@b.nl" } }),
    ).rejects.toMatchObject({ status: 403 });
    expect(smtp.received.length).toBe(before);
  });
});
