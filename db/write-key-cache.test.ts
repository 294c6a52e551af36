import http from "node:http";
import { it, expect, beforeAll, afterAll, afterEach, vi } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb } from "../tests/db";
import { startIngestServer } from "../tests/ingest-server";
import { ownerWithProject } from "../tests/fixtures";
import { deleteProject, rotateWriteKey, setAllowedOrigins } from "./projects";
import { WRITE_KEY_TTL_MS } from "./write-key-cache";
import { hashToken } from "../lib/keys";
import type { ProjectScope } from "./tenant";

/*
 * Ingestion remembers a write key's project for WRITE_KEY_TTL_MS (write-key-cache.ts). A key
 * revoked in this process (rotation, the project deleted, its allowed origins changed) is refused
 * by the very next request; one revoked behind this process's back (another process: here a plain
 * UPDATE) works for at most WRITE_KEY_TTL_MS more, and not a moment after.
 */

function post(url: string, key: string, messageId: string, headers: Record<string, string> = {}): Promise<number> {
  const body = JSON.stringify({ batch: [{ type: "track", event: "Order Completed", anonymousId: "a1", messageId }] });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/v1/batch`,
      {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Basic " + Buffer.from(key + ":").toString("base64"), ...headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describeEachDb("write keys remembered by ingestion", (db) => {
  let server: Awaited<ReturnType<typeof startIngestServer>>;
  let n = 0;
  const send = (key: string, headers?: Record<string, string>) => post(server.url, key, `wk${++n}`, headers);

  beforeAll(async () => {
    server = await startIngestServer(db);
  });
  afterAll(() => server.close());
  afterEach(() => vi.useRealTimers());

  it("refuses a rotated key at the next request and takes the new one", async () => {
    const owner = await ownerWithProject(db(), "wk-rotate@example.nl");
    expect(await send(owner.writeKey)).toBe(200);
    expect(await send(owner.writeKey)).toBe(200); // now remembered
    const fresh = await rotateWriteKey(owner.scope);
    expect(await send(owner.writeKey)).toBe(401);
    expect(await send(fresh)).toBe(200);
  });

  it("refuses the key of a deleted project at the next request", async () => {
    const owner = await ownerWithProject(db(), "wk-delete@example.nl", { name: "Weg" });
    expect(await send(owner.writeKey)).toBe(200);
    await deleteProject(owner.scope, "Weg");
    expect(await send(owner.writeKey)).toBe(401);
  });

  it("applies new allowed origins at the next request", async () => {
    const owner = await ownerWithProject(db(), "wk-origins@example.nl");
    const scope: ProjectScope = owner.scope;
    expect(await send(owner.writeKey, { origin: "https://elders.example" })).toBe(200);
    await setAllowedOrigins(scope, { origins: ["https://www.fietsen.nl"], acceptWithoutOrigin: true });
    expect(await send(owner.writeKey, { origin: "https://elders.example" })).toBe(403);
    expect(await send(owner.writeKey, { origin: "https://www.fietsen.nl" })).toBe(200);
  });

  it("refuses a key revoked by another process within WRITE_KEY_TTL_MS", async () => {
    const owner = await ownerWithProject(db(), "wk-elsewhere@example.nl");
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    expect(await send(owner.writeKey)).toBe(200);
    // What another process's rotation writes; this process is not told.
    await db().execute(sql`update projects set write_key_hash = ${hashToken("another process's new key")} where id = ${owner.project.id}`);
    vi.setSystemTime(start + WRITE_KEY_TTL_MS - 1);
    expect(await send(owner.writeKey)).toBe(200);
    vi.setSystemTime(start + WRITE_KEY_TTL_MS);
    expect(await send(owner.writeKey)).toBe(401);
  });

  it("looks an unknown key up every time, so a key made in another process works at once", async () => {
    const owner = await ownerWithProject(db(), "wk-new@example.nl");
    const key = "wk_made_elsewhere_0123456789";
    expect(await send(key)).toBe(401);
    await db().execute(sql`update projects set write_key_hash = ${hashToken(key)} where id = ${owner.project.id}`);
    expect(await send(key)).toBe(200);
  });
});
