import { describe, it, expect } from "vitest";
import { normalizeMessage, type NormalizeContext } from "./normalize";
import { ageGroup } from "./age";
import { isBotUserAgent, parseUserAgent } from "./useragent";
import { attribution } from "./referrer";
import { decodeBody, BodyError, MAX_EVENT_BYTES } from "./body";
import zlib from "node:zlib";

const receivedAt = new Date("2026-05-10T12:00:00Z");
const ctx: NormalizeContext = { receivedAt, lookupCountry: (ip) => (ip === "145.97.1.1" ? "NL" : null) };
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const IPAD = "Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Mobile/15E148 Safari/604.1";
const DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36";

function ok(msg: unknown, type?: Parameters<typeof normalizeMessage>[1], c: Partial<NormalizeContext> = {}) {
  const r = normalizeMessage(msg, type, { ...ctx, ...c });
  if (!r.ok) throw new Error(r.error);
  return r.event;
}

describe("normalizeMessage", () => {
  it("maps a page call to a pageview with path, UTM, device and country", () => {
    const e = ok(
      {
        anonymousId: "a1",
        properties: { url: "https://shop.nl/product/fiets?utm_source=Newsletter&utm_medium=Email&utm_campaign=Lente" },
        context: { userAgent: IPHONE, ip: "145.97.1.1" },
      },
      "page",
    );
    expect(e).toMatchObject({ name: "pageview", path: "/product/fiets", source: "newsletter", medium: "email", campaign: "lente", device: "mobile", browser: "Mobile Safari", os: "iOS", country: "NL" });
    expect(JSON.stringify(e)).not.toContain("145.97.1.1");
  });

  it.each([
    [{ properties: { path: "/a" }, context: { page: { path: "/b", url: "https://x.nl/c" } } }, "/a"],
    [{ context: { page: { path: "/b", url: "https://x.nl/c" } } }, "/b"],
    [{ context: { page: { url: "https://x.nl/c?q=1" } } }, "/c"],
  ])("takes the page path from properties, then context.page.path, then the url (%#)", (msg, path) => {
    expect(ok({ anonymousId: "a", ...msg }, "page").path).toBe(path);
  });

  it.each([
    [{ source: "Google", medium: "CPC", name: "Zomer" }, null, null, ["google", "cpc", "zomer"]],
    [undefined, "https://shop.nl/?gclid=abc", null, ["google", "cpc", null]],
    [undefined, "https://shop.nl/", "https://www.google.nl/search?q=x", ["google", "organic", null]],
    [undefined, "https://shop.nl/", "https://l.facebook.com/x", ["facebook", "social", null]],
    [undefined, "https://shop.nl/", "https://t.co/abc", ["twitter", "social", null]],
    [undefined, "https://shop.nl/", "https://www.blog.nl/post", ["blog.nl", "referral", null]],
    [undefined, "https://shop.nl/b", "https://shop.nl/a", [null, null, null]],
    [undefined, "https://shop.nl/", null, [null, null, null]],
  ])("attribution %#", (campaign, url, referrer, expected) => {
    const a = attribution(campaign as Record<string, unknown> | undefined, url, referrer);
    expect([a.source, a.medium, a.campaign]).toEqual(expected);
  });

  it("corrects clock skew the way Segment does, and keeps backfills", () => {
    const skewed = ok({ anonymousId: "a", event: "x", originalTimestamp: "2026-05-10T13:00:00Z", sentAt: "2026-05-10T13:00:05Z" }, "track");
    expect(skewed.time.toISOString()).toBe("2026-05-10T11:59:55.000Z");
    const backfill = ok({ anonymousId: "a", event: "x", timestamp: "2025-01-01T00:00:00Z" }, "track");
    expect(backfill.time.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(ok({ anonymousId: "a", event: "x" }, "track").time).toEqual(receivedAt);
    const batchSent = ok({ anonymousId: "a", event: "x", timestamp: "2026-05-10T11:00:00Z" }, "track", { batchSentAt: "2026-05-10T11:00:10Z" });
    expect(batchSent.time.toISOString()).toBe("2026-05-10T11:59:50.000Z");
    // A few seconds of difference is network delay: the client's own order is kept.
    const jitter = ok({ anonymousId: "a", event: "x", timestamp: "2026-05-10T11:59:58.001Z", sentAt: "2026-05-10T11:59:58.001Z" }, "track");
    expect(jitter.time.toISOString()).toBe("2026-05-10T11:59:58.001Z");
  });

  it.each([
    [{ event: "x" }, "track", "anonymousId or userId is required"],
    [{ anonymousId: "a" }, "track", "event is required for track calls"],
    [{ anonymousId: "a", event: "x", timestamp: "2026-05-12T12:00:00Z" }, "track", "timestamp is more than a day in the future"],
    [{ anonymousId: "a", event: "x", timestamp: "yesterday-ish" }, "track", "timestamp is not a valid date"],
    [{ anonymousId: "a", event: 42 }, "track", "event has the wrong type (expected string)"],
    [{ anonymousId: "a", event: "x", properties: "nope" }, "track", "properties has the wrong type (expected record)"],
    [{ userId: "u" }, "alias", "alias needs previousId and userId"],
    [{ anonymousId: "a", type: "launch" }, undefined, "type must be one of track, page, screen, identify, alias, group"],
    ["just a string", "track", "each message must be a JSON object"],
  ])("rejects bad input with a clear message (%#)", (msg, type, error) => {
    const r = normalizeMessage(msg, type as never, ctx);
    expect(r).toEqual({ ok: false, error });
  });

  it("identify carries traits and the age group; revenue is read from properties", () => {
    const id = ok({ userId: "u1", anonymousId: "a1", traits: { age: 31, plan: "pro" } }, "identify");
    expect(id).toMatchObject({ name: "identify", userId: "u1", anonymousId: "a1", ageGroup: "25-34", traits: { age: 31, plan: "pro" } });
    expect(ok({ userId: "u1", event: "purchase", properties: { revenue: "59.95" } }, "track").revenue).toBe(59.95);
    expect(ok({ userId: "u1", event: "purchase", properties: { revenue: "n/a" } }, "track").revenue).toBeNull();
  });

  it("prefers the client's location and never keeps the address", () => {
    const e = ok({ anonymousId: "a", event: "x", context: { ip: "145.97.1.1", location: { country: "be", region: "Antwerpen" } } }, "track");
    expect([e.country, e.region]).toEqual(["BE", "Antwerpen"]);
  });
});

describe("age groups", () => {
  it.each([
    [{ age: 17 }, null], [{ age: 18 }, "18-24"], [{ age: 24 }, "18-24"], [{ age: 25 }, "25-34"], [{ age: "44" }, "35-44"],
    [{ age: 64 }, "55-64"], [{ age: 65 }, "65+"], [{ age_group: "45-54" }, "45-54"], [{ ageGroup: "65+" }, "65+"], [{ age_group: "old" }, null], [{}, null],
  ])("%j → %s", (traits, group) => expect(ageGroup(traits)).toBe(group));
});

describe("user agents", () => {
  it.each([[IPHONE, "mobile"], [IPAD, "tablet"], [DESKTOP, "desktop"], [null, "desktop"]])("device of %s", (ua, device) => {
    expect(parseUserAgent(ua).device).toBe(device);
  });
  it.each([
    ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36", true],
    ["curl/8.0", true],
    [DESKTOP, false],
    [IPHONE, false],
  ])("bot: %s", (ua, bot) => expect(isBotUserAgent(ua)).toBe(bot));
});

describe("request bodies", () => {
  it("gunzips, and refuses bodies over the limit even when compressed small", () => {
    const json = JSON.stringify({ a: 1 });
    expect(decodeBody(zlib.gzipSync(json), "gzip", MAX_EVENT_BYTES)).toBe(json);
    const bomb = zlib.gzipSync(Buffer.alloc(MAX_EVENT_BYTES * 4, 32));
    expect(() => decodeBody(bomb, "gzip", MAX_EVENT_BYTES)).toThrow(BodyError);
    expect(() => decodeBody(Buffer.from("x"), "br", MAX_EVENT_BYTES)).toThrow(/not supported/);
    expect(() => decodeBody(Buffer.from("nope"), "gzip", MAX_EVENT_BYTES)).toThrow(/not valid gzip/);
  });
});
