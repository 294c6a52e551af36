import { it, expect, beforeAll } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb, alsoOnCitus } from "../../tests/db";
import { ownerWithProject } from "../../tests/fixtures";
import { insertEvents } from "./insert";
import { queryRows } from "../client";
import { personProfile } from "../persons";
import { applyRetention } from "../retention";
import { zonedMidnight } from "../../lib/funnel/ranges";

// The upsert's condition and retention's correction run on a Citus cluster too.
alsoOnCitus();

const TZ = "Europe/Amsterdam";
// Two months kept on 10 April: the horizon is local midnight of 10 February.
const NOW = new Date("2026-04-10T09:00:00Z");
const HORIZON = zonedMidnight(2026, 2, 10, TZ);
const T0 = new Date("2026-03-02T10:00:00Z");
const min = (m: number, from = T0) => new Date(from.getTime() + m * 60_000);

describeEachDb("a person's last seen", (db) => {
  let owner: Awaited<ReturnType<typeof ownerWithProject>>;
  let n = 0;
  const visit = (person: string, time: Date) =>
    insertEvents(db(), owner.project.id, [{ anonymousId: person, time, name: "pageview", messageId: `ls-${n++}` }]);
  const stored = async (person: string) =>
    (
      await queryRows<{ last: string; first: string; xmin: string }>(
        db(),
        sql`select to_char(last_seen at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as last,
            to_char(first_seen at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as first, xmin::text as xmin
          from persons where project_id = ${owner.project.id}::uuid and person_id = ${person}`,
      )
    )[0];

  beforeAll(async () => {
    owner = await ownerWithProject(db(), "last-seen@example.nl");
  });

  it("is not rewritten by every batch of a visit, yet the person's page shows the exact last event", async () => {
    await visit("v1", min(0));
    const first = await stored("v1");
    expect(first).toMatchObject({ first: "2026-03-02T10:00:00", last: "2026-03-02T10:00:00" });
    // Batches within the hour leave the row as it was (no new row version: xmin unchanged).
    await visit("v1", min(20));
    await visit("v1", min(59));
    expect(await stored("v1")).toEqual(first);
    expect((await personProfile(owner.scope, "v1")).lastSeen?.toISOString()).toBe(min(59).toISOString());
    // An hour or more after the stored time moves it to the new event.
    await visit("v1", min(61));
    expect((await stored("v1")).last).toBe("2026-03-02T11:01:00");
    // An earlier event, sent late, moves first_seen back at once.
    await visit("v1", min(-5));
    expect(await stored("v1")).toMatchObject({ first: "2026-03-02T09:55:00", last: "2026-03-02T11:01:00" });
    const profile = await personProfile(owner.scope, "v1");
    expect([profile.firstSeen?.toISOString(), profile.lastSeen?.toISOString()]).toEqual([min(-5).toISOString(), min(61).toISOString()]);
  });

  it("behind by less than an hour, still lets retention keep a person with events after the horizon and delete one without", async () => {
    // Both are stored just before the horizon; "back" returns 40 minutes later, after it (the row keeps the earlier time).
    await visit("back", min(-30, HORIZON));
    await visit("back", min(10, HORIZON));
    await visit("gone", min(-30, HORIZON));
    expect((await stored("back")).last < HORIZON.toISOString().slice(0, 19)).toBe(true);
    const run = await applyRetention(db(), owner.project.id, 2, TZ, NOW);
    expect(run.persons).toBe(1);
    expect(await stored("gone")).toBeUndefined();
    expect((await personProfile(owner.scope, "back")).lastSeen?.toISOString()).toBe(min(10, HORIZON).toISOString());
    // Corrected to the events that remain, so the next run does not look at it again.
    expect((await stored("back")).last).toBe(min(10, HORIZON).toISOString().slice(0, 19));
  });
});
