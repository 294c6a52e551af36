import { describe, it, expect } from "vitest";
import { normalizeMessage, pathOf, type NormalizeContext } from "./normalize";

const receivedAt = new Date("2026-05-10T12:00:00Z");
const ctx: NormalizeContext = { receivedAt, lookupCountry: (ip) => (ip === "145.97.1.1" ? "NL" : null) };
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

function ok(msg: unknown, type?: Parameters<typeof normalizeMessage>[1], c: Partial<NormalizeContext> = {}) {
  const r = normalizeMessage(msg, type, { ...ctx, ...c });
  if (!r.ok) throw new Error(r.error);
  return r.event;
}

describe("normalizeMessage", () => {
  it("maps an analytics.js page call to a pageview with path, url, UTM, device and country, without the address", () => {
    const e = ok(
      {
        anonymousId: "a1",
        messageId: "m-1",
        properties: {
          url: "https://shop.nl/product/fiets?utm_source=Newsletter&utm_medium=Email&utm_campaign=Lente&utm_term=Fiets&utm_content=Top",
        },
        context: { userAgent: IPHONE, ip: "145.97.1.1", library: { name: "analytics.js", version: "5.0.0" } },
      },
      "page",
    );
    expect(e).toMatchObject({
      type: "page",
      name: "pageview",
      messageId: "m-1",
      path: "/product/fiets",
      url: expect.stringContaining("https://shop.nl/product/fiets"),
      source: "newsletter",
      medium: "email",
      campaign: "lente",
      term: "fiets",
      content: "top",
      device: "mobile",
      browser: "Mobile Safari",
      os: "iOS",
      country: "NL",
      bot: false,
    });
    expect(JSON.stringify(e)).not.toContain("145.97.1.1");
  });

  it.each([
    ["properties.path first", { properties: { path: "/a" }, context: { page: { path: "/b", url: "https://x.nl/c" } } }, "/a"],
    ["then context.page.path", { context: { page: { path: "/b", url: "https://x.nl/c" } } }, "/b"],
    ["then the path of properties.url", { properties: { url: "https://x.nl/c?q=1" }, context: { page: { url: "https://x.nl/d" } } }, "/c"],
    ["then the path of context.page.url", { context: { page: { url: "https://x.nl/d?q=1#x" } } }, "/d"],
    ["none", {}, null],
  ])("page path: %s", (_name, msg, path) => {
    expect(ok({ anonymousId: "a", ...msg }, "page").path).toBe(path);
  });

  it.each([
    [
      "track takes context.page.path",
      { type: "track", event: "signup", context: { page: { path: "/pricing" } } },
      { name: "signup", path: "/pricing" },
    ],
    ["track without a page has no path", { type: "track", event: "signup" }, { name: "signup", path: null }],
    ["screen is stored as a page view", { type: "screen", name: "Home" }, { type: "page", name: "pageview", path: "Home" }],
    [
      "identify",
      { type: "identify", userId: "u1", traits: { age: 31 } },
      { type: "identify", name: "identify", ageGroup: "25-34", traits: { age: 31 } },
    ],
    [
      "identify takes context.traits when traits are absent",
      { type: "identify", userId: "u1", context: { traits: { age_group: "45-54" } } },
      { ageGroup: "45-54" },
    ],
    ["alias", { type: "alias", userId: "u1", previousId: "a9" }, { name: "alias", previousId: "a9", userId: "u1", traits: null }],
    [
      "group",
      { type: "group", userId: "u1", groupId: 42, traits: { name: "Acme" } },
      // The traits describe the group: they are not the person's.
      { name: "group", groupId: "42", traits: null, ageGroup: null },
    ],
    ["numeric ids become text", { type: "track", event: "x", userId: 7, anonymousId: null }, { userId: "7", anonymousId: null }],
    ["the event name is trimmed", { type: "track", event: "  add_to_cart ", anonymousId: "a" }, { name: "add_to_cart" }],
  ])("%s", (_name, msg, expected) => {
    expect(ok({ anonymousId: "a", ...msg })).toMatchObject(expected);
  });

  it("creates a message id only when none was sent", () => {
    const a = ok({ anonymousId: "a", event: "x" }, "track");
    const b = ok({ anonymousId: "a", event: "x" }, "track");
    expect(a.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.messageId).not.toBe(b.messageId);
  });

  it.each([
    [{ event: "x" }, "track", "anonymousId or userId is required"],
    [{ event: "x", userId: "", anonymousId: null }, "track", "anonymousId or userId is required"],
    [{ anonymousId: "a" }, "track", "event is required for track calls"],
    [{ anonymousId: "a", event: "  " }, "track", "event is required for track calls"],
    [{ anonymousId: "a", event: "x", timestamp: "2026-05-12T12:00:00Z" }, "track", "timestamp is more than a day in the future"],
    [{ anonymousId: "a", event: "x", timestamp: "yesterday-ish" }, "track", "timestamp is not a valid date"],
    [{ anonymousId: "a", event: "x", sentAt: "soon" }, "track", "sentAt is not a valid date"],
    [{ anonymousId: "a", event: 42 }, "track", "event has the wrong type (expected string)"],
    [{ anonymousId: "a", event: "x", properties: "nope" }, "track", "properties has the wrong type (expected object)"],
    [{ userId: "u", properties: "x".repeat(300) }, "identify", "properties has the wrong type (expected object)"],
    [{ userId: "u", properties: "🙂" }, "identify", "properties has the wrong type (expected object)"],
    [{ userId: "u", previousId: "a", properties: [1] }, "alias", "properties has the wrong type (expected object)"],
    [{ userId: "u", groupId: "g", properties: 5 }, "group", "properties has the wrong type (expected object)"],
    [{ userId: "u", traits: "x" }, "identify", "traits has the wrong type (expected object)"],
    [{ anonymousId: {}, event: "x" }, "track", "anonymousId has the wrong type (expected string or number)"],
    [{ anonymousId: "a", event: "x", context: { page: { url: 5 } } }, "track", "context.page.url has the wrong type (expected string)"],
    [
      { anonymousId: "a", event: "x", context: { campaign: { source: ["x"] } } },
      "track",
      "context.campaign.source has the wrong type (expected string)",
    ],
    [{ anonymousId: "a".repeat(201), event: "x" }, "track", "anonymousId must be at most 200 characters"],
    [{ userId: "u" }, "alias", "previousId is required for alias calls"],
    [{ anonymousId: "a", previousId: "p" }, "alias", "userId is required for alias calls"],
    [{ userId: "u" }, "group", "groupId is required for group calls"],
    [{ anonymousId: "a", userId: "", previousId: "p" }, "alias", "userId is required for alias calls"],
    [{ userId: "u", groupId: "" }, "group", "groupId is required for group calls"],
    [{ anonymousId: "a", type: "launch" }, undefined, "type must be one of track, page, screen, identify, alias, group"],
    [{ anonymousId: "a" }, undefined, "type is required (one of track, page, screen, identify, alias, group)"],
    ["just a string", "track", "each message must be a JSON object"],
    [[1], "track", "each message must be a JSON object"],
  ])("rejects bad input with a message naming the field (%#)", (msg, type, error) => {
    expect(normalizeMessage(msg, type as never, ctx)).toEqual({ ok: false, error });
  });

  it.each([
    [59.95, 59.95],
    ["59.95", 59.95],
    ["n/a", null],
    ["", null],
    [null, null],
    [undefined, null],
    [Infinity, null],
    [0, 0],
  ])("revenue %j → %j", (revenue, expected) => {
    expect(ok({ userId: "u1", event: "purchase", properties: { revenue } }, "track").revenue).toBe(expected);
  });

  it.each([
    ["a code from the client wins", { ip: "145.97.1.1", location: { country: "be", region: "Antwerpen" } }, undefined, ["BE", "Antwerpen"]],
    ["an English name from the client", { location: { country: "Germany" } }, undefined, ["DE", null]],
    ["else context.ip", { ip: "145.97.1.1" }, undefined, ["NL", null]],
    ["else the request's address", {}, "145.97.1.1", ["NL", null]],
    ["an unknown name falls back to the address", { location: { country: "Atlantis" } }, "145.97.1.1", ["NL", null]],
    ["nothing known", {}, undefined, [null, null]],
  ])("country: %s", (_name, context, requestIp, expected) => {
    const e = ok({ anonymousId: "a", event: "x", context }, "track", { requestIp });
    expect([e.country, e.region]).toEqual(expected);
  });

  it.each([
    ["context.userAgent wins", { userAgent: IPHONE }, CHROME, "mobile", false],
    ["else the request's agent", {}, IPHONE, "mobile", false],
    ["a crawler in context is a bot", { userAgent: GOOGLEBOT }, CHROME, "desktop", true],
    ["a crawler sending for itself is a bot", {}, GOOGLEBOT, "desktop", true],
    ["the snippet's automation flag", { userAgent: CHROME, automation: true }, undefined, "desktop", true],
    ["a server library is not a bot", {}, "analytics-node-next/latest", "desktop", false],
  ])("user agent: %s", (_name, context, requestUserAgent, device, bot) => {
    const e = ok({ anonymousId: "a", event: "x", context }, "track", { requestUserAgent });
    expect([e.device, e.bot]).toEqual([device, bot]);
  });
});

