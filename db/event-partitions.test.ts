import { it, expect, beforeAll } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb, alsoOnCitus } from "../tests/db";
import { ownerWithProject } from "../tests/fixtures";
import { insertEvents, type EventInput } from "./events/insert";
import { funnelResults } from "./queries/funnel/funnelResults";
import { projectConversions } from "./conversions";
import { listFunnels } from "./funnels";
import { queryRows, type Db } from "./client";
import { createPartitionsAhead, dropPartitionsBefore, eventPartitions } from "./event-partitions";
import { retentionTick, type maintainPartitions } from "./retention";
import { zonedMidnight } from "../lib/funnel/ranges";
import type { ProjectScope } from "./tenant";

alsoOnCitus();

const TZ = "Europe/Amsterdam";
const NOW = new Date("2020-04-10T09:00:00Z");
/** Two months kept at NOW: the horizon of every project, after the January partition's end. */
const HORIZON = zonedMidnight(2020, 2, 10, TZ);
const utc = (s: string) => new Date(`${s}T12:00:00Z`);

/** Visitors through the e-commerce funnel's steps, one journey a day from `first` for `days` days. */
function journeys(prefix: string, first: Date, days: number): EventInput[] {
  const out: EventInput[] = [];
  for (let d = 0; d < days; d++)
    for (let v = 0; v < 3; v++) {
      const steps = ["/", "/product/fiets", "add_to_cart", "checkout_started", "purchase"].slice(0, 1 + ((d + v) % 5));
      steps.forEach((step, i) => {
        const time = new Date(first.getTime() + d * 86400_000 + v * 600_000 + i * 60_000);
        const page = step.startsWith("/");
        // A visitor comes back every week: their journeys straddle month boundaries.
        const e: EventInput = {
          anonymousId: `${prefix}v${v}-${d % 7}`,
          time,
          name: page ? "pageview" : step,
          messageId: `${prefix}${d}-${v}-${i}`,
        };
        if (page) e.path = step;
        if (step === "purchase") e.revenue = 40;
        out.push(e);
      });
    }
  return out;
}

/** The events that meet `condition`, each with the partition that holds it (on Citus less its shard's number). */
async function where(db: Db, projectId: string, condition: ReturnType<typeof sql>) {
  const rows = await queryRows<{ id: number; part: string; message_id: string; person_id: string }>(
    db,
    sql`select id, tableoid::regclass::text as part, message_id, person_id from events
      where project_id = ${projectId}::uuid and ${condition} order by id`,
  );
  return rows.map((r) => ({ ...r, part: r.part.replace(/_\d{5,}$/, "") }));
}

async function report(scope: ProjectScope, from: Date, to: Date) {
  const [funnel] = await listFunnels(scope);
  const saved = await funnelResults(scope, {
    steps: funnel.steps,
    windowSeconds: funnel.windowSeconds,
    from,
    to,
    breakdown: "source",
    saved: true,
  });
  const conversions = await projectConversions(scope, { from, to, filters: {}, segments: ["source"] });
  return { saved, conversions };
}

