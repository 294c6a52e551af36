import { describe, expect, it } from "vitest";
import { parsePlausibleEvent, plausibleToSegment, siteDomain } from "./plausible";
import { parseUmamiBody, umamiToSegment } from "./umami";
import { dailyVisitorId, saltDay } from "./visitor";
import { normalizeMessage } from "./normalize";

/*
 * The bodies below are what the trackers' own code builds (plausible/analytics tracker/src/track.js
 * and engagement.js: JSON.stringify of {n, v, u, d, r, m?, p?, i?, $?, h?}; umami
 * src/tracker/index.js: JSON.stringify({ type, payload: { website, screen, language, title,
 * hostname, url, referrer, tag, id, vid, name?, data? } }), written out as the bytes they send.
 */
const PLAUSIBLE = {
  pageview:
    '{"n":"pageview","v":27,"u":"https://www.bakkerij-jansen.nl/bestellen?utm_source=nieuwsbrief&utm_medium=email","d":"bakkerij-jansen.nl","r":"https://www.google.com/"}',
  revenue:
    '{"n":"Purchase","v":27,"u":"https://bakkerij-jansen.nl/afrekenen","d":"bakkerij-jansen.nl","r":null,"p":{"plan":"taart","items":3,"empty":"","nested":{"a":1}},"$":{"amount":"42.50","currency":"eur"}}',
  hash: '{"n":"pageview","v":27,"u":"https://app.voorbeeld.nl/#/prijzen","d":"app.voorbeeld.nl","r":null,"h":1}',
  engagement: '{"n":"engagement","sd":63,"d":"bakkerij-jansen.nl","u":"https://bakkerij-jansen.nl/","p":{},"e":5123,"v":27}',
  legacyMeta: '{"n":"Signup","u":"https://bakkerij-jansen.nl/","d":"bakkerij-jansen.nl","r":null,"m":"{\\"plan\\":\\"pro\\"}"}',
  apiReference: '{"name":"pageview","url":"http://dummy.site","domain":"dummy.site"}',
  twoSites: '{"n":"pageview","v":27,"u":"https://merk.nl/","d":"shop.nl, www.Merk.nl","r":null,"i":false}',
};
const WEBSITE = "5d2f5a2e-8a51-4c43-9d0e-1f0b6b0c2a11";
const VID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const UMAMI = {
  pageview: `{"type":"event","payload":{"website":"${WEBSITE}","screen":"1440x900","language":"nl-NL","title":"Bestellen","hostname":"bakkerij-jansen.nl","url":"https://bakkerij-jansen.nl/bestellen?utm_source=nieuwsbrief&utm_medium=email","referrer":"https://www.google.com/","vid":"${VID}"}}`,
  event: `{"type":"event","payload":{"website":"${WEBSITE}","screen":"390x844","language":"nl-NL","title":"Reserveren","hostname":"bakkerij-jansen.nl","url":"https://bakkerij-jansen.nl/reserveren","referrer":"","vid":"${VID}","name":"reservation","data":{"guests":4,"revenue":120.5}}}`,
  identify: `{"type":"identify","payload":{"website":"${WEBSITE}","screen":"1440x900","language":"en-GB","title":"Account","hostname":"bakkerij-jansen.nl","url":"https://bakkerij-jansen.nl/account","referrer":"","id":"klant-42","vid":"${VID}","data":{"plan":"pro"}}}`,
  olderTracker: `{"type":"event","payload":{"website":"${WEBSITE}","hostname":"bakkerij-jansen.nl","screen":"1920x1080","language":"en-US","title":"Home","url":"/?utm_source=linkedin","referrer":""}}`,
};

const ctx = {
  receivedAt: new Date("2026-12-03T10:00:00Z"),
  requestUserAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/130",
  lookupCountry: () => null,
};

function plausible(body: string) {
  const r = parsePlausibleEvent(JSON.parse(body));
  if (!r.ok) throw new Error(r.error);
  return r.event;
}

