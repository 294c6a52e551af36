import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

// The built snippet, run against a fake browser: what it would send, and whether it stays small.
const code = fs.readFileSync(path.resolve("public/t.js"), "utf8");

function run(opts: { dnt?: boolean; search?: string; queued?: unknown[] } = {}) {
  const sent: { url: string; body: string }[] = [];
  const storage = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
  };
  const location = { pathname: "/product/fiets", search: opts.search ?? "", href: `https://shop.nl/product/fiets${opts.search ?? ""}` };
  const listeners: Record<string, () => void> = {};
  const window: Record<string, unknown> = {
    location,
    localStorage: storage(),
    sessionStorage: storage(),
    history: { pushState: (_s: unknown, _t: string, url: string) => { location.pathname = url; location.href = "https://shop.nl" + url; }, replaceState: () => {} },
    addEventListener: (name: string, fn: () => void) => (listeners[name] = fn),
    crypto: { randomUUID: () => `id-${sent.length}-${Math.random()}` },
    trechter: opts.queued,
    navigator: { userAgent: "Mozilla/5.0 Test", language: "nl-NL", doNotTrack: opts.dnt ? "1" : null, sendBeacon: (url: string, blob: { text: string }) => (sent.push({ url, body: blob.text }), true) },
  };
  const document = { currentScript: { src: "https://app.trechter.nl/t.js", getAttribute: (n: string) => (n === "data-key" ? "tw_key" : null) }, referrer: "https://www.google.nl/", title: "Fiets" };
  class Blob { text: string; constructor(parts: string[]) { this.text = parts.join(""); } }
  vm.runInNewContext(code, { window, document, URL, URLSearchParams, JSON, Date, Math, Array, setTimeout: (fn: () => void) => fn(), Blob });
  return { get sent() { return sent.map((s) => ({ url: s.url, body: JSON.parse(s.body) })); }, window };
}

describe("tracking snippet", () => {
  it("stays under 2 KB gzipped", () => {
    expect(zlib.gzipSync(code, { level: 9 }).length).toBeLessThan(2048);
  });

  it("sends a page view in the Segment wire format with the write key and UTM tags", () => {
    const { sent } = run({ search: "?utm_source=Newsletter&utm_medium=email" });
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe("https://app.trechter.nl/v1/batch");
    const { writeKey, sentAt, batch } = sent[0].body;
    expect(writeKey).toBe("tw_key");
    expect(typeof sentAt).toBe("string");
    expect(batch[0]).toMatchObject({ type: "page", properties: { path: "/product/fiets" }, context: { campaign: { source: "Newsletter", medium: "email" }, page: { referrer: "https://www.google.nl/" } } });
    expect(batch[0].anonymousId).toBeTruthy();
    expect(batch[0].messageId).toBeTruthy();
  });

  it("tracks, identifies, replays queued calls and counts client-side navigation", () => {
    const page = run({ queued: [["track", "early", { a: 1 }]] });
    const window = page.window;
    const t = window.trechter as { track: (n: string, p?: object) => void; identify: (id: string, traits?: object) => void };
    t.identify("user-7", { age: 30 });
    t.track("add_to_cart", { sku: "F1" });
    (window.history as { pushState: (s: unknown, t: string, u: string) => void }).pushState({}, "", "/cart");
    const sent = page.sent;
    const types = sent.map((s) => [s.body.batch[0].type, s.body.batch[0].event ?? s.body.batch[0].properties?.path]);
    expect(types).toEqual([["page", "/product/fiets"], ["track", "early"], ["identify", undefined], ["track", "add_to_cart"], ["page", "/cart"]]);
    expect(sent[3].body.batch[0].userId).toBe("user-7");
    const anon = new Set(sent.map((s) => s.body.batch[0].anonymousId));
    expect(anon.size).toBe(1);
  });

  it("sends nothing when Do Not Track is on", () => {
    expect(run({ dnt: true }).sent).toEqual([]);
  });
});
