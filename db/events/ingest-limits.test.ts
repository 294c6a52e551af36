import { it, expect, beforeAll, afterAll } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb } from "../../tests/db";
import { startIngestServer } from "../../tests/ingest-server";
import { createAccount } from "../accounts";
import { teamScopeForUser } from "../tenant";
import { createProject } from "../projects";
import { queryRows, type Db } from "../client";
import { insertEvents, IDENTITY_LOCK_BUCKETS, MAX_TRAIT_BYTES, MAX_TRAIT_KEYS } from "./insert";

/**
 * The database as the ingestion handler sees it, except that every transaction counts the advisory
 * locks it holds (pg_locks, this connection only) when its work is done, just before it commits:
 * what PostgreSQL's shared lock table must hold for the request (transaction-level advisory locks
 * are only let go at commit, so this is the most the transaction held).
 */
function countingAdvisoryLocks(inner: Db) {
  const transactions: { maxLocks: number }[] = [];
  const db = new Proxy(inner, {
    get(target, prop) {
      const v = Reflect.get(target, prop);
      if (prop !== "transaction") return typeof v === "function" ? v.bind(target) : v;
      return (cb: (tx: Db) => Promise<unknown>, ...rest: unknown[]) =>
        (target.transaction as (cb: (tx: Db) => Promise<unknown>, ...rest: unknown[]) => Promise<unknown>)(
          async (tx: Db) => {
            const result = await cb(tx);
            const [{ n }] = await queryRows<{ n: number }>(
              tx,
              sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`,
            );
            transactions.push({ maxLocks: n });
            return result;
          },
          ...rest,
        );
    },
  });
  return { db, transactions };
}

describeEachDb("ingestion limits", (db) => {
  let server: Awaited<ReturnType<typeof startIngestServer>>;
  let counting: ReturnType<typeof countingAdvisoryLocks>;
  let writeKey: string;
  let projectId: string;
  const post = (kind: string, body: unknown) =>
    fetch(`${server.url}/v1/${kind}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Basic " + Buffer.from(writeKey + ":").toString("base64") },
      body: JSON.stringify(body),
    });
  const traitsOf = async (personId: string) => {
    const [row] = await queryRows<{ traits: Record<string, unknown>; bytes: number }>(
      db(),
      sql`select traits, octet_length(traits::text)::int as bytes from persons where project_id = ${projectId}::uuid and person_id = ${personId}`,
    );
    return row;
  };
  const manyTraits = (prefix: string, n: number, value: (i: number) => unknown = (i) => i) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, value(i)]));

  beforeAll(async () => {
    const { user } = await createAccount(db(), { name: "L", email: "limits@example.nl", password: "long enough pw" });
    const created = await createProject((await teamScopeForUser(db(), user.id))!, { name: "P", sector: "saas" });
    writeKey = created.writeKey;
    projectId = created.project.id;
    counting = countingAdvisoryLocks(db());
    server = await startIngestServer(() => counting.db);
  });
  afterAll(() => server?.close());

  // Red team: one lock per visitor, held to commit, filled PostgreSQL's shared lock table (53200,
  // answered 503, and Segment clients resend forever).
  it("stores a 500 KB batch of 9,500 visitors in one transaction that holds a bounded number of advisory locks", async () => {
    counting.transactions.length = 0;
    const batch = Array.from({ length: 9500 }, (_, i) => ({ type: "track", event: "v", anonymousId: `${10000 + i}` }));
    const res = await post("batch", { batch });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 9500 });
    const locking = counting.transactions.filter((t) => t.maxLocks > 0);
    expect(locking).toHaveLength(1);
    // The funnel-facts lock plus at most one per identity bucket.
    expect(locking[0].maxLocks).toBeGreaterThan(1);
    expect(locking[0].maxLocks).toBeLessThanOrEqual(IDENTITY_LOCK_BUCKETS + 1);
    const [{ n }] = await queryRows<{ n: number }>(
      db(),
      sql`select count(distinct anonymous_id)::int as n from events where project_id = ${projectId}::uuid and name = 'v'`,
    );
    expect(n).toBe(9500);
  });

  it("stores two large batches of the same visitors in opposite order side by side (no deadlock)", async () => {
    const ids = Array.from({ length: 6000 }, (_, i) => `same-${i}`);
    const batch = (tag: string, list: string[]) =>
      list.map((id, i) => ({ anonymousId: id, name: "w", time: new Date(1_700_000_000_000 + i), messageId: `${tag}-${id}` }));
    const results = await Promise.all([
      insertEvents(db(), projectId, batch("a", ids)),
      insertEvents(db(), projectId, batch("b", [...ids].reverse())),
      insertEvents(db(), projectId, batch("c", [...ids.slice(3000), ...ids.slice(0, 3000)])),
    ]);
    expect(results.map((r) => r.stored)).toEqual([6000, 6000, 6000]);
  });

  // Red team: 80 identify calls with 1,400 new keys each gave one person 112,000 trait keys.
  it("keeps at most MAX_TRAIT_KEYS trait keys per person, while keys it has still update", async () => {
    expect((await post("identify", { userId: "flood", traits: { email: "first@example.nl", plan: "pro" } })).status).toBe(200);
    for (let call = 0; call < 4; call++) {
      const res = await post("identify", { userId: "flood", traits: { email: `v${call}@example.nl`, ...manyTraits(`k${call}_`, 1400) } });
      expect(res.status).toBe(200);
    }
    const person = await traitsOf("flood");
    expect(Object.keys(person.traits).length).toBeLessThanOrEqual(MAX_TRAIT_KEYS);
    expect(person.bytes).toBeLessThanOrEqual(MAX_TRAIT_BYTES);
    expect(person.traits).toMatchObject({ email: "v3@example.nl", plan: "pro" });
    // Full: a new key is not added, a known one still changes.
    const known = Object.keys(person.traits).find((k) => k !== "email")!;
    await post("identify", { userId: "flood", traits: { [known]: "changed", brandNew: 1 } });
    const after = await traitsOf("flood");
    expect(after.traits[known]).toBe("changed");
    expect(after.traits).not.toHaveProperty("brandNew");
    expect(Object.keys(after.traits).length).toBe(Object.keys(person.traits).length);
  });

  it("keeps a person's traits within MAX_TRAIT_BYTES, and a known key may not grow past it", async () => {
    const big = "x".repeat(2000);
    const res = await post("identify", { userId: "wide", traits: { plan: "pro", ...manyTraits("blob", 10, () => big) } });
    expect(res.status).toBe(200);
    const person = await traitsOf("wide");
    expect(person.bytes).toBeLessThanOrEqual(MAX_TRAIT_BYTES);
    expect(person.traits.plan).toBe("pro");
    expect(Object.keys(person.traits).length).toBeLessThan(11);
    await post("identify", { userId: "wide", traits: { plan: "y".repeat(20_000) } });
    expect((await traitsOf("wide")).traits.plan).toBe("pro");
    await post("identify", { userId: "wide", traits: { plan: "free" } });
    const after = await traitsOf("wide");
    expect(after.traits.plan).toBe("free");
    expect(after.bytes).toBeLessThanOrEqual(MAX_TRAIT_BYTES);
  });

  it("an alias or identify that merges two full persons keeps the cap, and the user's own values", async () => {
    await insertEvents(db(), projectId, [
      {
        anonymousId: "anon-full",
        name: "identify",
        time: new Date(),
        messageId: "m-anon-full",
        traits: { plan: "anon", ...manyTraits("a", 150) },
      },
      { userId: "user-full", name: "identify", time: new Date(), messageId: "m-user-plan", traits: { plan: "user" } },
    ]);
    await insertEvents(db(), projectId, [
      { userId: "user-full", name: "identify", time: new Date(), messageId: "m-user-full", traits: manyTraits("u", 150) },
    ]);
    await insertEvents(db(), projectId, [
      { anonymousId: "anon-full", userId: "user-full", name: "identify", time: new Date(), messageId: "m-link-full", traits: {} },
    ]);
    const person = await traitsOf("user-full");
    expect(Object.keys(person.traits).length).toBeLessThanOrEqual(MAX_TRAIT_KEYS);
    expect(person.bytes).toBeLessThanOrEqual(MAX_TRAIT_BYTES);
    expect(person.traits.plan).toBe("user");
  });
});