describe("pathOf", () => {
  const parsed = (url: string) => {
    try {
      return new URL(url, "http://x").pathname;
    } catch {
      return null;
    }
  };
  it("gives the path `new URL` gives, for plain URLs read without parsing and for the rest", () => {
    const urls = [
      "https://shop.nl/product/x?utm_source=google",
      "https://shop.nl",
      "https://shop.nl?x=1",
      "https://shop.nl#top",
      "HTTPS://Shop.NL/Fiets/",
      "https://shop.nl./a",
      "https://shop.nl/a/./b",
      "https://shop.nl/a/../b",
      "https://shop.nl/a/%2e%2E/b",
      "https://shop.nl/a/.%2e/b",
      "https://shop.nl/.well-known/x",
      "https://shop.nl/a%20b/%zz",
      "https://shop.nl/a b",
      "https://shop.nl/a\tb",
      "https://shop.nl/a\\b",
      "https://shop.nl/é",
      'https://shop.nl/a"b<c>`{}|^[]',
      "https://1.2.3.999/x",
      "https://1.2.3.4/x",
      "https://0x1/x",
      "https://a.0x1/x",
      "https://xn--zz.nl/x",
      "https://xn--fiets-6ya.nl/x",
      "https://shop.nl:99999/x",
      "https://shop.nl:8080/x",
      "https://u:p@shop.nl/x",
      "https://sh_op.nl/x",
      "https://a..b/x",
      " https://shop.nl/x",
      "https://shop.nl/x ",
      "ftp://shop.nl/x",
      "/relative/path",
      "relative",
      "https://",
      "http:shop.nl/x",
      "https://-a.b-/x",
      "https://shop.nl/~user/!$&'()*+,;=:@",
    ];
    for (const url of urls) expect([url, pathOf(url)]).toEqual([url, parsed(url)]);
    // Random URLs over the characters that matter.
    const chars = ["a", "Z", "0", "9", "-", ".", "/", "%", "2", "e", "E", "?", "#", ":", "@", "_", " ", "\\", "é", "x", "n"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(next() * 14);
      const rest = Array.from({ length }, () => chars[Math.floor(next() * chars.length)]).join("");
      const url = `${next() < 0.5 ? "https" : "http"}://${rest}`;
      expect([url, pathOf(url)]).toEqual([url, parsed(url)]);
    }
  });
});