describe("Plausible Events API bodies", () => {
  it("maps the script's page view to a page with its path, UTM tags and referrer", () => {
    const e = plausible(PLAUSIBLE.pageview);
    expect(e.domains).toEqual(["bakkerij-jansen.nl"]);
    const n = normalizeMessage(plausibleToSegment(e, "v1-x"), undefined, ctx);
    expect(n.ok && n.event).toMatchObject({
      type: "page",
      name: "pageview",
      anonymousId: "v1-x",
      path: "/bestellen",
      source: "nieuwsbrief",
      medium: "email",
      referrerDomain: "google.com",
      device: "desktop",
    });
  });

  it("keeps scalar props and the revenue amount with its currency, as Plausible keeps them", () => {
    const e = plausible(PLAUSIBLE.revenue);
    expect(e.props).toEqual({ plan: "taart", items: 3 });
    expect(e.revenue).toEqual({ amount: 42.5, currency: "EUR" });
    const n = normalizeMessage(plausibleToSegment(e, "v1-x"), undefined, ctx);
    expect(n.ok && n.event).toMatchObject({ type: "track", name: "Purchase", revenue: 42.5, path: "/afrekenen" });
    expect(n.ok && n.event.properties).toMatchObject({ plan: "taart", items: 3, currency: "EUR" });
  });

  it("counts the fragment as part of the path in hash mode, marks engagement pings, reads legacy meta and the reference's long keys", () => {
    expect(plausible(PLAUSIBLE.hash).path).toBe("/#/prijzen");
    expect(plausible(PLAUSIBLE.engagement).engagement).toBe(true);
    expect(plausible(PLAUSIBLE.pageview).engagement).toBe(false);
    expect(plausible(PLAUSIBLE.legacyMeta).props).toEqual({ plan: "pro" });
    expect(plausible(PLAUSIBLE.apiReference)).toMatchObject({ name: "pageview", domains: ["dummy.site"], path: "/" });
    expect(plausible(PLAUSIBLE.twoSites).domains).toEqual(["shop.nl", "merk.nl"]);
  });

  it("says what is wrong with a body it cannot take", () => {
    const bad = (body: unknown) => {
      const r = parsePlausibleEvent(body);
      return r.ok ? "accepted" : r.error;
    };
    expect(bad([])).toMatch(/JSON object/);
    expect(bad({ u: "https://a.nl/" })).toBe("name is required (n or name)");
    expect(bad({ n: "pageview" })).toBe("url is required (u or url)");
    expect(bad({ n: "pageview", u: "/relative" })).toBe("url must be an absolute URL");
    expect(bad({ n: "pageview", u: "data:text/html,x" })).toBe("url must be an http(s) URL");
    expect(bad({ n: "x", u: "https://a.nl/", p: "{not json" })).toBe("props is not valid JSON");
    expect(bad({ n: "x", u: "https://a.nl/", $: { amount: "veel", currency: "EUR" } })).toBe("revenue.amount must be a number");
    expect(bad({ n: "x".repeat(201), u: "https://a.nl/" })).toMatch(/^n must be at most 200/);
    expect(siteDomain(" WWW.Example.NL. ")).toBe("example.nl");
  });

  it("names a field PostgreSQL cannot store, before the domain lookup", () => {
    const error = (body: unknown) => {
      const r = parsePlausibleEvent(body);
      return r.ok ? "accepted" : r.error;
    };
    const NUL = "contains a NUL character (\\u0000)";
    expect(error({ n: "pageview", u: "https://a.nl/", d: "a.nl\u0000" })).toBe(`d ${NUL}`);
    expect(error({ n: "pageview", u: "https://a.nl/", d: "a.nl,b\u0000.nl" })).toBe(`d ${NUL}`);
    expect(error({ name: "pageview", url: "https://a.nl/", domain: "\u0000" })).toBe(`domain ${NUL}`);
    expect(error({ n: "x", u: "https://a.nl/", p: { "k\u0000": 1 } })).toBe(`p.k\\u0000 has a key that ${NUL}`);
    expect(error({ n: "x", u: "https://a.nl/", m: '{"plan":"a\\u0000"}' })).toBe(`props.plan ${NUL}`);
  });

  it("takes at most 10 domains, and says so", () => {
    const domains = (n: number) => Array.from({ length: n }, (_, i) => `x${i}.nl`).join(",");
    const r = parsePlausibleEvent({ n: "pageview", u: "https://a.nl/", d: domains(10) });
    expect(r.ok && r.event.domains).toHaveLength(10);
    expect(parsePlausibleEvent({ n: "pageview", u: "https://a.nl/", d: domains(11) })).toEqual({
      ok: false,
      error: "d names 11 domains; send at most 10",
    });
    expect(parsePlausibleEvent({ name: "pageview", url: "https://a.nl/", domain: domains(12) })).toEqual({
      ok: false,
      error: "domain names 12 domains; send at most 10",
    });
    // The same domain twice counts once.
    expect(parsePlausibleEvent({ n: "pageview", u: "https://a.nl/", d: `${domains(10)},x0.nl,www.x1.nl` }).ok).toBe(true);
  });

  it("refuses a __proto__ key in props, also in props sent as JSON text, and never sets a prototype", () => {
    const error = (body: string) => {
      const r = parsePlausibleEvent(JSON.parse(body));
      return r.ok ? "accepted" : r.error;
    };
    expect(error('{"n":"x","u":"https://a.nl/","p":{"__proto__":"y","ok":1}}')).toBe("p.__proto__ is not accepted as a key name");
    expect(error('{"n":"x","u":"https://a.nl/","props":{"a":{"__proto__":1}}}')).toBe("props.a.__proto__ is not accepted as a key name");
    expect(error('{"n":"x","u":"https://a.nl/","m":"{\\"__proto__\\":\\"y\\"}"}')).toBe("props.__proto__ is not accepted as a key name");
    const r = parsePlausibleEvent(JSON.parse('{"n":"x","u":"https://a.nl/","p":{"constructor":"y","toString":1}}'));
    expect(r.ok && Object.getPrototypeOf(r.event.props)).toBe(Object.prototype);
    expect(r.ok && r.event.props).toEqual({ constructor: "y", toString: 1 });
  });
});

