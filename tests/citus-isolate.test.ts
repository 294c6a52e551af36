import { it, expect, beforeAll, afterAll } from "vitest";
import { sql } from "drizzle-orm";
import { describeWhen, citusRequirement } from "./requirements";
import { openCitusTestDb } from "./db";
import { ownerWithProject } from "./fixtures";
import { queryRows, type DbHandle } from "../db/client";
import type { ProjectScope } from "../db/tenant";
import { insertEvents, type EventInput } from "../db/events/insert";
import { funnelStepCounts } from "../db/queries/funnel/engine";
import { goalConversions } from "../db/queries/conversions/goalConversions";
import { factsBuildsSettled } from "../db/queries/funnel/factsUpkeep";
import type { FunnelStep } from "../lib/funnel/types";

const FROM = new Date("2026-05-04T00:00:00Z");
const TO = new Date("2026-05-11T00:00:00Z");
const STEPS: FunnelStep[] = [{ event: "pageview" }, { event: "add_to_cart" }, { event: "purchase" }];

function visitors(prefix: string, n: number): EventInput[] {
  const out: EventInput[] = [];
  for (let p = 0; p < n; p++) {
    const t = FROM.getTime() + p * 3600_000;
    out.push({
      anonymousId: `${prefix}${p}`,
      time: new Date(t),
      name: "pageview",
      path: "/",
      device: p % 2 ? "mobile" : "desktop",
      messageId: `${prefix}${p}a`,
    });
    if (p % 2 === 0)
      out.push({ anonymousId: `${prefix}${p}`, time: new Date(t + 60_000), name: "add_to_cart", messageId: `${prefix}${p}b` });
    if (p % 3 === 0)
      out.push({ anonymousId: `${prefix}${p}`, time: new Date(t + 120_000), name: "purchase", revenue: 10, messageId: `${prefix}${p}c` });
  }
  return out;
}

/**
 * A large customer on a shard of its own, then on a worker of its own (README "Running on Citus"):
 * isolate_tenant_to_new_shard splits the project's hash value out of its shard, for every co-located
 * table, and citus_move_shard_placement moves that shard group to the other worker. Its funnels and
 * conversions answer as before, new events land there, and its neighbour is not disturbed.
 */
describeWhen("one large project moved to its own shard and node on Citus", [citusRequirement()], () => {
  let handle: DbHandle;
  let big: ProjectScope;
  let small: ProjectScope;

  beforeAll(async () => {
    handle = await openCitusTestDb();
    big = (await ownerWithProject(handle.db, "big@example.nl")).scope;
    small = (await ownerWithProject(handle.db, "small@example.nl")).scope;
    await insertEvents(big.db, big.projectId, visitors("b", 60));
    await insertEvents(small.db, small.projectId, visitors("s", 12));
  });

  afterAll(async () => {
    await factsBuildsSettled();
    await handle?.close();
  });

  const answers = async (scope: ProjectScope) => ({
    funnel: (await funnelStepCounts(scope, { steps: STEPS, windowSeconds: 86400, from: FROM, to: TO })).map((r) => [r.step, r.visitors]),
    goals: (await goalConversions(scope, { goals: [{ event: "purchase" }], from: FROM, to: TO, groupBy: "device" })).map((r) =>
      JSON.stringify(r),
    ),
  });
  const placement = async (projectId: string) => {
    const [row] = await queryRows<{ shard: string; single: boolean; port: number }>(
      handle.db,
      sql`select s.shardid::text as shard, s.shardminvalue = s.shardmaxvalue as single, p.nodeport as port
        from pg_dist_shard s join citus_shards p on p.shardid = s.shardid
        where s.shardid = get_shard_id_for_distribution_column('events', ${projectId}::uuid)`,
    );
    return { ...row, port: Number(row.port) };
  };

  it("keeps the project's funnels and conversions, takes its new events, and leaves its neighbour alone", async () => {
    const before = { big: await answers(big), small: await answers(small) };
    expect(before.big.funnel).toEqual([
      [1, 60],
      [2, 30],
      [3, 10],
    ]);
    const shared = await placement(big.projectId);
    expect(shared.single).toBe(false);

    await handle.db.execute(
      sql`select isolate_tenant_to_new_shard('events', ${big.projectId}::uuid, 'CASCADE', shard_transfer_mode => 'block_writes')`,
    );
    const own = await placement(big.projectId);
    expect(own.single).toBe(true); // a shard holding one hash value: this project's alone
    expect(own.shard).not.toBe(shared.shard);
    expect(await answers(big)).toEqual(before.big);

    // Its own node: the shard group moves to the other worker (the README's "a node of its own").
    const workers = await queryRows<{ port: number }>(
      handle.db,
      sql`select nodeport as port from pg_dist_node where groupid > 0 order by 1`,
    );
    const target = workers.map((w) => Number(w.port)).find((p) => p !== own.port)!;
    await handle.db.execute(
      sql`select citus_move_shard_placement(${own.shard}::bigint, '127.0.0.1', ${own.port}, '127.0.0.1', ${target}, shard_transfer_mode => 'block_writes')`,
    );
    expect((await placement(big.projectId)).port).toBe(target);
    expect(await answers(big)).toEqual(before.big);
    expect(await answers(small)).toEqual(before.small);

    await insertEvents(big.db, big.projectId, [{ anonymousId: "late", time: FROM, name: "pageview", path: "/", messageId: "late-1" }]);
    expect((await answers(big)).funnel[0]).toEqual([1, 61]);
    expect(await answers(small)).toEqual(before.small);
  });
});
