import { it, expect, beforeAll } from "vitest";
import zlib from "node:zlib";
import { and, eq } from "drizzle-orm";
import { describeEachDb } from "../db";
import { ownerWithProject } from "../fixtures";
import { events, persons } from "../../db/schema";
import { setDropInClaims, dropInClaimsSchema } from "../../db/dropin";
import { ingest } from "../../server/ingest/handler";
import { ingestPlausible, ingestUmami, type DropInRequest } from "../../server/ingest/dropin";
import { BodyTooLargeError } from "../../server/body";

/*
 * What a client sends that the ingestion routes must refuse with a 400 (or 413) that names the
 * field, or store as the README says, through the handlers the routes call (server/ingest).
 */

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const WEBSITE = "5d2f5a2e-8a51-4c43-9d0e-1f0b6b0c2a11";
const NO_LIMIT = 1e9;

/** A request as the routes build it, with the body as the client's bytes. */
function parts(body: string | Buffer, opts: Partial<DropInRequest> = {}): DropInRequest {
  const raw = typeof body === "string" ? Buffer.from(body) : body;
  return {
    readBody: async (limit) => {
      if (raw.length > limit) throw new BodyTooLargeError(limit);
      return raw;
    },
    contentEncoding: null,
    userAgent: CHROME,
    clientIp: "145.97.1.1",
    origin: null,
    referer: null,
    ...opts,
  };
}

const invalidUtf8 = Buffer.concat([Buffer.from('{"event":"bad'), Buffer.from([0xff]), Buffer.from('","anonymousId":"u8"}')]);

