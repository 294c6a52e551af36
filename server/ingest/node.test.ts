import http from "node:http";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeEachDb } from "../../tests/db";
import { ownerWithProject } from "../../tests/fixtures";
import { setDbHandle } from "../../db/client";
import { setDropInClaims, dropInClaimsSchema } from "../../db/dropin";
import { withSecurity } from "../http";
import { handleIngestion } from "./node";

vi.mock("server-only", () => ({}));
const v1 = await import("../../app/v1/[kind]/route");
const plausible = await import("../../app/api/event/route");
const umami = await import("../../app/api/send/route");

/*
 * The server's own ingestion path (node.ts) answers exactly as the Next routes it stands in front
 * of: each request below goes once through the app's HTTP server to handleIngestion and once as a
 * fetch Request into the route handler, each for its own project (so neither sees the other's
 * events as duplicates), and status, body and the headers a client reads must be equal.
 */

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
const WEBSITES = ["5d2f5a2e-8a51-4c43-9d0e-1f0b6b0c2a11", "6e3a5a2e-8a51-4c43-9d0e-1f0b6b0c2a11"];
const DOMAINS = ["bakkerij-een.nl", "bakkerij-twee.nl"];

type Case = { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string };
type Site = { writeKey: string; domain: string; website: string };
const basic = (key: string) => ({ authorization: "Basic " + Buffer.from(key + ":").toString("base64") });
const json = { "content-type": "application/json", "user-agent": CHROME };
const message = (i: number, extra: object = {}) => ({
  type: "track",
  event: "Order Completed",
  anonymousId: `a${i}`,
  messageId: `m${i}`,
  properties: { revenue: 12.5 },
  context: { page: { url: "https://shop.nl/?utm_source=google" } },
  ...extra,
});

const cases: Record<string, (s: Site) => Case> = {
  "a batch with the key as basic auth": (s) => ({
    method: "POST",
    path: "/v1/batch",
    headers: { ...json, ...basic(s.writeKey) },
    body: JSON.stringify({
      batch: [message(1), message(2, { type: "page", name: "Home" }), message(3, { type: "identify", userId: "u1" })],
    }),
  }),
  "a track call with the key in the body and a query string": (s) => ({
    method: "POST",
    path: "/v1/track?x=1",
    headers: json,
    body: JSON.stringify({ ...message(4), writeKey: s.writeKey }),
  }),
  "a gzip batch": (s) => ({
    method: "POST",
    path: "/v1/batch",
    headers: { ...json, ...basic(s.writeKey), "content-encoding": "gzip" },
    body: zlib.gzipSync(JSON.stringify({ batch: [message(5), message(5)] })),
  }),
  "a batch with one bad message": (s) => ({
    method: "POST",
    path: "/v1/batch",
    headers: { ...json, ...basic(s.writeKey) },
    body: JSON.stringify({ batch: [message(6), { type: "track", anonymousId: "x" }] }),
  }),
  "an unknown endpoint": (s) => ({ method: "POST", path: "/v1/constructor", headers: { ...json, ...basic(s.writeKey) }, body: "{}" }),
  "no write key": () => ({ method: "POST", path: "/v1/track", headers: json, body: JSON.stringify(message(7)) }),
  "an unknown write key": () => ({ method: "POST", path: "/v1/track", headers: { ...json, ...basic("tw_nope") }, body: "{}" }),
  "a call over 32 KB": (s) => ({
    method: "POST",
    path: "/v1/track",
    headers: { ...json, ...basic(s.writeKey) },
    body: JSON.stringify(message(8, { properties: { pad: "x".repeat(40_000) } })),
  }),
  "invalid JSON": (s) => ({ method: "POST", path: "/v1/batch", headers: { ...json, ...basic(s.writeKey) }, body: "{nope" }),
  "an unsupported encoding": (s) => ({
    method: "POST",
    path: "/v1/batch",
    headers: { ...json, ...basic(s.writeKey), "content-encoding": "br" },
    body: "{}",
  }),
  "the CORS preflight": () => ({ method: "OPTIONS", path: "/v1/batch", headers: { origin: "https://shop.nl" } }),
  "Plausible's page view": (s) => ({
    method: "POST",
    path: "/api/event",
    headers: { "content-type": "text/plain", "user-agent": CHROME },
    body: JSON.stringify({ n: "pageview", v: 27, u: `https://${s.domain}/?utm_source=mail`, d: s.domain, r: null }),
  }),
  "Plausible for a site nobody claimed": () => ({
    method: "POST",
    path: "/api/event",
    headers: { "content-type": "text/plain", "user-agent": CHROME },
    body: JSON.stringify({ n: "pageview", u: "https://elders.nl/", d: "elders.nl" }),
  }),
  "Plausible's preflight": () => ({ method: "OPTIONS", path: "/api/event" }),
  "Umami's event": (s) => ({
    method: "POST",
    path: "/api/send",
    headers: { "content-type": "application/json", "user-agent": CHROME },
    body: JSON.stringify({
      type: "event",
      payload: { website: s.website, hostname: "shop.nl", url: "/prijzen", title: "Prijzen", language: "nl", screen: "1920x1080" },
    }),
  }),
};

