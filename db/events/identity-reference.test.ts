import { it, expect, beforeAll } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb, alsoOnCitus } from "../../tests/db";
import { createAccount } from "../accounts";
import { teamScopeForUser } from "../tenant";
import { createProject } from "../projects";
import { insertEvents, type EventInput } from "./insert";
import { queryRows } from "../client";
import { rng } from "../demo/random";

alsoOnCitus();

/**
 * The person of every event by the README's identity rules, written from the rules alone: links in
 * the order their batches arrive; an id keeps its first link; a link points through to whatever its
 * target is linked to, and drags along whatever was linked to its source; a link that would make an
 * id its own user is left out. An event is its user id's person if it names one, else its anonymous
 * id's, whenever the links come.
 */
function expectedPersons(batches: EventInput[][]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let at = id;
    while (parent.has(at)) at = parent.get(at)!;
    return at;
  };
  for (const batch of batches)
    for (const e of batch) {
      const from = e.previousId ?? (e.type === "identify" ? e.anonymousId : null);
      if (!from || !e.userId || from === e.userId || parent.has(from)) continue;
      const root = find(e.userId);
      if (root !== from) parent.set(from, root);
    }
  const out = new Map<string, string>();
  for (const batch of batches) for (const e of batch) out.set(e.messageId, find((e.userId ?? e.anonymousId)!));
  return out;
}

// Random sequences of track, identify and alias calls over a few ids, sent in batches of one to five
// (each id linked at most once per batch, where the batch's own "last link counts" rule would apply),
// against the rules above: every event's stored person.
describeEachDb("identity against a reference of its rules", (db) => {
  let projectId: string;
  beforeAll(async () => {
    const { user } = await createAccount(db(), { name: "R", email: "identity-ref@example.nl", password: "long enough pw" });
    projectId = (await createProject((await teamScopeForUser(db(), user.id))!, { name: "P", sector: "saas" })).project.id;
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("seed %i: every event belongs to the person the rules give", async (seed) => {
    const { next: rand, pick } = rng(seed);
    const anons = [0, 1, 2, 3, 4].map((i) => `s${seed}-a${i}`);
    const users = [0, 1, 2, 3, 4].map((i) => `s${seed}-u${i}`);
    const batches: EventInput[][] = [];
    let n = 0;
    const t0 = Date.UTC(2026, 10, 1);
    while (n < 80) {
      const batch: EventInput[] = [];
      const linkedHere = new Set<string>();
      for (let size = 1 + Math.floor(rand() * 5); size > 0; size--) {
        const base = { time: new Date(t0 + n * 1000), messageId: `s${seed}-m${n++}` };
        const r = rand();
        const e: EventInput =
          r < 0.3
            ? { ...base, name: "view", type: "track", anonymousId: pick(anons) }
            : r < 0.45
              ? { ...base, name: "buy", type: "track", userId: pick(users) }
              : r < 0.55
                ? { ...base, name: "signup", type: "track", anonymousId: pick(anons), userId: pick(users) }
                : r < 0.8
                  ? { ...base, name: "identify", type: "identify", anonymousId: pick(anons), userId: pick(users), traits: {} }
                  : { ...base, name: "alias", type: "alias", previousId: pick([...anons, ...users]), userId: pick(users) };
        const from = e.previousId ?? (e.type === "identify" ? e.anonymousId : null);
        if (from && linkedHere.has(from)) continue;
        if (from) linkedHere.add(from);
        batch.push(e);
      }
      batches.push(batch);
    }
    for (const batch of batches) await insertEvents(db(), projectId, batch);
    const expected = expectedPersons(batches);
    const rows = await queryRows<{ message_id: string; person_id: string }>(
      db(),
      sql`select message_id, person_id from events where project_id = ${projectId}::uuid and message_id like ${`s${seed}-%`}`,
    );
    expect(rows.length).toBe(expected.size);
    const wrong = rows
      .filter((r) => expected.get(r.message_id) !== r.person_id)
      .map((r) => [r.message_id, r.person_id, expected.get(r.message_id)]);
    expect(wrong).toEqual([]);
  });
});
