import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./client";
import type { ProjectScope } from "./tenant";
import { notFound } from "../lib/errors";
import { limitedStatements } from "./limits";
import { lockIdentityIds } from "./events/insert";
import { factsLockKey } from "./queries/funnel/factsUpkeep";
import type { PersonErasure, PersonProfile } from "../lib/privacy/types";

/**
 * One person of a project, found by any id a customer may have for them, and erased whole (the
 * privacy issue's "delete a person"). A person is what funnels count: `events.person_id`, the user
 * id once known, else the anonymous id. Identity already put every event of a linked device under
 * that id, so erasing the person's events is erasing `person_id`'s rows.
 */

/**
 * The person id that `id` names in the project: the user an anonymous id is linked to, else the
 * person of that id, else the person whose events carry it as anonymous or user id; null when none.
 * Each look-up is an index probe.
 */
async function resolvePerson(db: Db, projectId: string, id: string): Promise<string | null> {
  const [row] = await queryRows<{ person_id: string | null }>(
    db,
    sql`select coalesce(
      (select user_id from identity_links where project_id = ${projectId}::uuid and anonymous_id = ${id}),
      (select person_id from events where project_id = ${projectId}::uuid and person_id = ${id} limit 1),
      (select person_id from events where project_id = ${projectId}::uuid and anonymous_id = ${id} limit 1),
      (select person_id from events where project_id = ${projectId}::uuid and user_id = ${id} limit 1),
      (select person_id from persons where project_id = ${projectId}::uuid and person_id = ${id})
    ) as person_id`,
  );
  return row?.person_id ?? null;
}

/**
 * The anonymous ids that are the person's devices: those linked to them, and those on their events
 * that are nobody else's (a shared computer's anonymous id stays with the user it was linked to).
 */
function devicesOf(projectId: string, personId: string) {
  return sql`select anonymous_id from identity_links where project_id = ${projectId}::uuid and user_id = ${personId}
    union
    select distinct e.anonymous_id from events e where e.project_id = ${projectId}::uuid and e.person_id = ${personId}
      and e.anonymous_id is not null and e.anonymous_id <> ${personId}
      and not exists (select 1 from identity_links l where l.project_id = ${projectId}::uuid and l.anonymous_id = e.anonymous_id and l.user_id <> ${personId})`;
}

/** What the person page shows of someone; 404 when the id names nobody in the project. */
export async function personProfile(scope: ProjectScope, id: string): Promise<PersonProfile> {
  const p = scope.projectId;
  const personId = await resolvePerson(scope.db, p, id);
  if (!personId) throw notFound("No person with this id in this project.");
  const [row] = await queryRows<{
    traits: Record<string, unknown> | string | null;
    first_seen: string | Date | null;
    last_seen: string | Date | null;
    identified: boolean;
    devices: string[] | string | null;
    events: number;
    names: { name: string; count: number }[] | string | null;
  }>(
    scope.db,
    sql`select
      (select traits from persons where project_id = ${p}::uuid and person_id = ${personId}) as traits,
      (select min(time) from events where project_id = ${p}::uuid and person_id = ${personId}) as first_seen,
      (select max(time) from events where project_id = ${p}::uuid and person_id = ${personId}) as last_seen,
      exists (select 1 from events where project_id = ${p}::uuid and user_id = ${personId}) as identified,
      (select to_jsonb(array_agg(d.anonymous_id order by d.anonymous_id)) from (${devicesOf(p, personId)}) d) as devices,
      (select count(*)::int from events where project_id = ${p}::uuid and person_id = ${personId}) as events,
      (select jsonb_agg(jsonb_build_object('name', n.name, 'count', n.c) order by n.c desc, n.name) from (
        select name, count(*)::int as c from events where project_id = ${p}::uuid and person_id = ${personId}
        group by name order by c desc, name limit 20) n) as names`,
  );
  const parse = <T>(v: T | string | null): T | null => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  const date = (v: string | Date | null) => (v === null ? null : pgDate(v));
  return {
    personId,
    userId: row.identified ? personId : null,
    anonymousIds: parse<string[]>(row.devices) ?? [],
    traits: parse<Record<string, unknown>>(row.traits) ?? {},
    firstSeen: date(row.first_seen),
    lastSeen: date(row.last_seen),
    events: Number(row.events),
    eventNames: (parse<{ name: string; count: number }[]>(row.names) ?? []).map((n) => ({ name: n.name, count: Number(n.count) })),
  };
}