describe("a __proto__ key", () => {
  it.each([
    ['{"anonymousId":"a","event":"x","properties":{"__proto__":{"x":1},"ok":1}}', "track", "properties.__proto__"],
    ['{"userId":"u","traits":{"__proto__":1}}', "identify", "traits.__proto__"],
    ['{"anonymousId":"a","context":{"__proto__":{"userAgent":"x"}}}', "page", "context.__proto__"],
    ['{"anonymousId":"a","event":"x","__proto__":{"event":"y"}}', "track", "__proto__"],
    ['{"anonymousId":"a","event":"x","properties":{"list":[{"__proto__":1}]}}', "track", "properties.list.0.__proto__"],
  ])("is refused with its path: %s", (json, type, path) => {
    expect(normalizeMessage(JSON.parse(json), type as never, ctx)).toEqual({ ok: false, error: `${path} is not accepted as a key name` });
  });
});

describe("a batch's context and integrations", () => {
  const batchDefaults = {
    context: { userAgent: GOOGLEBOT, campaign: { source: "nieuwsbrief", medium: "email" }, location: { country: "BE" } },
    integrations: { All: false },
  };

  it("apply to an item without its own: bots, UTM and country come from them", () => {
    expect(ok({ anonymousId: "a", event: "x" }, "track", { batchDefaults })).toMatchObject({
      bot: true,
      source: "nieuwsbrief",
      medium: "email",
      country: "BE",
    });
  });

  it("yield key by key to the item's own, and a nested object the item sends wins whole", () => {
    const e = ok({ anonymousId: "a", event: "x", context: { userAgent: CHROME, campaign: { source: "google" } } }, "track", {
      batchDefaults,
    });
    expect(e).toMatchObject({ bot: false, browser: "Chrome", source: "google", medium: null, country: "BE" });
  });

  it("leave an item's context that is not an object to be refused as its own", () => {
    expect(normalizeMessage({ anonymousId: "a", event: "x", context: "x" }, "track", { ...ctx, batchDefaults })).toEqual({
      ok: false,
      error: "context has the wrong type (expected object)",
    });
  });
});