describeEachDb("events partitioned by month", (db, kind) => {
  let shop: Awaited<ReturnType<typeof ownerWithProject>>;
  beforeAll(async () => {
    shop = await ownerWithProject(db(), "partitions@example.nl");
    // January to April 2020: six years before the months the migration made around the real clock
    // (the retention window and three ahead), so none of these months has a partition yet.
    await createPartitionsAhead(db(), utc("2020-01-15"));
  });

  it("stores a retried message once when it carries another month", async () => {
    const p = shop.scope.projectId;
    expect(
      await insertEvents(db(), p, [{ anonymousId: "a", name: "pageview", path: "/", time: utc("2020-02-03"), messageId: "m1" }]),
    ).toEqual({ stored: 1, duplicates: 0 });
    // The same message with a corrected clock (next month), and as a backfill older than every partition.
    expect(
      await insertEvents(db(), p, [{ anonymousId: "a", name: "pageview", path: "/", time: utc("2020-03-05"), messageId: "m1" }]),
    ).toEqual({ stored: 0, duplicates: 1 });
    expect(
      await insertEvents(db(), p, [{ anonymousId: "a", name: "pageview", path: "/", time: utc("2019-06-01"), messageId: "m1" }]),
    ).toEqual({ stored: 0, duplicates: 1 });
    expect((await where(db(), p, sql`message_id = 'm1'`)).map((r) => r.part)).toEqual(["events_p2020_02"]);
  });

  it("stores each message once when batches carrying it in different months race", async () => {
    const p = shop.scope.projectId;
    const months = ["2020-01-20", "2020-02-20", "2020-03-20", "2018-01-01", "2020-04-02", "2020-02-21"];
    const results = await Promise.all(
      months.map((m, b) => {
        const batch = Array.from({ length: 40 }, (_, i) => ({
          anonymousId: `r${i}`,
          name: "pageview",
          path: "/",
          time: utc(m),
          messageId: `race-${i}`,
        }));
        return insertEvents(db(), p, b % 2 ? batch.reverse() : batch);
      }),
    );
    expect(results.reduce((n, r) => n + r.stored, 0)).toBe(40);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(40 * (months.length - 1));
    expect(await where(db(), p, sql`message_id like 'race-%'`)).toHaveLength(40);
    const [m] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from event_messages where project_id = ${p}::uuid and message_id like 'race-%'`,
    );
    expect(m.n).toBe(40);
  });

  it("keeps a backfill older than every partition in the default partition, counted as any month's events", async () => {
    const old = await ownerWithProject(db(), "backfill@example.nl");
    const recent = await ownerWithProject(db(), "recent@example.nl");
    const shift = utc("2020-03-02").getTime() - utc("2014-03-02").getTime();
    const backfill = journeys("b", utc("2014-03-02"), 12);
    await insertEvents(db(), old.scope.projectId, backfill);
    await insertEvents(
      db(),
      recent.scope.projectId,
      backfill.map((e) => ({ ...e, time: new Date(e.time.getTime() + shift) })),
    );
    expect(new Set((await where(db(), old.scope.projectId, sql`true`)).map((r) => r.part))).toEqual(new Set(["events_default"]));
    expect(new Set((await where(db(), recent.scope.projectId, sql`true`)).map((r) => r.part))).toEqual(new Set(["events_p2020_03"]));
    const before = await report(old.scope, utc("2014-03-01"), utc("2014-03-20"));
    const after = await report(recent.scope, new Date(utc("2014-03-01").getTime() + shift), new Date(utc("2014-03-20").getTime() + shift));
    expect(before.saved.steps[0].visitors).toBeGreaterThan(0);
    expect(before.saved.steps.map((s) => s.visitors)).toEqual(after.saved.steps.map((s) => s.visitors));
    expect(before.conversions.visitors).toBe(after.conversions.visitors);
  });

  it("gives a month the default partition holds a partition of its own, with its rows and ids", async () => {
    const p = shop.scope.projectId;
    // No partition for September 2020 yet (the job had not run for months).
    await insertEvents(db(), p, [{ anonymousId: "late", name: "pageview", path: "/", time: utc("2020-09-15"), messageId: "sep" }]);
    const [stray] = await where(db(), p, sql`message_id = 'sep'`);
    expect(stray.part).toBe("events_default");
    const made = await createPartitionsAhead(db(), utc("2020-09-02"));
    expect(made).toContain("events_p2020_09");
    expect(await where(db(), p, sql`message_id = 'sep'`)).toEqual([{ ...stray, part: "events_p2020_09" }]);
    expect(await createPartitionsAhead(db(), utc("2020-09-02"))).toEqual([]);
    expect(
      await insertEvents(db(), p, [{ anonymousId: "late", name: "pageview", path: "/", time: utc("2020-09-16"), messageId: "sep" }]),
    ).toMatchObject({ stored: 0 });
  });

  it("re-attributes an anonymous id's events in every partition when it is identified", async () => {
    const p = shop.scope.projectId;
    const times = ["2017-05-01", "2020-01-10", "2020-03-10"];
    await insertEvents(
      db(),
      p,
      times.map((t, i) => ({ anonymousId: "multi", name: "pageview", path: "/", time: utc(t), messageId: `multi-${i}` })),
    );
    await insertEvents(db(), p, [
      { anonymousId: "multi", userId: "u-multi", name: "identify", time: utc("2020-03-11"), messageId: "multi-id", traits: {} },
    ]);
    const rows = await where(db(), p, sql`anonymous_id = 'multi'`);
    expect(rows.map((r) => [r.part, r.person_id])).toEqual([
      ["events_default", "u-multi"],
      ["events_p2020_01", "u-multi"],
      ["events_p2020_03", "u-multi"],
      ["events_p2020_03", "u-multi"],
    ]);
  });

  it("drops a month before every project's horizon whole, and reads across the horizon as a project that never had it", async () => {
    const kept = await ownerWithProject(db(), "kept@example.nl");
    const never = await ownerWithProject(db(), "never@example.nl");
    const all = journeys("k", utc("2020-01-05"), 70); // 5 January to 15 March
    await insertEvents(db(), kept.scope.projectId, all);
    await insertEvents(
      db(),
      never.scope.projectId,
      all.filter((e) => e.time >= HORIZON),
    );
    const january = all.filter((e) => e.time < utc("2020-02-01")).length;
    // Every project keeps two months.
    await db().execute(sql`insert into event_retention (project_id, months) select id, 2 from projects
      on conflict (project_id) do update set months = 2, checked_at = null`);
    const [others] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from events_p2020_01`);

    let partitions: Awaited<ReturnType<typeof maintainPartitions>> | undefined;
    const runs = await retentionTick(db(), NOW, (p) => (partitions = p));
    expect(partitions?.partitions).toEqual(["events_p2020_01"]);
    expect(partitions?.events).toBe(Number(others.n));
    expect(Number(others.n)).toBeGreaterThan(january);
    expect((await eventPartitions(db())).map((p) => p.name)).not.toContain("events_p2020_01");
    // What the partition did not hold (1 to 10 February) went in batches.
    expect(runs.get(kept.scope.projectId)?.events).toBe(all.filter((e) => e.time >= utc("2020-02-01") && e.time < HORIZON).length);

    const range = [utc("2020-01-01"), utc("2020-03-10")] as const;
    expect(await report(kept.scope, ...range)).toEqual(await report(never.scope, ...range));
    const [left] = await queryRows<{ events: number; messages: number; early: number }>(
      db(),
      sql`select (select count(*)::int from events where project_id = ${kept.scope.projectId}::uuid) as events,
        (select count(*)::int from event_messages where project_id = ${kept.scope.projectId}::uuid) as messages,
        (select count(*)::int from persons where project_id = ${kept.scope.projectId}::uuid and first_seen < ${HORIZON.toISOString()}::timestamptz) as early`,
    );
    expect(left.events).toBe(all.filter((e) => e.time >= HORIZON).length);
    expect(left.messages).toBe(left.events);
    expect(left.early).toBe(0);
  });
  // Two connections at once: PGlite has one, so this runs on PostgreSQL and Citus.
  if (kind !== "pglite")
    it("drops a month while an identify holds the events table: the drop waits for it, no deadlock", async () => {
      const p = shop.scope.projectId;
      await createPartitionsAhead(db(), utc("2021-06-15")); // June to September 2021
      await insertEvents(db(), p, [
        { anonymousId: "dl", name: "pageview", path: "/", time: utc("2021-06-10"), messageId: "dl-1" },
        { anonymousId: "dl", name: "pageview", path: "/", time: utc("2021-08-10"), messageId: "dl-2" },
      ]);
      let drop: Promise<unknown> | undefined;
      // As an identify's re-attribution does: it locks the events table, then, in its update, every month.
      await db().transaction(async (tx) => {
        await tx.execute(
          sql`select 1 from events where project_id = ${p}::uuid and time >= ${utc("2021-08-01").toISOString()}::timestamptz limit 1`,
        );
        drop = dropPartitionsBefore(db(), utc("2021-07-01"));
        drop.catch(() => {});
        await new Promise((r) => setTimeout(r, 400));
        await tx.execute(sql`update events set person_id = person_id where project_id = ${p}::uuid and anonymous_id = 'dl'`);
      });
      const dropped = (await drop) as Awaited<ReturnType<typeof dropPartitionsBefore>>;
      expect(dropped.partitions).toContain("events_p2021_06");
      expect((await where(db(), p, sql`anonymous_id = 'dl'`)).map((r) => r.message_id)).toEqual(["dl-2"]);
    });
});
