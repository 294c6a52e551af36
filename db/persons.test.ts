import { it, expect, beforeAll } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb, alsoOnCitus } from "../tests/db";
import { ownerWithProject } from "../tests/fixtures";
import { insertEvents, type EventInput } from "./events/insert";
import { generateDemoEvents } from "./demo/generate";
import { funnelStepCounts, type StepCountsQuery, type StepCountsRow } from "./queries/funnel/engine";
import { factsStepCounts } from "./queries/funnel/facts";
import { prepareFacts, readyFacts } from "./queries/funnel/factsUpkeep";
import { funnelResults } from "./queries/funnel/funnelResults";
import { projectConversions } from "./conversions";
import { listFunnels } from "./funnels";
import { queryRows } from "./client";
import { deletePerson, personDeletionLog, personProfile } from "./persons";
import { zonedMidnight } from "../lib/funnel/ranges";
import type { ProjectScope } from "./tenant";
import { AccessError } from "../lib/errors";

// The hourly claim, retention and a person's erasure on a Citus cluster too (tenant data, DDL on partitions).
alsoOnCitus();

const TZ = "Europe/Amsterdam";
const END = zonedMidnight(2026, 5, 1, TZ);
const DAY = 86400_000;
const at = (daysBeforeEnd: number, minutes = 0) => new Date(END.getTime() - daysBeforeEnd * DAY + minutes * 60_000);

/**
 * The person to erase: two devices (a phone from google, a laptop from the newsletter), both
 * identified as user-x, who buys on the laptop; and a shared family computer whose anonymous id
 * belongs to someone else (user-y), which user-x also used once (their event stays theirs, the
 * device stays user-y's).
 */
function personX(): EventInput[] {
  let n = 0;
  const ev = (e: Omit<EventInput, "messageId">): EventInput => ({ ...e, messageId: `x-${n++}` });
  return [
    ev({
      anonymousId: "x-phone",
      time: at(9),
      name: "pageview",
      path: "/",
      source: "google",
      medium: "cpc",
      device: "mobile",
      country: "NL",
    }),
    ev({ anonymousId: "x-phone", time: at(9, 2), name: "pageview", path: "/product/fiets", device: "mobile", country: "NL" }),
    ev({ anonymousId: "x-phone", time: at(9, 3), name: "add_to_cart", device: "mobile", country: "NL" }),
    ev({
      anonymousId: "x-phone",
      userId: "user-x",
      time: at(9, 4),
      name: "identify",
      traits: { email: "x@example.nl", age: 41 },
      ageGroup: "35-44",
    }),
    ev({
      anonymousId: "x-laptop",
      time: at(5),
      name: "pageview",
      path: "/",
      source: "newsletter",
      medium: "email",
      device: "desktop",
      country: "BE",
    }),
    ev({ anonymousId: "x-laptop", time: at(5, 1), name: "pageview", path: "/product/jas", device: "desktop", country: "BE" }),
    ev({ anonymousId: "x-laptop", userId: "user-x", time: at(5, 2), name: "identify", traits: { plan: "gold" } }),
    ev({ anonymousId: "x-laptop", time: at(5, 3), name: "add_to_cart", device: "desktop", country: "BE" }),
    ev({ anonymousId: "x-laptop", time: at(5, 4), name: "checkout_started", device: "desktop", country: "BE" }),
    ev({ userId: "user-x", time: at(5, 6), name: "purchase", revenue: 129.5, device: "desktop", country: "BE" }),
    ev({ anonymousId: "family-pc", userId: "user-x", time: at(3), name: "pageview", path: "/", source: "facebook", device: "desktop" }),
  ];
}

/** user-y owns the family computer (linked first); they are not erased with user-x. */
function personY(): EventInput[] {
  return [
    { anonymousId: "family-pc", time: at(4), name: "pageview", path: "/", source: "facebook", device: "desktop", messageId: "y-0" },
    { anonymousId: "family-pc", userId: "user-y", time: at(4, 1), name: "identify", traits: { plan: "basic" }, messageId: "y-1" },
    { anonymousId: "family-pc", time: at(4, 2), name: "add_to_cart", device: "desktop", messageId: "y-2" },
  ];
}

