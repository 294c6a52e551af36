import { it, expect, beforeAll } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb } from "../../tests/db";
import { createAccount } from "../accounts";
import { teamScopeForUser } from "../tenant";
import { createProject } from "../projects";
import { insertEventsGrouped, IN_FLIGHT, IN_FLIGHT_TOTAL } from "./group";
import type { Db } from "../client";
import type { EventInput } from "./insert";
import { isDataError } from "./errors";
import { queryRows } from "../client";

// Group commit (group.ts): requests of one project that arrive together are stored in one
// transaction, and each is answered as if it had been stored alone, in arrival order.
/** The same database handle, with each transaction run through `around` (which starts it by calling `run`). */
function aroundTransactions(base: Db, around: (run: () => Promise<unknown>) => Promise<unknown>): Db {
  return new Proxy(base, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== "function") return value;
      if (key !== "transaction") return value.bind(target);
      return (...args: unknown[]) => around(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  }) as Db;
}

describeEachDb("group commit of a project's requests", (db) => {
  let projectId: string;
  beforeAll(async () => {
    const { user } = await createAccount(db(), { name: "G", email: "group@example.nl", password: "long enough pw" });
    projectId = (await createProject((await teamScopeForUser(db(), user.id))!, { name: "P", sector: "saas" })).project.id;
  });
  const now = Date.now();
  const view = (id: string, anonymousId: string, extra: Partial<EventInput> = {}): EventInput => ({
    anonymousId,
    name: "view",
    time: new Date(now),
    messageId: id,
    ...extra,
  });
  const count = async (where = sql`true`) =>
    (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from events where project_id = ${projectId}::uuid and ${where}`))[0]
      .n;

  it("stores a messageId that several requests carry once, and counts it as a duplicate for the others", async () => {
    // Forty requests at once: the first ones start transactions, the rest are gathered into groups.
    const batches = Array.from({ length: 40 }, (_, i) => [view(`d-${i}`, `a-${i}`), view(`d-shared-${i % 4}`, `a-${i}`)]);
    const results = await Promise.all(batches.map((b) => insertEventsGrouped(db(), projectId, b)));
    expect(results.reduce((n, r) => n + r.stored, 0)).toBe(44);
    for (const r of results) expect(r.stored + r.duplicates).toBe(2);
    // Each shared id was stored by exactly one of the ten requests that carried it (within a group the
    // first; two transactions in flight at once race for it as two concurrent requests always did).
    for (const k of [0, 1, 2, 3]) expect(results.filter((r, i) => i % 4 === k && r.stored === 2)).toHaveLength(1);
    expect(await count(sql`message_id like 'd-%'`)).toBe(44);
  });

  it("answers the other requests of a group when one of them carries a value PostgreSQL refuses", async () => {
    // Requests that keep every transaction of the project busy, so the next three are stored as one group.
    const busy = Array.from({ length: IN_FLIGHT }, (_, k) => k).map((k) =>
      insertEventsGrouped(
        db(),
        projectId,
        Array.from({ length: 300 }, (_, i) => view(`busy-${k}-${i}`, `b-${i}`)),
      ),
    );
    const [good1, bad, good2] = [
      insertEventsGrouped(db(), projectId, [view("g-1", "g")]),
      insertEventsGrouped(db(), projectId, [view("bad-1", "h"), view("bad-2", "h", { revenue: 1e20 })]).then(
        () => null,
        (e: unknown) => e,
      ),
      insertEventsGrouped(db(), projectId, [view("g-2", "g")]),
    ];
    await Promise.all(busy);
    expect(await good1).toEqual({ stored: 1, duplicates: 0 });
    expect(await good2).toEqual({ stored: 1, duplicates: 0 });
    const err = await bad;
    expect(isDataError(err)).toBe(true);
    expect(await count(sql`message_id like 'bad-%'`)).toBe(0);
    expect(await count(sql`message_id like 'g-%'`)).toBe(2);
  });

  it("re-attributes every event of an id linked in the same group or a concurrent one", async () => {
    const calls = Array.from({ length: 20 }, (_, i) => [
      insertEventsGrouped(
        db(),
        projectId,
        [1, 2, 3].map((n) => view(`r-${i}-${n}`, `anon-${i}`)),
      ),
      insertEventsGrouped(db(), projectId, [
        view(`ri-${i}`, `anon-${i}`, { userId: `user-${i}`, name: "identify", traits: { plan: "pro" } }),
      ]),
      insertEventsGrouped(db(), projectId, [view(`rl-${i}`, `anon-${i}`)]),
    ]).flat();
    await Promise.all(calls);
    expect(await count(sql`message_id like 'r%' and person_id like 'anon-%'`)).toBe(0);
    const people = await queryRows<{ n: number }>(
      db(),
      sql`select count(distinct person_id)::int as n from events where project_id = ${projectId}::uuid and message_id like 'r%'`,
    );
    expect(people[0].n).toBe(20);
    const traits = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from persons where project_id = ${projectId}::uuid and person_id like 'user-%' and traits ->> 'plan' = 'pro'`,
    );
    expect(traits[0].n).toBe(20);
  });
  it("keeps at most IN_FLIGHT_TOTAL transactions in flight for all projects together, and answers every request", async () => {
    // The same database handle, with its transactions counted while they run.
    let running = 0;
    let most = 0;
    const base = db();
    const counted = aroundTransactions(base, async (run) => {
      most = Math.max(most, ++running);
      try {
        return await run();
      } finally {
        running--;
      }
    });
    const team = (await teamScopeForUser(
      base,
      (await createAccount(base, { name: "T", email: "total@example.nl", password: "long enough pw" })).user.id,
    ))!;
    const projects = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (n) => (await createProject(team, { name: `P${n}`, sector: "saas" })).project.id),
    );
    const requests = projects.flatMap((p, n) =>
      Array.from({ length: 5 }, (_, i) =>
        insertEventsGrouped(counted, p, [view(`t-${n}-${i}-a`, `t-${i}`), view(`t-${n}-${i}-b`, `t-${i}`)]),
      ),
    );
    const results = await Promise.all(requests);
    expect(results.every((r) => r.stored === 2)).toBe(true);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(IN_FLIGHT_TOTAL);
    const stored = await queryRows<{ n: number }>(
      base,
      sql`select count(*)::int as n from events where project_id = any(${`{${projects.join(",")}}`}::uuid[]) and message_id like 't-%'`,
    );
    expect(stored[0].n).toBe(60);
  });
  it("gives a project with nothing in flight the next transaction before a busy project's next group", async () => {
    // Every transaction waits at its start until the test lets it go, so the order of starts is the test's.
    const gates: (() => void)[] = [];
    const base = db();
    const gated = aroundTransactions(base, async (run) => {
      await new Promise<void>((go) => gates.push(go));
      return run();
    });
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(done()).toBe(true);
    };
    const team = (await teamScopeForUser(
      base,
      (await createAccount(base, { name: "F", email: "fair@example.nl", password: "long enough pw" })).user.id,
    ))!;
    const [busy, other] = await Promise.all(
      ["Busy", "Other"].map(async (name) => (await createProject(team, { name, sector: "saas" })).project.id),
    );
    const finished: string[] = [];
    const busyCalls = Array.from({ length: IN_FLIGHT_TOTAL * 2 }, (_, i) =>
      insertEventsGrouped(gated, busy, [view(`fair-busy-${i}`, "fb")]).then(() => finished.push(`busy-${i}`)),
    );
    await until(() => gates.length === IN_FLIGHT_TOTAL);
    const otherCall = insertEventsGrouped(gated, other, [view("fair-other", "fo")]).then(() => finished.push("other"));
    // One of the busy project's transactions ends: the next to start is the other project's.
    gates[0]();
    await until(() => gates.length === IN_FLIGHT_TOTAL + 1);
    gates[IN_FLIGHT_TOTAL]();
    await until(() => finished.includes("other") || finished.length > 1);
    expect(finished).toEqual(["busy-0", "other"]);
    const release = setInterval(() => gates.forEach((go) => go()), 5);
    await Promise.all([...busyCalls, otherCall]);
    clearInterval(release);
    expect(finished).toHaveLength(IN_FLIGHT_TOTAL * 2 + 1);
  });
});