describeEachDb("ingestion refuses what it cannot store as sent", (db) => {
  let writeKey: string;
  let projectId: string;
  const v1 = async (kind: string, body: unknown, opts: Partial<DropInRequest> = {}, rateLimit = NO_LIMIT) => {
    const raw = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const authorization = "Basic " + Buffer.from(writeKey + ":").toString("base64");
    const r = await ingest(db(), { ...parts(raw, opts), kind, authorization }, rateLimit);
    return r as { status: number; body: Record<string, any>; headers?: Record<string, string> };
  };
  const stored = (name: string) =>
    db()
      .select()
      .from(events)
      .where(and(eq(events.projectId, projectId), eq(events.name, name)));
  const traitsOf = async (personId: string) =>
    (
      await db()
        .select()
        .from(persons)
        .where(and(eq(persons.projectId, projectId), eq(persons.personId, personId)))
    )[0]?.traits;

  beforeAll(async () => {
    const owner = await ownerWithProject(db(), "inputs@example.nl");
    writeKey = owner.writeKey;
    projectId = owner.project.id;
    await setDropInClaims(owner.scope, dropInClaimsSchema.parse({ plausibleDomain: "shop-a.nl", umamiWebsiteId: WEBSITE }));
  });

  it("refuses a NUL in a Plausible domain with a 400 that names the field, before looking it up", async () => {
    for (const [body, field] of [
      [{ n: "pageview", u: "https://shop-a.nl/", d: "shop-a.nl\u0000" }, "d"],
      [{ n: "pageview", u: "https://shop-a.nl/", d: "shop-a.nl,b\u0000.nl" }, "d"],
      [{ name: "pageview", url: "https://shop-a.nl/", domain: "shop-a.nl\u0000" }, "domain"],
    ] as const) {
      const r = await ingestPlausible(db(), parts(JSON.stringify(body)), NO_LIMIT);
      expect(r.status).toBe(400);
      expect((r.body.error as { message: string }).message).toBe(`${field} contains a NUL character (\\u0000)`);
    }
    const umami = await ingestUmami(db(), parts(JSON.stringify({ type: "event", payload: { website: WEBSITE + "\u0000" } })), NO_LIMIT);
    expect([umami.status, (umami.body.error as { message: string }).message]).toEqual([
      400,
      "payload.website contains a NUL character (\\u0000)",
    ]);
  });

  it("refuses a Plausible event that names more than 10 domains, saying so", async () => {
    const d = Array.from({ length: 10 }, (_, i) => `x${i}.nl`)
      .concat("shop-a.nl")
      .join(",");
    const r = await ingestPlausible(db(), parts(JSON.stringify({ n: "pageview", u: "https://shop-a.nl/", d })), NO_LIMIT);
    expect([r.status, (r.body.error as { message: string }).message]).toEqual([400, "d names 11 domains; send at most 10"]);
  });

  it("keeps a person's traits when a group call carries the company's", async () => {
    await v1("identify", { userId: "g1", traits: { name: "Jan", plan: "free" } });
    const group = await v1("group", { userId: "g1", groupId: "acme", traits: { name: "Acme Inc", plan: "enterprise" } });
    expect(group.status).toBe(200);
    expect(await traitsOf("g1")).toEqual({ name: "Jan", plan: "free" });
    expect(await stored("group")).toHaveLength(1);
  });

  it("applies a batch's context to its items, an item's own keys winning", async () => {
    const r = await v1("batch", {
      context: { userAgent: GOOGLEBOT, campaign: { source: "nieuwsbrief", medium: "email" }, location: { country: "BE" } },
      batch: [
        { type: "track", event: "batch_ctx_bot", anonymousId: "b1" },
        { type: "track", event: "batch_ctx", anonymousId: "b2", context: { userAgent: CHROME } },
        { type: "track", event: "batch_ctx_own", anonymousId: "b3", context: { userAgent: CHROME, campaign: { source: "google" } } },
      ],
    });
    expect(r.body).toMatchObject({ accepted: 2, stored: 2, bots: 1 });
    const [shared] = await stored("batch_ctx");
    expect([shared.utmSource, shared.utmMedium, shared.country]).toEqual(["nieuwsbrief", "email", "BE"]);
    // The item's campaign wins as a whole: no medium from the batch's.
    const [own] = await stored("batch_ctx_own");
    expect([own.utmSource, own.utmMedium, own.country]).toEqual(["google", null, "BE"]);
    const wrong = await v1("batch", { context: "x", batch: [{ type: "track", event: "x", anonymousId: "b" }] });
    expect([wrong.status, wrong.body.error.message]).toEqual([400, "context has the wrong type (expected object)"]);
  });

  it("counts a batch message's 32 KB in bytes, not characters", async () => {
    const r = await v1("batch", { batch: [{ type: "track", event: "euro", anonymousId: "e", properties: { s: "€".repeat(11_000) } }] });
    expect([r.status, r.body.rejected]).toEqual([400, [{ index: 0, error: "message is larger than 32 KB" }]]);
  });

  it("refuses properties that are not an object on identify, alias and group calls", async () => {
    for (const [kind, extra] of [
      ["identify", {}],
      ["alias", { previousId: "a" }],
      ["group", { groupId: "g" }],
    ] as const) {
      for (const properties of ["x".repeat(100), "🙂", [1]]) {
        const r = await v1(kind, { userId: "ps", properties, ...extra });
        expect([r.status, r.body.error.message]).toEqual([400, "properties has the wrong type (expected object)"]);
      }
    }
  });

  it("refuses a __proto__ key with its path instead of dropping what it holds", async () => {
    const cases: [string, string, string][] = [
      ["track", '{"event":"proto","anonymousId":"p","properties":{"__proto__":{"x":1},"ok":1}}', "properties.__proto__"],
      ["identify", '{"userId":"p","traits":{"a":{"__proto__":1}}}', "traits.a.__proto__"],
      ["page", '{"anonymousId":"p","context":{"page":{"__proto__":"x"}}}', "context.page.__proto__"],
      ["batch", '{"batch":[{"type":"track","event":"proto","anonymousId":"p","__proto__":{}}]}', "__proto__"],
      ["batch", '{"context":{"__proto__":{}},"batch":[{"type":"track","event":"proto","anonymousId":"p"}]}', "context.__proto__"],
    ];
    for (const [kind, body, path] of cases) {
      const r = await v1(kind, body);
      expect([r.status, r.body.error.message.replace(/^batch\[0\]: /, "")]).toEqual([400, `${path} is not accepted as a key name`]);
    }
    expect(await stored("proto")).toEqual([]);
    const plausible = await ingestPlausible(
      db(),
      parts('{"n":"signup","u":"https://shop-a.nl/","d":"shop-a.nl","p":{"__proto__":"x"}}'),
      NO_LIMIT,
    );
    expect([plausible.status, (plausible.body.error as { message: string }).message]).toEqual([
      400,
      "p.__proto__ is not accepted as a key name",
    ]);
  });

  it("refuses bodies that are not valid UTF-8 on every ingestion path, also gzipped", async () => {
    const message = "The request body is not valid UTF-8.";
    for (const r of [
      await v1("track", invalidUtf8),
      await v1("track", zlib.gzipSync(invalidUtf8), { contentEncoding: "gzip" }),
      await ingestPlausible(db(), parts(invalidUtf8), NO_LIMIT),
      await ingestUmami(db(), parts(invalidUtf8), NO_LIMIT),
    ])
      expect([r.status, (r.body.error as { message: string }).message]).toEqual([400, message]);
    expect(await stored("bad\ufffd")).toEqual([]);
  });

  it("tells a client whose batch is larger than a minute's rate limit to send smaller batches, not to retry", async () => {
    const batch = Array.from({ length: 11 }, (_, i) => ({ type: "track", event: "rl", anonymousId: `rl${i}` }));
    const r = await v1("batch", { batch }, {}, 10);
    expect(r.status).toBe(413);
    expect(r.headers?.["Retry-After"]).toBeUndefined();
    expect(r.body.error).toMatchObject({ code: "batch_too_large", message: expect.stringContaining("at most 10 messages") });
    // Ten fit: the limit itself still works.
    expect((await v1("batch", { batch: batch.slice(0, 10) }, {}, 10)).status).toBe(200);
  });

  it("lists the first 100 refused messages of a batch and counts them all", async () => {
    const r = await v1("batch", '{"batch":[' + Array(160_000).fill("{}").join(",") + "]}");
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ accepted: 0, rejectedCount: 160_000 });
    expect(r.body.rejected).toHaveLength(100);
    expect(r.body.rejected[99]).toEqual({ index: 99, error: "type is required (one of track, page, screen, identify, alias, group)" });
    expect(JSON.stringify(r.body).length).toBeLessThan(20_000);
  });
});
