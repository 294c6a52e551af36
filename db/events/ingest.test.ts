import { it, expect, beforeAll, afterAll } from "vitest";
import zlib from "node:zlib";
import { Analytics } from "@segment/analytics-node";
import { sql } from "drizzle-orm";
import { describeEachDb, alsoOnCitus } from "../../tests/db";
import { startIngestServer } from "../../tests/ingest-server";
import { createAccount } from "../accounts";
import { teamScopeForUser } from "../tenant";
import { createProject } from "../projects";
import { queryRows } from "../client";

alsoOnCitus();

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36";

describeEachDb("ingestion API", (db) => {
  let server: Awaited<ReturnType<typeof startIngestServer>>;
  let writeKey: string;
  let projectId: string;
  const auth = () => "Basic " + Buffer.from(writeKey + ":").toString("base64");
  const post = (kind: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/v1/${kind}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: auth(), ...headers },
      body: typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    });
  const events = (where = sql`true`) =>
    queryRows<Record<string, unknown>>(db(), sql`select * from events where project_id = ${projectId} and ${where} order by id`);

  beforeAll(async () => {
    const { user } = await createAccount(db(), { name: "Ing", email: "ingest@example.nl", password: "long enough pw" });
    const created = await createProject((await teamScopeForUser(db(), user.id))!, { name: "Shop", sector: "ecommerce" });
    writeKey = created.writeKey;
    projectId = created.project.id;
    server = await startIngestServer(db);
  });
  afterAll(() => server.close());

  it("stores track, page, identify and alias calls sent by @segment/analytics-node, mapped", async () => {
    const analytics = new Analytics({ writeKey, host: server.url, flushAt: 10, maxRetries: 2 });
    const context = {
      userAgent: CHROME,
      campaign: { source: "Newsletter", medium: "email", name: "Lente" },
      location: { country: "NL", region: "Utrecht" },
    };
    analytics.page({
      anonymousId: "anon-1",
      name: "Product",
      properties: { url: "https://shop.nl/product/fiets", path: "/product/fiets" },
      context,
    });
    analytics.track({ anonymousId: "anon-1", event: "add_to_cart", properties: { sku: "F1" }, context });
    analytics.identify({ anonymousId: "anon-1", userId: "user-1", traits: { age: 41, plan: "pro" }, context });
    analytics.track({ userId: "user-1", event: "purchase", properties: { revenue: 129.5 }, context });
    analytics.alias({ previousId: "anon-2", userId: "user-1" });
    await analytics.closeAndFlush({ timeout: 10_000 });

    const rows = await events();
    expect(rows.map((r) => r.name)).toEqual(["pageview", "add_to_cart", "identify", "purchase", "alias"]);
    const page = rows[0];
    expect(page).toMatchObject({
      path: "/product/fiets",
      utm_source: "newsletter",
      utm_medium: "email",
      utm_campaign: "lente",
      device: "desktop",
      browser: "Chrome",
      os: "Windows",
      country: "NL",
      region: "Utrecht",
    });
    // Identify links the anonymous id: its earlier events count as the user's.
    expect(new Set(rows.map((r) => r.person_id))).toEqual(new Set(["user-1"]));
    expect(Number(rows[3].revenue)).toBe(129.5);
    const [person] = await queryRows(
      db(),
      sql`select age_group, traits from persons where project_id = ${projectId} and person_id = 'user-1'`,
    );
    expect(person).toMatchObject({ age_group: "35-44", traits: { plan: "pro" } });
  });

  it("links ids on identify and alias calls only, not on a track call that carries both", async () => {
    const analytics = new Analytics({ writeKey, host: server.url, flushAt: 10, maxRetries: 2 });
    analytics.page({ anonymousId: "anon-5", properties: { path: "/" } });
    analytics.track({ anonymousId: "anon-5", userId: "user-5", event: "signup" });
    analytics.track({ anonymousId: "anon-5", userId: "user-6", event: "invite" });
    await analytics.closeAndFlush({ timeout: 10_000 });
    const people = async () => (await events(sql`anonymous_id = 'anon-5'`)).map((r) => [r.name, r.person_id]);
    // Three people: the device's page view stays anonymous, each track call is its user's.
    expect(await people()).toEqual([
      ["pageview", "anon-5"],
      ["signup", "user-5"],
      ["invite", "user-6"],
    ]);
    const again = new Analytics({ writeKey, host: server.url, flushAt: 10, maxRetries: 2 });
    again.identify({ anonymousId: "anon-5", userId: "user-5" });
    await again.closeAndFlush({ timeout: 10_000 });
    // The identify moves the anonymous id's events without a user id; the invite stays user-6's.
    expect(await people()).toEqual([
      ["pageview", "user-5"],
      ["signup", "user-5"],
      ["invite", "user-6"],
      ["identify", "user-5"],
    ]);
  });

  it("counts a replayed batch once (messageId dedup)", async () => {
    const batch = { batch: [1, 2, 3].map((i) => ({ type: "track", event: "replay", anonymousId: "r", messageId: `m-${i}` })) };
    expect((await (await post("batch", batch)).json()).stored).toBe(3);
    const again = await (await post("batch", batch)).json();
    expect(again).toMatchObject({ success: true, accepted: 3, stored: 0, duplicates: 3 });
    expect((await events(sql`name = 'replay'`)).length).toBe(3);
  });

  it("a resent identify or alias (same messageId) changes nothing: not the traits, not a link", async () => {
    const persons = (id: string) =>
      queryRows<{ traits: unknown }>(db(), sql`select traits from persons where project_id = ${projectId} and person_id = ${id}`);
    const first = { messageId: "dup-id-1", userId: "dup-user", traits: { plan: "free" } };
    expect((await post("identify", first)).status).toBe(200);
    expect((await post("identify", { messageId: "dup-id-2", userId: "dup-user", traits: { plan: "pro" } })).status).toBe(200);
    expect(await (await post("identify", first)).json()).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await (await post("identify", { ...first, traits: { plan: "forged" } })).json()).toMatchObject({ duplicates: 1 });
    expect((await persons("dup-user"))[0].traits).toEqual({ plan: "pro" });
    // A message id already stored for a track call does not link ids when an identify reuses it.
    await post("track", { messageId: "dup-id-3", anonymousId: "dup-anon", event: "view" });
    await post("identify", { messageId: "dup-id-3", anonymousId: "dup-anon", userId: "dup-user" });
    await post("alias", { messageId: "dup-id-3", previousId: "dup-anon", userId: "dup-user" });
    expect((await events(sql`anonymous_id = 'dup-anon'`)).map((r) => r.person_id)).toEqual(["dup-anon"]);
  });

  it("aliases chain: every id of one person ends under the last user id, events before and after alike", async () => {
    await post("track", { messageId: "ch-1", anonymousId: "ch-device", event: "view" });
    await post("identify", { messageId: "ch-2", anonymousId: "ch-device", userId: "ch-old" });
    await post("track", { messageId: "ch-3", userId: "ch-old", event: "signup" });
    // The user id changes (a merge of accounts): everything of ch-old, the device's events too, moves on.
    await post("alias", { messageId: "ch-4", previousId: "ch-old", userId: "ch-new" });
    await post("track", { messageId: "ch-5", anonymousId: "ch-device", event: "view" });
    await post("track", { messageId: "ch-6", userId: "ch-old", event: "purchase" });
    // A link back (ch-new → ch-device) would close a loop: left out, the person stays whole.
    await post("alias", { messageId: "ch-7", previousId: "ch-new", userId: "ch-device" });
    await post("track", { messageId: "ch-8", userId: "ch-new", event: "renew" });
    const rows = await events(sql`message_id like 'ch-%'`);
    expect(rows.map((r) => [r.message_id, r.person_id])).toEqual(
      ["ch-1", "ch-2", "ch-3", "ch-4", "ch-5", "ch-6", "ch-7", "ch-8"].map((id) => [id, "ch-new"]),
    );
    // Within one batch too: a → b, then b → c.
    await post("batch", {
      batch: [
        { type: "track", messageId: "cb-1", anonymousId: "cb-a", event: "view" },
        { type: "alias", messageId: "cb-2", previousId: "cb-a", userId: "cb-b" },
        { type: "track", messageId: "cb-3", userId: "cb-b", event: "signup" },
        { type: "alias", messageId: "cb-4", previousId: "cb-b", userId: "cb-c" },
      ],
    });
    expect(new Set((await events(sql`message_id like 'cb-%'`)).map((r) => r.person_id))).toEqual(new Set(["cb-c"]));
  });

  it("within one batch its last link of an id counts, however many events lie between", async () => {
    const batch: unknown[] = [{ type: "identify", messageId: "far-0", anonymousId: "far-anon", userId: "far-1" }];
    for (let i = 0; i < 5001; i++) batch.push({ type: "track", messageId: `far-f${i}`, userId: `far-u${i % 7}`, event: "fill" });
    batch.push({ type: "identify", messageId: "far-9", anonymousId: "far-anon", userId: "far-2" });
    expect((await post("batch", { batch })).status).toBe(200);
    const [link] = await queryRows<{ user_id: string }>(
      db(),
      sql`select user_id from identity_links where project_id = ${projectId} and anonymous_id = 'far-anon'`,
    );
    expect(link.user_id).toBe("far-2");
  });

  it("stores the valid items of a batch and names the invalid ones by index", async () => {
    const res = await post("b", {
      batch: [
        { type: "track", event: "ok_1", anonymousId: "b" },
        { type: "track", anonymousId: "b" },
        { type: "track", event: "x" },
        { type: "page", anonymousId: "b", properties: { path: "/ok" } },
      ],
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({
      accepted: 2,
      stored: 2,
      rejected: [
        { index: 1, error: "event is required for track calls" },
        { index: 2, error: "anonymousId or userId is required" },
      ],
    });
    expect(body.error.message).toBe("batch[1]: event is required for track calls");
    expect((await events(sql`anonymous_id = 'b'`)).length).toBe(2);
  });

  it.each([
    ["invalid JSON", () => post("track", "{nope"), 400, "The request body is not valid JSON."],
    ["no write key", () => post("track", { event: "x", anonymousId: "a" }, { authorization: "" }), 401, "Send the project's write key"],
    [
      "an unknown write key",
      () => post("track", { event: "x", anonymousId: "a" }, { authorization: "Basic " + Buffer.from("tw_nope:").toString("base64") }),
      401,
      "Unknown write key",
    ],
    [
      "an oversize event",
      () => post("track", { event: "x", anonymousId: "a", properties: { blob: "x".repeat(40_000) } }),
      413,
      "larger than 32 KB",
    ],
    ["a wrong field type", () => post("track", { event: "x", anonymousId: "a", properties: [1] }), 400, "properties has the wrong type"],
    ["an unknown endpoint", () => post("launch", { event: "x", anonymousId: "a" }), 404, "Unknown endpoint /v1/launch"],
  ])("answers %s with a clear 4xx", async (_what, send, status, message) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(JSON.stringify(await res.json())).toContain(message);
  });

  it("accepts the write key in the body, text/plain bodies and gzip", async () => {
    const text = await post("t", JSON.stringify({ writeKey, event: "beacon", anonymousId: "t" }), {
      authorization: "",
      "content-type": "text/plain",
    });
    expect(text.status).toBe(200);
    const gz = await post("track", zlib.gzipSync(JSON.stringify({ event: "gzipped", anonymousId: "t" })), { "content-encoding": "gzip" });
    expect(gz.status).toBe(200);
    expect((await events(sql`anonymous_id = 't'`)).map((r) => r.name)).toEqual(["beacon", "gzipped"]);
  });

  it("drops bots and headless browsers, and counts them", async () => {
    const res = await post("batch", {
      batch: [
        {
          type: "page",
          anonymousId: "bot",
          context: { userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" },
        },
        {
          type: "page",
          anonymousId: "bot",
          context: {
            userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
          },
        },
        { type: "page", anonymousId: "human", context: { userAgent: CHROME } },
      ],
    });
    expect(await res.json()).toMatchObject({ accepted: 1, bots: 2 });
    expect((await events(sql`anonymous_id = 'bot'`)).length).toBe(0);
    const [stats] = await queryRows<{ n: number }>(
      db(),
      sql`select sum(bots_dropped)::int as n from ingest_stats where project_id = ${projectId}`,
    );
    expect(stats.n).toBe(2);
  });

  it("answers 429 with Retry-After past the project's rate limit", async () => {
    const limited = await startIngestServer(db, 5);
    const send = () =>
      fetch(`${limited.url}/v1/batch`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: auth() },
        body: JSON.stringify({
          batch: [1, 2, 3].map((i) => ({ type: "track", event: "rl", anonymousId: "rl", messageId: `rl-${Math.random()}-${i}` })),
        }),
      });
    expect((await send()).status).toBe(200);
    const res = await send();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe("rate_limited");
    await limited.close();
  });

  it("refuses timestamps more than a day ahead but keeps backfills", async () => {
    const future = await post("track", { event: "later", anonymousId: "f", timestamp: new Date(Date.now() + 2 * 86400_000).toISOString() });
    expect(future.status).toBe(400);
    const old = await post("track", { event: "old", anonymousId: "f", timestamp: "2024-03-01T10:00:00Z" });
    expect(old.status).toBe(200);
    const [row] = await events(sql`name = 'old'`);
    expect(new Date(row.time as string).toISOString()).toBe("2024-03-01T10:00:00.000Z");
  });
});
