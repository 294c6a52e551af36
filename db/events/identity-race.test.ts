import { it, expect, beforeAll } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb, alsoOnCitus } from "../../tests/db";
import { createAccount } from "../accounts";
import { teamScopeForUser } from "../tenant";
import { createProject } from "../projects";
import { insertEvents } from "./insert";
import { queryRows } from "../client";

alsoOnCitus();

// Events of an anonymous id and the identify that links it, stored at the same moment by separate
// requests: afterwards every event of that id belongs to the user (a funnel counts people).
describeEachDb("identity under concurrent batches", (db) => {
  let projectId: string;
  beforeAll(async () => {
    const { user } = await createAccount(db(), { name: "R", email: "race@example.nl", password: "long enough pw" });
    projectId = (await createProject((await teamScopeForUser(db(), user.id))!, { name: "P", sector: "saas" })).project.id;
  });

  it("re-attributes every event of a linked anonymous id, whichever batch commits first", async () => {
    const now = Date.now();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => [
        insertEvents(
          db(),
          projectId,
          [1, 2, 3].map((n) => ({ anonymousId: `anon-${i}`, name: "view", time: new Date(now + n), messageId: `v-${i}-${n}` })),
        ),
        insertEvents(db(), projectId, [
          { anonymousId: `anon-${i}`, userId: `user-${i}`, name: "identify", time: new Date(now + 5), messageId: `i-${i}`, traits: {} },
        ]),
      ]).flat(),
    );
    const stray = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from events where project_id = ${projectId}::uuid and person_id like 'anon-%'`,
    );
    expect(stray[0].n).toBe(0);
    const people = await queryRows<{ n: number }>(
      db(),
      sql`select count(distinct person_id)::int as n from events where project_id = ${projectId}::uuid`,
    );
    expect(people[0].n).toBe(30);
  });

  it("an alias moves the devices linked to its old id with it, even while they send events", async () => {
    const now = Date.now();
    // Each device identified as its old user id before.
    for (let i = 0; i < 20; i++)
      await insertEvents(db(), projectId, [
        { anonymousId: `dev-${i}`, userId: `old-${i}`, name: "identify", time: new Date(now), messageId: `ci-${i}`, traits: {} },
      ]);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => [
        insertEvents(
          db(),
          projectId,
          [1, 2, 3].map((n) => ({ anonymousId: `dev-${i}`, name: "view", time: new Date(now + n), messageId: `cv-${i}-${n}` })),
        ),
        insertEvents(db(), projectId, [
          { previousId: `old-${i}`, userId: `new-${i}`, name: "alias", time: new Date(now + 5), messageId: `ca-${i}` },
        ]),
      ]).flat(),
    );
    const stray = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from events where project_id = ${projectId}::uuid and anonymous_id like 'dev-%' and person_id not like 'new-%'`,
    );
    expect(stray[0].n).toBe(0);
    const links = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from identity_links where project_id = ${projectId}::uuid and anonymous_id like 'dev-%' and user_id not like 'new-%'`,
    );
    expect(links[0].n).toBe(0);
  });
});
