import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { execFileSync } from "node:child_process";
import { parseBatch } from "./batch";

// The built snippet, run against a fake browser: what it would send, and whether it stays small.
const code = fs.readFileSync(path.resolve("public/t.js"), "utf8");

type Storage = {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  removeItem(k: string): void;
  map: Map<string, string>;
};
function storage(): Storage {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}
const broken = {
  getItem: () => {
    throw new Error("denied");
  },
  setItem: () => {
    throw new Error("denied");
  },
  removeItem: () => {},
};

type Options = {
  search?: string;
  queued?: unknown[];
  local?: unknown;
  session?: unknown;
  nav?: Record<string, unknown>;
  win?: Record<string, unknown>;
  attrs?: Record<string, string>;
  beacon?: boolean;
};
type Sent = { url: string; via: "beacon" | "fetch"; body: { writeKey: string; sentAt: string; batch: Record<string, any>[] } };

function load(opts: Options = {}) {
  const raw: { url: string; via: "beacon" | "fetch"; body: string }[] = [];
  const location = { pathname: "/product/fiets", search: opts.search ?? "", href: `https://shop.nl/product/fiets${opts.search ?? ""}` };
  const listeners: Record<string, () => void> = {};
  const navigate = (url: string) => {
    const [p, q] = url.split("?");
    location.pathname = p;
    location.search = q ? `?${q}` : "";
    location.href = `https://shop.nl${url}`;
  };
  const window: Record<string, unknown> = {
    location,
    localStorage: opts.local ?? storage(),
    sessionStorage: opts.session ?? storage(),
    history: { pushState: (_s: unknown, _t: string, url: string) => navigate(url), replaceState: () => {} },
    addEventListener: (name: string, fn: () => void) => (listeners[name] = fn),
    crypto: { randomUUID: () => `id-${raw.length}-${Math.random()}` },
    trechter: opts.queued,
    fetch: (url: string, init: { body: string; keepalive: boolean }) => (
      raw.push({ url, via: "fetch", body: init.body }),
      Promise.resolve({})
    ),
    navigator: {
      userAgent: "Mozilla/5.0 Test",
      language: "nl-NL",
      sendBeacon:
        opts.beacon === false
          ? undefined
          : (url: string, blob: { text: string; type: string }) => (raw.push({ url, via: "beacon", body: blob.text }), true),
      ...opts.nav,
    },
    ...opts.win,
  };
  const attrs: Record<string, string> = { "data-key": "tw_key", ...opts.attrs };
  const document = {
    currentScript: { src: "https://app.trechter.nl/t.js", getAttribute: (n: string) => attrs[n] ?? null },
    referrer: "https://www.google.nl/",
    title: "Fiets",
  };
  class Blob {
    text: string;
    type: string;
    constructor(parts: string[], o: { type: string }) {
      this.text = parts.join("");
      this.type = o.type;
    }
  }
  vm.runInNewContext(code, {
    window,
    document,
    URL,
    URLSearchParams,
    JSON,
    Date,
    Math,
    Array,
    Promise,
    setTimeout: (fn: () => void) => fn(),
    Blob,
  });
  const api = window.trechter as {
    track(n: string, p?: object): void;
    identify(id: string, t?: object): void;
    page(): void;
    reset(): void;
    push(c: unknown[]): void;
  };
  return {
    api,
    navigate: (url: string) => (window.history as { pushState(s: unknown, t: string, u: string): void }).pushState({}, "", url),
    get sent(): Sent[] {
      return raw.map((s) => ({ ...s, body: JSON.parse(s.body) }));
    },
    get messages() {
      return this.sent.map((s) => s.body.batch[0]);
    },
    window,
  };
}

