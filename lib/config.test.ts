import { describe, it, expect } from "vitest";
import { config as parse, ConfigError } from "./config";

const config = (env: Record<string, string>) => parse({ NODE_ENV: "test", ...env });

describe("mail configuration", () => {
  it("is off by default, with a sender address to fall back on", () => {
    const c = config({});
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.MAIL_FROM).toBe("Trechter <no-reply@localhost>");
  });

  it.each(["smtp://user:pass@mail.example.nl:587", "smtps://mail.example.nl:465", "smtp://127.0.0.1:2525"])("accepts %s", (url) => {
    expect(config({ SMTP_URL: url }).SMTP_URL).toBe(url);
  });

  it.each(["mail.example.nl:587", "http://mail.example.nl", "smtp://"])("names SMTP_URL when it is %s", (url) => {
    expect(() => config({ SMTP_URL: url })).toThrow(ConfigError);
    expect(() => config({ SMTP_URL: url })).toThrow(/SMTP_URL/);
  });
});
