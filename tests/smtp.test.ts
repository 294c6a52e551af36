import { describe, it, expect, afterAll } from "vitest";
import nodemailer from "nodemailer";
import { startSmtpServer } from "./smtp";

// The test mail server's reading of a message (parseMessage), which the mail tests rely on.
describe("the test SMTP server", () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it("reads a quoted-printable part whole when one of its lines begins with two hyphens", async () => {
    const server = await startSmtpServer();
    servers.push(server);
    // A link token cut by the 76-character line limit right before "--", as a share link's can be.
    const link = `https://trechter.example.nl/unsubscribe/${"a".repeat(27)}--${"b".repeat(40)}`;
    const html = `<p>${"é".repeat(10)} ${"x".repeat(50)}</p><p><a href="${link}">Afmelden voor dit rapport</a></p>`;
    const transport = nodemailer.createTransport(server.url, { ignoreTLS: true } as nodemailer.TransportOptions);
    await transport.sendMail({ from: "a@example.nl", to: "b@example.nl", subject: "Test", text: "Test", html });
    const raw = server.received[0].raw;
    expect(raw).toMatch(/\r?\n--b/); // the case: a line of the part that begins with "--"
    expect(server.received[0].html).toBe(html);
  });
});
