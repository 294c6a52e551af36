import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { inviteMail } from "./invite";
import { sendMail } from "./send";
import { startSmtpServer, closedPort } from "../../tests/smtp";

const base = {
  teamName: "Fietsen & Co",
  inviterName: "Sanne de Vries",
  role: "admin" as const,
  link: "https://trechter.example.nl/invite/abc123",
  expiresAt: new Date("2026-12-07T12:00:00Z"),
};

describe("the invite e-mail", () => {
  it.each([
    { locale: "en" as const, subject: "Sanne de Vries invited you to Fietsen & Co on Trechter", body: "as admin", date: "7 Dec 2026" },
    {
      locale: "nl" as const,
      subject: "Sanne de Vries nodigt je uit voor Fietsen & Co op Trechter",
      body: "als beheerder",
      date: "7 dec 2026",
    },
  ])("is written in the inviter's language ($locale)", ({ locale, subject, body, date }) => {
    const mail = inviteMail({ ...base, locale });
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(body);
    expect(mail.text).toContain(base.link);
    expect(mail.text).toContain(date);
    expect(mail.html).toContain(`href="${base.link}"`);
    expect(mail.html).toContain(date);
  });

  it("escapes names in the HTML and names no one when the operator invited", () => {
    const mail = inviteMail({ ...base, locale: "en", teamName: "<script>x</script>", inviterName: null });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
    expect(mail.subject.startsWith("Someone invited you")).toBe(true);
  });
});

describe("sending over SMTP", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());

  it("delivers to the recipient with the subject, and the body carries the link", async () => {
    const content = inviteMail({ ...base, locale: "nl" });
    const result = await sendMail({ smtpUrl: smtp.url, from: "Trechter <no-reply@trechter.test>" }, "nieuw@bedrijf.nl", content);
    expect(result).toEqual({ status: "sent", to: "nieuw@bedrijf.nl" });
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual(["nieuw@bedrijf.nl"]);
    expect(mail.from).toBe("no-reply@trechter.test");
    expect(mail.subject).toBe(content.subject);
    expect(mail.text).toContain(base.link);
    expect(mail.text).toContain("verloopt op 7 dec 2026");
    expect(mail.html).toContain(base.link);
  });

  it("reports a refused connection as a reason, without throwing", async () => {
    const result = await sendMail(
      { smtpUrl: `smtp://user:secret@127.0.0.1:${await closedPort()}`, from: "a@b.nl" },
      "x@y.nl",
      inviteMail({ ...base, locale: "en" }),
    );
    expect(result).toMatchObject({ status: "failed", to: "x@y.nl", reason: "the mail server refused the connection" });
  });

  it("reports the server's answer when it rejects the recipient", async () => {
    const picky = await startSmtpServer({ reject: "No such mailbox here" });
    try {
      const result = await sendMail({ smtpUrl: picky.url, from: "a@b.nl" }, "x@y.nl", inviteMail({ ...base, locale: "en" }));
      expect(result.status).toBe("failed");
      expect(result.status === "failed" && result.reason).toMatch(/550.*No such mailbox here/);
      expect(picky.received).toHaveLength(0);
    } finally {
      await picky.close();
    }
  });
});
