import { it, expect, beforeAll, afterAll } from "vitest";
import http from "node:http";
import { Analytics } from "@segment/analytics-node";
import { sql } from "drizzle-orm";
import { describeEachDb } from "../../tests/db";
import { startIngestServer } from "../../tests/ingest-server";
import { ownerWithProject } from "../../tests/fixtures";
import { originRefusals, setAllowedOrigins } from "../projects";
import { queryRows } from "../client";
import type { ProjectScope } from "../tenant";

/** A POST over plain node:http, so Origin and Referer are sent exactly as given (as a browser would). */
function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { "content-type": "text/plain", ...headers } }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString("utf8")));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on("error", reject);
    req.end(data);
  });
}

describeEachDb("allowed origins over HTTP", (db) => {
  let server: Awaited<ReturnType<typeof startIngestServer>>;
  let scope: ProjectScope;
  let writeKey: string;
  let n = 0;
  /** A beacon as the snippet sends it: the key in the body, `count` page views. */
  const beacon = (count: number, headers: Record<string, string>) =>
    post(
      `${server.url}/v1/batch`,
      {
        writeKey,
        batch: Array.from({ length: count }, () => ({ type: "page", anonymousId: "v1", properties: { path: "/" }, messageId: `m${++n}` })),
      },
      { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36", ...headers },
    );
  const stored = async () =>
    Number((await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from events where project_id = ${scope.projectId}`))[0].n);

  beforeAll(async () => {
    const owner = await ownerWithProject(db(), "origins-http@example.nl");
    scope = owner.scope;
    writeKey = owner.writeKey;
    server = await startIngestServer(db);
  });
  afterAll(() => server.close());

  it("with an empty list every site may send (today's behaviour)", async () => {
    expect((await beacon(1, { origin: "https://anyone.example" })).status).toBe(200);
    expect(await stored()).toBe(1);
  });

  it("accepts the listed sites and their wildcard subdomains, by Origin or else Referer", async () => {
    await setAllowedOrigins(scope, { origins: ["https://www.fietsen.nl", "https://*.fietsen-blog.nl"], acceptWithoutOrigin: true });
    expect((await beacon(2, { origin: "https://www.fietsen.nl" })).body).toMatchObject({ success: true, accepted: 2 });
    expect((await beacon(1, { origin: "https://nl.fietsen-blog.nl" })).status).toBe(200);
    expect((await beacon(1, { referer: "https://www.fietsen.nl/product/1?utm_source=x" })).status).toBe(200);
    expect(await stored()).toBe(5);
  });

  it("refuses other sites with 403, stores nothing of them and counts each refused event", async () => {
    const before = (await originRefusals(scope)).refused;
    const refused = await beacon(3, { origin: "https://copycat.example" });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ success: false, error: { code: "origin_not_allowed" } });
    expect(String((refused.body.error as { message: string }).message)).toContain("https://copycat.example");
    expect((await beacon(1, { origin: "http://www.fietsen.nl" })).status).toBe(403);
    expect((await beacon(1, { origin: "https://fietsen-blog.nl" })).status).toBe(403);
    expect((await beacon(1, { origin: "null" })).status).toBe(403);
    expect((await beacon(1, { referer: "https://copycat.example/page" })).status).toBe(403);
    expect(await stored()).toBe(5);
    expect((await originRefusals(scope)).refused).toBe(before + 7);
  });

  it("keeps server-side libraries (no Origin, no Referer) working while allowed, and refuses and counts them when not", async () => {
    const send = async () => {
      const analytics = new Analytics({ writeKey, host: server.url, flushAt: 10, maxRetries: 0 });
      const failures: unknown[] = [];
      analytics.on("error", (e) => failures.push(e));
      analytics.track({ userId: "server-user", event: "purchase", properties: { revenue: 10 } });
      analytics.track({ userId: "server-user", event: "refund" });
      await analytics.closeAndFlush({ timeout: 10_000 });
      return failures.length;
    };
    expect(await send()).toBe(0);
    expect(await stored()).toBe(7);

    await setAllowedOrigins(scope, { origins: ["https://www.fietsen.nl"], acceptWithoutOrigin: false });
    const before = (await originRefusals(scope)).refused;
    expect(await send()).toBeGreaterThan(0);
    expect(await stored()).toBe(7);
    expect((await originRefusals(scope)).refused).toBe(before + 2);
    const bare = await post(`${server.url}/v1/track`, { writeKey, userId: "u", event: "x" }, {});
    expect(bare).toMatchObject({ status: 403, body: { error: { code: "origin_required" } } });
    // The browser on the listed site still sends.
    expect((await beacon(1, { origin: "https://www.fietsen.nl" })).status).toBe(200);
    expect(await stored()).toBe(8);
  });
});