describe("tracking snippet", () => {
  it("is the build of snippet/trechter.js and stays under 2 KB gzipped", () => {
    const out = execFileSync(process.execPath, ["scripts/build-snippet.mjs", "--check"], { encoding: "utf8" });
    expect(out).toMatch(/\d+ bytes gzipped \(limit 2048\)/);
  });

  it("sends a page view on load in the Segment wire format, with the write key, by beacon as text/plain", () => {
    const { sent } = load({ search: "?utm_source=Newsletter&utm_medium=email&utm_campaign=Lente" });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: "https://app.trechter.nl/v1/batch", via: "beacon" });
    const { writeKey, sentAt, batch } = sent[0].body;
    expect(writeKey).toBe("tw_key");
    expect(new Date(sentAt).toISOString()).toBe(sentAt);
    expect(batch[0]).toMatchObject({
      type: "page",
      messageId: expect.any(String),
      anonymousId: expect.any(String),
      timestamp: sentAt,
      properties: {
        path: "/product/fiets",
        url: "https://shop.nl/product/fiets?utm_source=Newsletter&utm_medium=email&utm_campaign=Lente",
        referrer: "https://www.google.nl/",
        title: "Fiets",
      },
      context: {
        page: {
          path: "/product/fiets",
          url: expect.stringContaining("https://shop.nl/product/fiets"),
          referrer: "https://www.google.nl/",
          title: "Fiets",
          search: "?utm_source=Newsletter&utm_medium=email&utm_campaign=Lente",
        },
        campaign: { source: "Newsletter", medium: "email", name: "Lente" },
        userAgent: "Mozilla/5.0 Test",
        locale: "nl-NL",
        library: { name: "trechter.js", version: expect.any(String) },
      },
    });
  });

  it("sends what ingestion accepts", () => {
    const page = load({ search: "?utm_source=Newsletter" });
    page.api.track("add_to_cart", { sku: "F1", revenue: "12.50" });
    page.api.identify("user-7", { age: 30 });
    const events = page.sent.map((s) => parseBatch(s.body, { receivedAt: new Date(), lookupCountry: () => null }));
    expect(events.map((r) => r.ok && r.rejected)).toEqual([[], [], []]);
    expect(events.map((r) => r.ok && [r.accepted[0].name, r.accepted[0].path, r.accepted[0].source])).toEqual([
      ["pageview", "/product/fiets", "newsletter"],
      ["add_to_cart", "/product/fiets", "newsletter"],
      ["identify", "/product/fiets", "newsletter"],
    ]);
  });

  it("tracks, identifies, replays calls queued before load, and counts client-side navigation", () => {
    const page = load({ queued: [["track", "early", { a: 1 }], ["nonsense"]] });
    page.api.identify("user-7", { age: 30 });
    page.api.track("add_to_cart", { sku: "F1" });
    page.navigate("/cart");
    page.navigate("/cart");
    page.api.push(["track", "late"]);
    const m = page.messages;
    expect(m.map((x) => [x.type, x.event ?? x.properties?.path ?? null])).toEqual([
      ["page", "/product/fiets"],
      ["track", "early"],
      ["identify", null],
      ["track", "add_to_cart"],
      ["page", "/cart"],
      ["track", "late"],
    ]);
    expect(m[3].userId).toBe("user-7");
    expect(m[2].traits).toEqual({ age: 30 });
    expect(new Set(m.map((x) => x.anonymousId)).size).toBe(1);
    const times = m.map((x) => Date.parse(x.timestamp));
    expect(times.every((t, i) => i === 0 || t > times[i - 1])).toBe(true);
  });

  it("gives a client-side page view the previous page as its referrer, as a full page load would", () => {
    const page = load();
    page.navigate("/cart");
    expect(page.messages.map((x) => x.context.page.referrer)).toEqual(["https://www.google.nl/", "https://shop.nl/product/fiets"]);
  });

  it("keeps the visitor's id and the visit's UTM tags across page loads, without cookies", () => {
    const local = storage();
    const session = storage();
    const first = load({ local, session, search: "?utm_source=mail" });
    const second = load({ local, session });
    expect(second.messages[0].anonymousId).toBe(first.messages[0].anonymousId);
    expect(second.messages[0].context.campaign).toEqual({ source: "mail" });
    expect([...local.map.keys()]).toEqual(["trechter_aid"]);
  });

  it("works without storage, and reset starts a new visitor", () => {
    const page = load({ local: broken, session: broken });
    page.api.track("x");
    page.api.reset();
    page.api.track("y");
    const ids = page.messages.map((x) => x.anonymousId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[1]);
  });

  it("posts to data-api, with keepalive fetch when sendBeacon is missing", () => {
    const { sent } = load({ attrs: { "data-api": "https://collect.example.nl/" }, beacon: false });
    expect(sent.map((s) => [s.url, s.via])).toEqual([["https://collect.example.nl/v1/batch", "fetch"]]);
  });

  it("marks automated browsers", () => {
    expect(load({ nav: { webdriver: true } }).messages[0].context.automation).toBe(true);
  });

  it.each([
    ["navigator.doNotTrack", { nav: { doNotTrack: "1" } }],
    ["window.doNotTrack", { win: { doNotTrack: "1" } }],
    ["Global Privacy Control", { nav: { globalPrivacyControl: true } }],
  ])("sends and stores nothing under %s", (_name, opts) => {
    const local = storage();
    const page = load({ ...opts, local });
    page.api.track("x");
    page.api.identify("u");
    expect(page.sent).toEqual([]);
    expect(local.map.size).toBe(0);
  });
});
