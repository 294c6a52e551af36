import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

/*
 * The built drop-ins (public/drop-in/*.js), run against a fake browser whose requests answer only
 * when the test says so: the server times an event when it arrives, so a drop-in must not have two
 * requests in flight at once, or a click and the identify right after it could be stored the other
 * way round (a flaky Umami e2e run showed exactly that).
 */

type Request = { body: Record<string, unknown>; keepalive: boolean; answer: () => void; fail: () => void };

function load(file: "umami.js" | "plausible.js", attrs: Record<string, string>, src: string) {
  const code = fs.readFileSync(path.resolve("public/drop-in", file), "utf8");
  const requests: Request[] = [];
  const listeners: Record<string, () => void> = {};
  const timers: (() => void)[] = [];
  const store = new Map<string, string>();
  const window: Record<string, unknown> = {
    location: {
      href: "https://www.bakkerij.nl/reserveren",
      hostname: "www.bakkerij.nl",
      origin: "https://www.bakkerij.nl",
      pathname: "/reserveren",
      search: "",
      hash: "",
    },
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    crypto: { randomUUID: () => "0b3c0c7e-7d3a-4f7e-9a56-5b8d9f1f0a11" },
    screen: { width: 1280, height: 800 },
    navigator: { language: "nl-NL" },
    history: { pushState: () => {}, replaceState: () => {} },
    addEventListener: (name: string, fn: () => void) => (listeners[name] = fn),
    fetch: (_url: string, init: { body: string; keepalive: boolean }) =>
      new Promise((resolve, reject) => {
        requests.push({
          body: JSON.parse(init.body),
          keepalive: init.keepalive,
          answer: () => resolve({ status: 200 }),
          fail: () => reject(new Error("offline")),
        });
      }),
  };
  const document = {
    currentScript: { src, getAttribute: (n: string) => attrs[n] ?? null },
    referrer: "",
    title: "Reserveren",
    addEventListener: () => {},
  };
  vm.runInNewContext(code, { window, document, URL, JSON, Promise, setTimeout: (fn: () => void) => timers.push(fn) });
  return { window, requests, listeners, timers };
}

/** Lets the page's promise callbacks run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the Umami drop-in sends one request at a time, in the order of the calls", () => {
  const umami = () => load("umami.js", { "data-website-id": "94db1cb1-74f4-4a40-ad6c-962362670409" }, "https://app.trechter.nl/script.js");
  const nameOf = (r: Request) => `${r.body.type}:${(r.body.payload as { name?: string }).name ?? ""}`;

  it("holds a click and an identify until the page view before them is answered", async () => {
    const page = umami();
    const api = page.window.umami as { track(n: string, d?: object): Promise<unknown>; identify(id: string, d?: object): Promise<unknown> };
    expect(page.requests.map(nameOf)).toEqual(["event:"]);
    const tracked = api.track("reservation", { guests: "4" });
    const identified = api.identify("klant-42", { plan: "pro" });
    await settle();
    expect(page.requests.map(nameOf)).toEqual(["event:"]);
    page.requests[0].answer();
    await settle();
    expect(page.requests.map(nameOf)).toEqual(["event:", "event:reservation"]);
    // A request that fails releases the next one as an answer does.
    page.requests[1].fail();
    await tracked;
    await settle();
    expect(page.requests.map(nameOf)).toEqual(["event:", "event:reservation", "identify:"]);
    expect((page.requests[2].body.payload as { id: string }).id).toBe("klant-42");
    page.requests[2].answer();
    await identified;
  });

  it("lets the next request go when one hangs for 3 s, and sends everything waiting when the page is left", async () => {
    const page = umami();
    const api = page.window.umami as { track(n: string): Promise<unknown> };
    void api.track("a");
    void api.track("b");
    void api.track("c");
    await settle();
    expect(page.requests.map(nameOf)).toEqual(["event:"]);
    page.timers[0](); // the page view's 3 s are up
    await settle();
    expect(page.requests.map(nameOf)).toEqual(["event:", "event:a"]);
    page.listeners.pagehide();
    expect(page.requests.map(nameOf)).toEqual(["event:", "event:a", "event:b", "event:c"]);
    // A late answer of the one that hung starts nothing twice.
    page.requests[0].answer();
    page.requests[1].answer();
    await settle();
    expect(page.requests).toHaveLength(4);
    // Every request outlives the page (keepalive), those sent as it is left above all.
    expect(page.requests.every((r) => r.keepalive === true)).toBe(true);
  });
});

describe("the Plausible drop-in sends one request at a time, in the order of the calls", () => {
  it("holds a custom event until the page view is answered, and calls each callback with its answer", async () => {
    const page = load("plausible.js", { "data-domain": "bakkerij.nl" }, "https://app.trechter.nl/js/script.js");
    const plausible = page.window.plausible as (n: string, o?: object) => void;
    const answers: unknown[] = [];
    plausible("Reservation", { props: { guests: 4 }, callback: (r: unknown) => answers.push(r) });
    plausible("Signup", { callback: (r: unknown) => answers.push(r) });
    await settle();
    expect(page.requests.map((r) => r.body.n)).toEqual(["pageview"]);
    page.requests[0].answer();
    await settle();
    expect(page.requests.map((r) => r.body.n)).toEqual(["pageview", "Reservation"]);
    page.requests[1].answer();
    await settle();
    page.requests[2].fail();
    await settle();
    expect(page.requests.map((r) => r.body.n)).toEqual(["pageview", "Reservation", "Signup"]);
    expect(answers).toEqual([{ status: 200 }, { error: expect.any(Error) }]);
    expect(page.requests.every((r) => r.keepalive === true)).toBe(true);
  });
});