function umami(body: string) {
  const r = parseUmamiBody(JSON.parse(body));
  if (!r.ok) throw new Error(r.error);
  return umamiToSegment(r.type, r.payload, "umami-" + VID);
}

describe("Umami collect bodies", () => {
  it("maps a page view, a custom event with data and an identify call", () => {
    const page = normalizeMessage(umami(UMAMI.pageview), undefined, ctx);
    expect(page.ok && page.event).toMatchObject({ type: "page", path: "/bestellen", source: "nieuwsbrief", referrerDomain: "google.com" });
    const event = normalizeMessage(umami(UMAMI.event), undefined, ctx);
    expect(event.ok && event.event).toMatchObject({ type: "track", name: "reservation", revenue: 120.5, path: "/reserveren" });
    expect(event.ok && event.event.properties).toMatchObject({ guests: 4 });
    const identify = normalizeMessage(umami(UMAMI.identify), undefined, ctx);
    expect(identify.ok && identify.event).toMatchObject({ type: "identify", userId: "klant-42", anonymousId: "umami-" + VID });
    expect(identify.ok && identify.event.traits).toEqual({ plan: "pro" });
  });

  it("reads an older tracker's path-only url against its hostname", () => {
    const n = normalizeMessage(umami(UMAMI.olderTracker), undefined, ctx);
    expect(n.ok && n.event).toMatchObject({
      type: "page",
      path: "/",
      url: "https://bakkerij-jansen.nl/?utm_source=linkedin",
      source: "linkedin",
    });
  });

  it("says what is wrong with a body it cannot take", () => {
    const bad = (body: unknown) => {
      const r = parseUmamiBody(body);
      return r.ok ? "accepted" : r.error;
    };
    expect(bad({ type: "event" })).toBe("payload is required");
    expect(bad({ type: "event", payload: {} })).toBe("payload.website is required");
    expect(bad({ type: "event", payload: { website: "abc" } })).toBe("payload.website must be the website id (a UUID)");
    expect(bad({ type: "click", payload: { website: WEBSITE } })).toBe("type must be event or identify");
    expect(bad({ type: "event", payload: { website: WEBSITE + "\u0000" } })).toBe("payload.website contains a NUL character (\\u0000)");
    expect(bad(JSON.parse(`{"type":"event","payload":{"website":"${WEBSITE}","data":{"__proto__":{"a":1}}}}`))).toBe(
      "payload.data.__proto__ is not accepted as a key name",
    );
  });
});

describe("the daily visitor hash", () => {
  const salt = Buffer.alloc(32, 7);
  it("is the same for the same site, address and agent under one salt, and differs otherwise", () => {
    const a = dailyVisitorId(salt, "shop.nl", "192.0.2.1", "UA");
    expect(dailyVisitorId(salt, "SHOP.nl", "192.0.2.1", "UA")).toBe(a);
    expect(dailyVisitorId(salt, "shop.nl", "192.0.2.2", "UA")).not.toBe(a);
    expect(dailyVisitorId(salt, "shop.nl", "192.0.2.1", "UA2")).not.toBe(a);
    expect(dailyVisitorId(salt, "merk.nl", "192.0.2.1", "UA")).not.toBe(a);
    expect(dailyVisitorId(Buffer.alloc(32, 8), "shop.nl", "192.0.2.1", "UA")).not.toBe(a);
    expect(a).not.toContain("192.0.2.1");
    expect(saltDay(new Date("2026-12-03T23:59:59Z"))).toBe("2026-12-03");
  });
});