/** The headers a client reads of an ingestion answer. */
const READ = ["content-type", "retry-after", "access-control-allow-origin", "access-control-allow-methods"];
const picked = (headers: Headers) =>
  Object.fromEntries(
    [...READ, "access-control-allow-headers", "access-control-max-age"].map((h) => [h, headers.get(h)]).filter(([, v]) => v !== null),
  );

async function viaRoute(c: Case): Promise<Response> {
  const request = new Request(`http://127.0.0.1${c.path}`, {
    method: c.method,
    headers: { ...c.headers, "x-trechter-client-address": "127.0.0.1" },
    body: c.body as BodyInit | undefined,
  });
  const path = c.path.split("?")[0];
  if (path === "/api/event") return c.method === "OPTIONS" ? plausible.OPTIONS() : plausible.POST(request);
  if (path === "/api/send") return c.method === "OPTIONS" ? umami.OPTIONS() : umami.POST(request);
  if (c.method === "OPTIONS") return v1.OPTIONS();
  return v1.POST(request, { params: Promise.resolve({ kind: path.slice("/v1/".length) }) });
}

describeEachDb("ingestion on the app's own server, in front of Next", (getDb, kind) => {
  let url = "";
  let server: http.Server;
  const sites: Site[] = [];

  beforeAll(async () => {
    setDbHandle({ db: getDb(), kind, close: async () => {} });
    for (const i of [0, 1]) {
      const owner = await ownerWithProject(getDb(), `node-ingest-${i}-${kind}@example.nl`);
      await setDropInClaims(owner.scope, dropInClaimsSchema.parse({ plausibleDomain: DOMAINS[i], umamiWebsiteId: WEBSITES[i] }));
      sites.push({ writeKey: owner.writeKey, domain: DOMAINS[i], website: WEBSITES[i] });
    }
    // Whatever the server does not take is answered 418 here (in the app: by Next).
    server = http.createServer(
      withSecurity({ trustProxy: { kind: "none" } }, (req, res) => handleIngestion(req, res) || res.writeHead(418).end()),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it.each(Object.keys(cases))("answers %s as the Next route does", async (name) => {
    const ours = cases[name](sites[0]);
    const theirs = cases[name](sites[1]);
    const direct = await fetch(url + ours.path, { method: ours.method, headers: ours.headers, body: ours.body as BodyInit | undefined });
    const routed = await viaRoute(theirs);
    expect(direct.status).toBe(routed.status);
    expect(picked(direct.headers)).toEqual(picked(routed.headers));
    const [a, b] = [await direct.text(), await routed.text()];
    expect(a && JSON.parse(a)).toEqual(b && JSON.parse(b));
    if (direct.status >= 400) expect(JSON.parse(a).error.message).toBeTruthy();
  });

  it("leaves other methods and paths to Next", async () => {
    for (const [method, path] of [
      ["GET", "/v1/track"],
      ["HEAD", "/api/send"],
      ["POST", "/v1/batch/"],
      ["POST", "/v1/tr%61ck"],
      ["POST", "/v1/"],
      ["POST", "/api/events"],
    ]) {
      expect((await fetch(url + path, { method, body: method === "POST" ? "{}" : undefined })).status, `${method} ${path}`).toBe(418);
    }
  });
});
