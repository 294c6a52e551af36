import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it, expect, afterEach } from "vitest";
import { withSecurity, type ServerSettings } from "../../server/http";
import { parseTrustProxy } from "../../lib/auth/trust-proxy";
import { clientAddress } from "../../lib/auth/client-address";
import { requestOrigin } from "../../server/origin";

// A real HTTP server with the app's request rewriting, whose handler answers with what the app
// would see: the client address and origin the app code reads, and the forwarded headers left.
let server: http.Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? (server.closeAllConnections(), server.close(() => done())) : done())));

async function serve(settings: ServerSettings): Promise<string> {
  server = http.createServer(
    withSecurity(settings, (req, res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, String(v));
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          address: clientAddress(headers),
          origin: requestOrigin(headers),
          xfh: req.headers["x-forwarded-host"] ?? null,
          xff: req.headers["x-forwarded-for"] ?? null,
        }),
      );
    }),
  );
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const spoofed = {
  "x-forwarded-for": "6.6.6.6",
  "x-real-ip": "7.7.7.7",
  "x-trechter-client-address": "8.8.8.8",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-trechter-origin": "https://evil.example",
};

describe("the app's HTTP server", () => {
  it("without TRUST_PROXY the socket's address is the client, whatever the headers say", async () => {
    const url = await serve({ trustProxy: parseTrustProxy(undefined)! });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(url, { headers: { ...spoofed, "x-forwarded-for": `198.51.100.${i}` } });
      const seen = await res.json();
      expect(seen).toMatchObject({ address: "127.0.0.1", xfh: null, xff: null });
      expect(seen.origin).toBe(`http://${new URL(url).host}`);
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("behind a trusted proxy the address it appended counts, not what the client prepended", async () => {
    const url = await serve({ trustProxy: parseTrustProxy("loopback")! });
    const res = await fetch(url, { headers: { ...spoofed, "x-forwarded-for": "6.6.6.6, 198.51.100.20" } });
    const seen = await res.json();
    expect(seen.address).toBe("198.51.100.20");
    expect(seen.origin).toBe("https://evil.example"); // the trusted proxy's own X-Forwarded-Host/-Proto
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it("an untrusted peer cannot set the origin; APP_URL wins over everything", async () => {
    const url = await serve({ trustProxy: parseTrustProxy("10.0.0.0/8")!, appUrl: "https://trechter.example.nl" });
    const res = await fetch(url, { headers: spoofed });
    const seen = await res.json();
    expect(seen).toMatchObject({ address: "127.0.0.1", xfh: null });
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("sets the security headers on every response", async () => {
    const url = await serve({ trustProxy: parseTrustProxy(undefined)! });
    const res = await fetch(url);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("refuses a chunked or oversized body outside the self-capped routes before the app reads it", async () => {
    let reached = 0;
    server = http.createServer(
      withSecurity({ trustProxy: parseTrustProxy(undefined)! }, (req, res) => {
        reached++;
        req.resume();
        req.on("end", () => res.end("read"));
      }),
    );
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const post = (path: string, headers: Record<string, string>, bytes: number, chunk = Buffer.alloc(64 * 1024, 97)) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, path, method: "POST", headers }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", (err) =>
          (err as NodeJS.ErrnoException).code === "EPIPE" || (err as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(err),
        );
        for (let sent = 0; sent < bytes; sent += chunk.length) req.write(chunk);
        req.end();
      });
    // next-auth's sign-in form read 300 MB whole; now a chunked body is refused unread.
    const chunked = await post(
      "/api/auth/callback/credentials",
      { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
      4 * 1024 * 1024,
    );
    expect(chunked.status).toBe(411);
    const tooLong = await post("/projects/x", { "content-type": "text/plain", "content-length": String(3 * 1024 * 1024) }, 0).catch(() => ({
      status: 413,
      body: "",
    }));
    expect(tooLong.status).toBe(413);
    expect(reached).toBe(0);
    // A normal form post and the ingestion routes (which cap their own stream) go through.
    expect(
      await post("/api/auth/callback/credentials", { "content-type": "text/plain", "content-length": "10" }, 10, Buffer.from("email=a@b.")),
    ).toEqual({ status: 200, body: "read" });
    const ingest = await post("/v1/batch", { "content-type": "application/json", "transfer-encoding": "chunked" }, 64 * 1024);
    expect(ingest).toEqual({ status: 200, body: "read" });
    expect(reached).toBeGreaterThanOrEqual(1);
  });

  it("answers a path with a broken percent-escape with 400, not the framework's 500", async () => {
    const url = await serve({ trustProxy: parseTrustProxy(undefined)! });
    for (const path of ["/share/%ED%A0%80", "/share/%C0%AF", "/share/%", "/api/v1/projects/%C0%AF/conversions"]) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_path");
    }
    expect((await fetch(url + "/share/%41bc")).status).toBe(200);
  });
});