const sorted = (rows: StepCountsRow[]) => [...rows].sort((a, b) => a.group.localeCompare(b.group) || a.step - b.step);

async function insertAll(scope: ProjectScope, events: EventInput[]) {
  for (let i = 0; i < events.length; i += 200) await insertEvents(scope.db, scope.projectId, events.slice(i, i + 200));
}

describeEachDb("deleting a person", (db) => {
  let withX: Awaited<ReturnType<typeof ownerWithProject>>;
  let without: Awaited<ReturnType<typeof ownerWithProject>>;
  const traffic = [...generateDemoEvents("ecommerce", { visitors: 400, days: 14, seed: 5, end: END, batchVisitors: 400 })].flat();

  beforeAll(async () => {
    withX = await ownerWithProject(db(), "erase@example.nl");
    without = await ownerWithProject(db(), "never@example.nl");
    // The same visitors in both projects; only one of them ever had user-x.
    await insertAll(withX.scope, [...traffic, ...personY()]);
    await insertAll(without.scope, [...traffic, ...personY()]);
    await insertAll(withX.scope, personX());
  });

  /** Everything a user reads that could change: the engine, a saved funnel's facts and results, goals and segment tables. */
  async function numbers(scope: ProjectScope) {
    const [funnel] = await listFunnels(scope);
    const def = { steps: funnel.steps, windowSeconds: funnel.windowSeconds };
    const range = { ...def, from: zonedMidnight(2026, 4, 17, TZ), to: END };
    const queries: StepCountsQuery[] = [
      range,
      { ...range, groupBy: { kind: "field", field: "source", limit: 10 } },
      { ...range, filters: { device: ["desktop"] }, groupBy: { kind: "field", field: "country", limit: 10 } },
      { ...range, groupBy: { kind: "period", unit: "day", timeZone: TZ } },
    ];
    const factsId = await readyFacts(scope, def);
    expect(factsId).not.toBeNull();
    return {
      engine: (await Promise.all(queries.map((q) => funnelStepCounts(scope, q)))).map(sorted),
      // Row order is the database's; the rows are what count.
      facts: (await Promise.all(queries.map((q) => factsStepCounts(scope, factsId!, q)))).map(sorted),
      saved: await funnelResults(scope, { ...range, breakdown: "source", compare: true, saved: true }),
      conversions: await projectConversions(scope, {
        from: range.from,
        to: range.to,
        filters: {},
        segments: ["source", "device", "country", "age_group"],
      }),
    };
  }

  const rowsAbout = async (scope: ProjectScope, ids: string[]) => {
    const list = JSON.stringify(ids);
    const inList = (col: string) => sql`${sql.raw(col)} in (select jsonb_array_elements_text(${list}::jsonb))`;
    const [r] = await queryRows<Record<string, number>>(
      scope.db,
      sql`select
        (select count(*)::int from events where project_id = ${scope.projectId}::uuid and (${inList("person_id")} or ${inList("user_id")})) as events,
        (select count(*)::int from persons where project_id = ${scope.projectId}::uuid and ${inList("person_id")}) as persons,
        (select count(*)::int from identity_links where project_id = ${scope.projectId}::uuid and (${inList("user_id")} or ${inList("anonymous_id")})) as links,
        (select count(*)::int from funnel_fact_rows where project_id = ${scope.projectId}::uuid and ${inList("person_id")}) as facts`,
    );
    return r;
  };

  it("erases every trace of the person, so that funnels, facts, goals and segment tables read as if they never visited", async () => {
    const [funnel] = await listFunnels(withX.scope);
    for (const p of [withX, without]) await prepareFacts(p.scope, { steps: funnel.steps, windowSeconds: funnel.windowSeconds });
    const before = await numbers(withX.scope);
    const never = await numbers(without.scope);
    // user-x counts before: one more visitor, buyer and revenue than the project that never saw them.
    expect(before.saved.steps[0].visitors).toBe(never.saved.steps[0].visitors + 1);
    expect(before.saved.steps[4].visitors).toBe(never.saved.steps[4].visitors + 1);
    const purchase = (o: typeof before.conversions) => o.goals.find((g) => g.key === "purchase")!;
    expect(purchase(before.conversions).converted).toBe(purchase(never.conversions).converted + 1);
    expect(purchase(before.conversions).revenue!.total).toBeCloseTo(purchase(never.conversions).revenue!.total + 129.5, 2);
    expect(before.facts).not.toEqual(never.facts);
    expect(await rowsAbout(withX.scope, ["user-x", "x-phone", "x-laptop"])).toMatchObject({ events: 11, links: 2 });
    const profile = await personProfile(withX.scope, "x-phone");
    expect(profile).toMatchObject({ personId: "user-x", userId: "user-x", anonymousIds: ["x-laptop", "x-phone"], events: 11 });
    expect(profile.traits).toMatchObject({ email: "x@example.nl", plan: "gold" });

    // Named by one device's anonymous id: the whole person goes, every device with them.
    const erased = await deletePerson(withX.scope, "x-laptop");
    expect(erased.personId).toBe("user-x");
    expect(erased.counts.events).toBe(11);
    expect(erased.counts.devices).toBe(2);
    expect(erased.counts.identityLinks).toBe(2);
    expect(erased.counts.persons).toBe(3); // user-x, and the two anonymous persons merged into them
    expect(erased.counts.funnelFacts).toBeGreaterThan(0);

    expect(await rowsAbout(withX.scope, ["user-x", "x-phone", "x-laptop"])).toEqual({ events: 0, persons: 0, links: 0, facts: 0 });
    // The shared computer is still user-y's, with all of user-y's events.
    expect(await rowsAbout(withX.scope, ["user-y", "family-pc"])).toMatchObject({ events: 3, persons: 2, links: 1 });

    const after = await numbers(withX.scope);
    expect(after.engine).toEqual(never.engine);
    expect(after.facts).toEqual(never.facts);
    expect(after.saved).toEqual(never.saved);
    expect(after.conversions).toEqual(never.conversions);
  });

  it("logs who erased which id and how much, never the person's data, and answers 404 for an id nobody has", async () => {
    const log = await personDeletionLog(withX.scope);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ requestedId: "x-laptop", actorUserId: withX.user.id, counts: { events: 11, devices: 2 } });
    const stored = JSON.stringify(await queryRows(db(), sql`select * from person_deletions`));
    for (const secret of ["x@example.nl", "gold", "x-phone", "user-x"]) expect(stored).not.toContain(secret);

    await expect(deletePerson(withX.scope, "x-laptop")).rejects.toBeInstanceOf(AccessError);
    await expect(personProfile(withX.scope, "user-x")).rejects.toMatchObject({ status: 404 });
    // Another project's person is not this project's: nothing of user-y goes when asked elsewhere.
    await expect(deletePerson(withX.scope, "nobody")).rejects.toMatchObject({ status: 404 });
    expect(await personDeletionLog(withX.scope)).toHaveLength(1);
  });

  it("erases a person named by their user id, and one who never identified by their anonymous id", async () => {
    const y = await deletePerson(without.scope, "user-y");
    expect(y).toMatchObject({ personId: "user-y", counts: { events: 3, devices: 1, identityLinks: 1, persons: 2 } });
    const [someone] = await queryRows<{ person_id: string; n: number }>(
      db(),
      sql`select e.person_id, count(*)::int as n from events e where e.project_id = ${without.scope.projectId}::uuid
        and not exists (select 1 from identity_links l where l.project_id = e.project_id and l.user_id = e.person_id)
        group by e.person_id having bool_and(e.user_id is null) order by e.person_id limit 1`,
    );
    const anon = await deletePerson(without.scope, someone.person_id);
    expect(anon).toMatchObject({
      personId: someone.person_id,
      counts: { events: Number(someone.n), devices: 0, identityLinks: 0, persons: 1 },
    });
    expect(await rowsAbout(without.scope, [someone.person_id])).toEqual({ events: 0, persons: 0, links: 0, facts: 0 });
  });
});
