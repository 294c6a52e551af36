import { it, expect, beforeAll, afterAll } from "vitest";
import http from "node:http";
import zlib from "node:zlib";
import { describeEachDb } from "../db";
import { startIngestServer } from "../ingest-server";
import { setDbHandle } from "../../db/client";
import { createAccount } from "../../db/accounts";
import { teamScopeForUser } from "../../db/tenant";
import { createProject } from "../../db/projects";
import { MAX_BATCH_BYTES } from "../../lib/ingest/body";
import { MAX_JSON_BODY_BYTES } from "../../server/api-route";
import { POST as track } from "../../app/v1/[kind]/route";
import { POST as funnelQuery } from "../../app/api/v1/funnels/query/route";

/**
 * Hardening #3: bodies are read as streams under a hard cap whatever the headers say, and the key
 * is checked before the body is read. The attacker's body here is an endless stream that counts
 * what the server pulled from it: a server that buffers the whole body never answers (and the
 * test fails on its timeout) or pulls far past the cap.
 */
function endlessBody(chunk = Buffer.alloc(64 * 1024, 0x20)) {
  const sent = { bytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent.bytes += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
    cancel() {
      sent.cancelled = true;
    },
  });
  return { stream, sent };
}

/** A fetch Request with a streamed body: no Content-Length, as a chunked upload arrives. */
function streamingRequest(url: string, headers: Record<string, string>, body: ReadableStream<Uint8Array>) {
  return new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

/**
 * Posts up to `total` bytes chunked (no Content-Length) over real HTTP and stops as soon as the
 * server answers or closes the connection. Resolves with the status (null when the connection was
 * closed without one) and how much the client had written by then.
 */
function chunkedUpload(url: string, headers: Record<string, string>, total: number, firstChunk?: Buffer) {
  return new Promise<{ status: number | null; written: number; body: string }>((resolve) => {
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers } });
    let written = 0;
    let done = false;
    const finish = (status: number | null, body = "") => {
      if (done) return;
      done = true;
      resolve({ status, written, body });
      req.destroy();
    };
    req.on("response", (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => finish(res.statusCode ?? null, body));
      res.on("error", () => finish(res.statusCode ?? null, body));
    });
    req.on("error", () => finish(null));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!done && written < total) {
        const piece = written === 0 && firstChunk ? firstChunk : chunk;
        written += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

describeEachDb("request bodies are read under a cap, after the key", (db, kind) => {
  let server: Awaited<ReturnType<typeof startIngestServer>>;
  let writeKey: string;
  let readKey: string;
  const basic = (key: string) => "Basic " + Buffer.from(key + ":").toString("base64");
  const HUGE = 64 * 1024 * 1024;

  beforeAll(async () => {
    setDbHandle({ db: db(), kind, close: async () => {} });
    const { user } = await createAccount(db(), { name: "Body", email: "body-limits@example.nl", password: "long enough pw" });
    const created = await createProject((await teamScopeForUser(db(), user.id))!, { name: "Shop", sector: "saas" });
    writeKey = created.writeKey;
    readKey = created.readKey;
    server = await startIngestServer(db);
  });
  afterAll(() => server.close());

  it("answers a chunked /v1/batch body without Content-Length past the cap with 413 while the client is still sending", async () => {
    const before = server.stats.bodyBytesRead;
    const res = await chunkedUpload(`${server.url}/v1/batch`, { authorization: basic(writeKey) }, HUGE, Buffer.from('{"batch":['));
    expect(res.status).toBe(413);
    expect(res.body).toContain("larger than 500 KB");
    // The answer came long before the client could finish its 64 MB, and the server kept at most the cap.
    expect(res.written).toBeLessThan(HUGE);
    expect(server.stats.bodyBytesRead - before).toBeLessThanOrEqual(MAX_BATCH_BYTES + 128 * 1024);
  });

  it("refuses an unknown basic-auth write key with 401 before reading any of a huge body", async () => {
    const before = server.stats.bodyBytesRead;
    const res = await chunkedUpload(`${server.url}/v1/batch`, { authorization: basic("tw_unknown") }, HUGE);
    expect(res.status).toBe(401);
    expect(res.written).toBeLessThan(HUGE);
    expect(server.stats.bodyBytesRead - before).toBe(0);
  });

  it("without any key, reads no further than the cap (the key may be in the body) and answers 413", async () => {
    const before = server.stats.bodyBytesRead;
    const res = await chunkedUpload(`${server.url}/v1/track`, {}, HUGE);
    expect(res.status).toBe(413);
    expect(res.written).toBeLessThan(HUGE);
    expect(server.stats.bodyBytesRead - before).toBeLessThanOrEqual(32 * 1024 + 128 * 1024);
  });

  it("a gzip body that inflates past the cap is 413, however small it was sent", async () => {
    const bomb = zlib.gzipSync(Buffer.concat([Buffer.from('{"batch":["'), Buffer.alloc(20 * 1024 * 1024, 0x61), Buffer.from('"]}')]));
    const res = await fetch(`${server.url}/v1/batch`, {
      method: "POST",
      headers: { authorization: basic(writeKey), "content-encoding": "gzip", "content-type": "application/json" },
      body: bomb,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toContain("after decompression");
  });

  it("the /v1 route reads an endless body only up to the cap and answers 413", async () => {
    const { stream, sent } = endlessBody();
    const res = await track(
      streamingRequest("http://x/v1/batch", { authorization: basic(writeKey), "content-type": "application/json" }, stream),
      { params: Promise.resolve({ kind: "batch" }) },
    );
    expect(res.status).toBe(413);
    expect(sent.bytes).toBeLessThanOrEqual(MAX_BATCH_BYTES + 2 * 64 * 1024);
  });

  it("the /v1 route refuses an unknown key without pulling a byte of the body", async () => {
    const { stream, sent } = endlessBody();
    const res = await track(streamingRequest("http://x/v1/track", { authorization: basic("tw_unknown") }, stream), {
      params: Promise.resolve({ kind: "track" }),
    });
    expect(res.status).toBe(401);
    expect(sent.bytes).toBeLessThanOrEqual(64 * 1024); // a stream may pre-fill one chunk; nothing was read
    expect(res.headers.get("retry-after")).toBeNull();
  });

  it("the funnel query API refuses a request without a key or session before reading its body", async () => {
    const { stream, sent } = endlessBody();
    const res = await funnelQuery(
      streamingRequest("http://x/api/v1/funnels/query", { "content-type": "application/json" }, stream),
      undefined as never,
    );
    expect(res.status).toBe(401);
    expect(sent.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it("the funnel query API refuses an unknown read key before reading its body", async () => {
    const { stream, sent } = endlessBody();
    const res = await funnelQuery(
      streamingRequest("http://x/api/v1/funnels/query", { authorization: "Bearer tr_unknown", "content-type": "application/json" }, stream),
      undefined as never,
    );
    expect(res.status).toBe(401);
    expect(sent.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it("the funnel query API stops reading a key holder's endless body at 1 MB and answers 413", async () => {
    const { stream, sent } = endlessBody();
    const res = await funnelQuery(
      streamingRequest("http://x/api/v1/funnels/query", { authorization: `Bearer ${readKey}`, "content-type": "application/json" }, stream),
      undefined as never,
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("too_large");
    expect(sent.bytes).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES + 2 * 64 * 1024);
  });

  it.each([
    ["a NUL in a step's event", { event: "sign\u0000up" }, "steps.1.event contains a NUL"],
    ["a lone surrogate in a step's event", { event: "sign\ud800up" }, "steps.1.event contains a lone surrogate"],
    ["a NUL in a property key", { event: "x", where: { ["pl\u0000an"]: "pro" } }, "has a key that contains a NUL"],
  ])("the funnel query API answers %s with 400, not 500", async (_what, step, message) => {
    const body = JSON.stringify({ steps: [{ event: "pageview" }, step], from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" });
    const res = await funnelQuery(
      new Request("http://x/api/v1/funnels/query", {
        method: "POST",
        headers: { authorization: `Bearer ${readKey}`, "content-type": "application/json" },
        body,
      }),
      undefined as never,
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain(message);
  });
});