/**
 * Erases a person named by their person id, user id or any anonymous id (404 when nobody has it):
 * their events on every device linked to them, their identity links, their person rows (theirs and
 * those of the anonymous ids merged into them, which hold traits) and their funnel fact rows in every
 * fact set, in one transaction under the time limit of erasures. It holds the identity locks of their
 * ids (no batch writes or links them meanwhile) and every fact set's lock (no refresh or build
 * writes their rows back from a snapshot that still had their events). Funnel facts of other people
 * are untouched: a fact row is one person's, and its links (gaps, solo bits) only to their own rows.
 * The deletion is logged (who, when, the id asked for and the counts; nothing of the person).
 * Admins only: the caller passes a scope that passed `require("admin")`.
 */
export async function deletePerson(scope: ProjectScope, id: string): Promise<PersonErasure> {
  const p = scope.projectId;
  const actor = scope.actor.kind === "member" && scope.actor.userId !== "operator" ? scope.actor.userId : null;
  return limitedStatements(scope.db, "eraseMs", async (t) => {
    const personId = await resolvePerson(t, p, id);
    if (!personId) throw notFound("No person with this id in this project.");
    const devices = (await queryRows<{ anonymous_id: string }>(t, devicesOf(p, personId))).map((r) => r.anonymous_id);
    await lockIdentityIds(t, p, [personId, id, ...devices]);
    const keys = await queryRows<{ id: number; funnel_key: string }>(
      t,
      sql`select id, funnel_key from funnel_fact_sets where project_id = ${p}::uuid order by funnel_key`,
    );
    for (const { funnel_key } of keys) await t.execute(sql`select pg_advisory_xact_lock(${factsLockKey(p, funnel_key)})`);
    const ids = JSON.stringify([personId, ...devices]);
    const count = async (statement: ReturnType<typeof sql>) =>
      Number((await queryRows<{ n: number }>(t, sql`with d as (${statement} returning 1) select count(*)::int as n from d`))[0].n);
    const counts = {
      // With their message ids: a retried message of theirs is a new event again, as before they were stored.
      events: Number(
        (
          await queryRows<{ n: number }>(
            t,
            sql`with d as (delete from events where project_id = ${p}::uuid and person_id = ${personId} returning message_id),
              m as (delete from event_messages where project_id = ${p}::uuid and message_id in (select message_id from d))
              select count(*)::int as n from d`,
          )
        )[0].n,
      ),
      devices: devices.length,
      identityLinks: await count(
        sql`delete from identity_links where project_id = ${p}::uuid and (user_id = ${personId} or anonymous_id = ${personId})`,
      ),
      persons: await count(
        sql`delete from persons where project_id = ${p}::uuid and person_id in (select jsonb_array_elements_text(${ids}::jsonb))`,
      ),
      // Per fact set, so each delete is a probe of (project_id, facts_id, person_id).
      funnelFacts: 0,
    };
    for (const { id: factsId } of keys)
      counts.funnelFacts += await count(
        sql`delete from funnel_fact_rows where project_id = ${p}::uuid and facts_id = ${Number(factsId)}
          and person_id in (select jsonb_array_elements_text(${ids}::jsonb))`,
      );
    await t.execute(
      sql`insert into person_deletions (project_id, requested_id, actor_user_id, counts)
        values (${p}::uuid, ${id}, ${actor}::uuid, ${JSON.stringify(counts)}::jsonb)`,
    );
    return { personId, counts };
  });
}

/** The project's deletion log, newest first (at most `limit` entries). */
export async function personDeletionLog(
  scope: ProjectScope,
  limit = 50,
): Promise<{ requestedId: string; actorUserId: string | null; deletedAt: Date; counts: Record<string, number> }[]> {
  const rows = await queryRows<{
    requested_id: string;
    actor_user_id: string | null;
    deleted_at: string | Date;
    counts: Record<string, number> | string;
  }>(
    scope.db,
    sql`select requested_id, actor_user_id, deleted_at, counts from person_deletions
      where project_id = ${scope.projectId}::uuid order by deleted_at desc, id desc limit ${limit}`,
  );
  return rows.map((r) => ({
    requestedId: r.requested_id,
    actorUserId: r.actor_user_id,
    deletedAt: pgDate(r.deleted_at),
    counts: typeof r.counts === "string" ? (JSON.parse(r.counts) as Record<string, number>) : r.counts,
  }));
}

/** A timestamptz as either driver hands it over (postgres.js behind drizzle: text such as `2026-05-01 10:00:00+00`). */
function pgDate(v: string | Date): Date {
  return v instanceof Date ? v : new Date(v.includes("T") ? v : v.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
}
