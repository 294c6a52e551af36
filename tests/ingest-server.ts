import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "../db/client";
import { ingest } from "../server/ingest/handler";
import { readBodyCapped } from "../server/body";

/**
 * A real HTTP server in front of the ingestion handler the /v1 route calls, reading the body the
 * same way (capped, after the key), so real Segment clients can be pointed at it in integration
 * tests without building the whole app. `bodyBytesRead` counts what was read of each request body.
 */
export async function startIngestServer(getDb: () => Db, rateLimitPerMinute = 1_000_000) {
  const stats = { bodyBytesRead: 0 };
  const server = http.createServer(async (req, res) => {
    const kind = (req.url ?? "")
      .split("?")[0]
      .replace(/^\/v1\//, "")
      .replace(/\/$/, "");
    if (req.method !== "POST") {
      res.writeHead(204).end();
      return;
    }
    const result = await ingest(
      getDb(),
      {
        kind,
        readBody: async (limit) => {
          const body = await readBodyCapped(req, limit).catch((err) => {
            stats.bodyBytesRead += req.readableLength;
            throw err;
          });
          stats.bodyBytesRead += body.length;
          return body;
        },
        contentEncoding: (req.headers["content-encoding"] as string) ?? null,
        authorization: (req.headers.authorization as string) ?? null,
        userAgent: (req.headers["user-agent"] as string) ?? null,
        clientIp: "145.97.1.1",
        origin: (req.headers.origin as string) ?? null,
        referer: (req.headers.referer as string) ?? null,
      },
      rateLimitPerMinute,
    ).catch(
      (err) => (console.error("ingest error", err), { status: 500, body: { success: false }, headers: {} as Record<string, string> }),
    );
    res.writeHead(result.status, { "content-type": "application/json", ...(result.headers ?? {}) });
    res.end(JSON.stringify(result.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, stats, close: () => new Promise<void>((r) => server.close(() => r())) };
}
