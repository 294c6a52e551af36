import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../client";
import { preparedRows } from "../prepared";
import { factsChangeLock } from "../queries/funnel/changes";
import type { EventType } from "../../lib/ingest/normalize";

/** One event as stored; ingestion and the demo generator both write through insertEvents. */
export type EventInput = {
  time: Date;
  name: string;
  anonymousId?: string | null;
  userId?: string | null;
  path?: string | null;
  referrerDomain?: string | null;
  source?: string | null;
  medium?: string | null;
  campaign?: string | null;
  device?: string | null;
  browser?: string | null;
  os?: string | null;
  country?: string | null;
  region?: string | null;
  properties?: Record<string, unknown>;
  revenue?: number | null;
  messageId: string;
  receivedAt?: Date;
  /** identify traits to merge into the person, with the age group derived from them. */
  traits?: Record<string, unknown> | null;
  ageGroup?: string | null;
  /** alias: the id (anonymous or earlier user id) that becomes userId. */
  previousId?: string | null;
  /**
   * The call that sent it (ingestion sets it); without it, an event named "identify" counts as an
   * identify call. Only identify calls and aliases link ids (linkOf).
   */
  type?: EventType;
};

/**
 * The id an event links to its user id, if any: an alias's previousId, or an identify call's
 * anonymous id (DESIGN.md, "Identity": once an identify/alias call links an anonymous id to a user
 * id, all of that id's events count as the user's). A track or page call that carries both ids,
 * as Segment clients send after identify, counts as the user's without linking the anonymous id.
 */
function linkOf(e: EventInput): string | null {
  if (!e.userId) return null;
  if (e.previousId) return e.previousId !== e.userId ? e.previousId : null;
  const identify = e.type !== undefined ? e.type === "identify" : e.name === "identify";
  return identify && e.anonymousId ? e.anonymousId : null;
}

export type InsertResult = { stored: number; duplicates: number };

// Postgres caps a statement at 65,535 parameters and long VALUES lists are slow to plan, so a
// batch travels as one json parameter expanded by json_to_recordset: one round trip, same SQL
// on PGlite and PostgreSQL.
const CHUNK = 5000;

/**
 * A row for json_to_recordset, under short keys (what each one is: the `input` CTE of
 * insertEventGroup). Absent keys read as null, so empty fields are left out, and the receive time
 * travels once per statement unless an event brings its own. Measured per 100 events in PostgreSQL
 * 15 (#18): `jsonb_to_recordset` with typed columns and the column names as keys 1.5 ms,
 * `json_to_recordset` of short keys read as text and cast afterwards 0.6 ms (jsonb sorts every
 * object's keys, and a typed column, above all a jsonb one, is converted field by field).
 */
function row(e: EventInput, member: number) {
  const r: Record<string, unknown> = { t: e.time.toISOString(), n: e.name, id: e.messageId, m: member };
  if (e.receivedAt) r.r = e.receivedAt.toISOString();
  if (e.properties && Object.keys(e.properties).length) r.pr = e.properties;
  if (e.anonymousId != null) r.a = e.anonymousId;
  if (e.userId != null) r.u = e.userId;
  if (e.path != null) r.p = e.path;
  if (e.referrerDomain != null) r.rd = e.referrerDomain;
  if (e.source != null) r.s = e.source;
  if (e.medium != null) r.md = e.medium;
  if (e.campaign != null) r.c = e.campaign;
  if (e.device != null) r.d = e.device;
  if (e.browser != null) r.b = e.browser;
  if (e.os != null) r.o = e.os;
  if (e.country != null) r.co = e.country;
  if (e.region != null) r.rg = e.region;
  if (e.revenue != null) r.rv = e.revenue;
  if (changesIdentity(e)) r.k = 1;
  return r;
}

/** Whether an event links ids or writes traits: applied only when its message is stored (not a duplicate). */
function changesIdentity(e: EventInput): boolean {
  return Boolean(linkOf(e) || e.traits || e.ageGroup);
}

/**
 * How many identity locks a project has. Identity needs one order per anonymous id: a batch that
 * links an id to a user must not run beside a batch still writing that id's events, or those events
 * would keep the anonymous person (neither transaction sees the other's rows). So a batch locks, for
 * every anonymous id and alias previousId it carries, the bucket that id hashes to, until commit:
 * two batches sharing an id share its bucket and run one after the other, as with a lock per id.
 *
 * One lock per id filled PostgreSQL's lock table, which every connection shares (max_locks_per_
 * transaction 64 × max_connections, 6,400 by default): a 500 KB batch of 9,500 visitors held 9,500
 * locks and a few of them side by side failed with 53200 "out of shared memory" (a 503, which
 * Segment clients resend forever). With buckets a transaction holds at most this many plus the
 * funnel-facts lock: 650 for a pool of 10 connections. The price is that batches whose ids share a
 * bucket wait for each other; large batches of one project touch every bucket and go one by one.
 */
export const IDENTITY_LOCK_BUCKETS = 64;

/**
 * Takes the identity buckets of a whole batch (not per chunk) at the start of its transaction, in
 * ascending order and before any row is written, so two batches can never wait for each other.
 * Keys use the two-int advisory lock space (project hash, bucket), apart from the bigint keys of
 * the funnel-facts locks.
 *
 * Only a batch that changes identity (links an id to a user, or writes traits) needs its buckets
 * alone; a batch that only adds events to ids takes them shared. Such batches may run side by side
 * (they change no link, so each sees the links the other sees), while a linking batch or a
 * person's deletion (exclusive) still waits for them and they for it. Two such batches that meet
 * on new persons wait for each other's rows in `persons`; they never deadlock because each upserts
 * its persons in one sorted statement. A batch of more than one CHUNK writes them in several
 * statements, each sorted but not together (two 6,000-event batches in opposite order deadlocked),
 * so it takes its buckets alone too.
 */
async function lockIdentityBuckets(t: Db, projectId: string, batch: EventInput[]): Promise<unknown> {
  const ids = batch.flatMap((e) => [e.anonymousId, e.previousId, e.userId].filter((x): x is string => Boolean(x)));
  if (!batch.some(changesIdentity)) return identityLock(t, projectId, ids, batch.length > CHUNK ? "exclusive" : "shared");
  // A link of x to a user moves every id already linked to x along with it (applyLinks): those ids'
  // writers must wait too, or an event of one of them stored meanwhile would stay with x.
  const sources = [...new Set(batch.map(linkOf).filter((x): x is string => Boolean(x)))];
  const linked = sources.length
    ? await preparedRows<{ a: string }>(
        t,
        sql`select anonymous_id as a from identity_links
          where project_id = ${projectId}::uuid and user_id in (select jsonb_array_elements_text(${JSON.stringify(sources)}::jsonb))`,
      )
    : [];
  return identityLock(t, projectId, [...ids, ...linked.map((r) => r.a)], "exclusive");
}

/**
 * Takes the identity buckets of these ids until the transaction ends (in ascending order, as a
 * batch does): a person's deletion holds its ids' buckets, so no batch writes or links them meanwhile.
 */
export async function lockIdentityIds(
  t: Db,
  projectId: string,
  anyIds: string[],
  mode: "exclusive" | "shared" = "exclusive",
): Promise<void> {
  await identityLock(t, projectId, anyIds, mode);
}

/** The statement that takes the buckets (a prepared statement, so a batch can send it with its insert). */
function identityLock(t: Db, projectId: string, anyIds: string[], mode: "exclusive" | "shared"): Promise<unknown> {
  const ids = [...new Set(anyIds)];
  if (!ids.length) return Promise.resolve();
  const lock = mode === "shared" ? sql`pg_advisory_xact_lock_shared` : sql`pg_advisory_xact_lock`;
  return preparedRows(
    t,
    sql`select ${lock}(hashtext(${projectId}::text), b) from (
    select distinct (hashtextextended(${projectId} || ':' || id, 0) & ${IDENTITY_LOCK_BUCKETS - 1})::int as b
    from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as x(id)
  ) buckets order by b`,
  );
}

/**
 * A person's traits are capped: at most MAX_TRAIT_KEYS keys and MAX_TRAIT_BYTES of JSON. Without a
 * cap `persons.traits || new` grew without limit (80 identify calls of 1,400 new keys each gave one
 * person 112,000 keys, 400 KB, rewritten on every call and copied into audience CSVs). Chosen over
 * refusing a message: a cap per message would still let many calls add up, and an identify over the
 * cap still carries its link and its known traits, which should not be lost. So the call is
 * accepted and, once a person is full, keys it does not have yet are left out (the smallest
 * fit first), while keys it has still take their new value unless that grows it past the byte cap. Persons stored before the cap keep what they have but get no new keys.
 */
export const MAX_TRAIT_KEYS = 100;
export const MAX_TRAIT_BYTES = 8 * 1024;

/**
 * SQL for `base` merged with `incoming` within the caps above. Changes are weighed smallest first
 * (then by key) with a running total (a new key adds its key, value and separators; a changed value
 * its growth); the first that would pass a cap is left out and so is every larger one after it.
 * A change that does not grow the traits always applies. A key's JSON length is read from
 * `jsonb_object` (immutable) rather than `to_jsonb` (stable), which Citus refuses in an upsert's SET. `known`: "update" lets incoming values
 * replace base's (identify), "keep" keeps base's (a merged anonymous person's traits add keys only).
 */
// The caps as literals, not parameters: on Citus an upsert whose SET needs a parameter is sent to the
// shard without the parameter's type ("could not determine data type of parameter $1").
const CAP_BYTES = sql.raw(String(MAX_TRAIT_BYTES));
const CAP_KEYS = sql.raw(String(MAX_TRAIT_KEYS));

function cappedTraits(base: SQL, incoming: SQL, known: "update" | "keep"): SQL {
  const has = sql`(${base} -> i.key) is not null`;
  return sql`(select ${base} || coalesce(jsonb_object_agg(c.key, c.value), '{}'::jsonb) from (
      select d.key, d.value, d.known, d.grow,
        count(*) filter (where not d.known) over w as added,
        sum(d.grow) over w as grown
      from (
        select i.key, i.value, ${has} as known,
          case when ${has} then octet_length(i.value::text) - octet_length((${base} -> i.key)::text)
            else octet_length(jsonb_object(array[i.key], array[''])::text) - 6 + octet_length(i.value::text) + 4 end as grow
        from jsonb_each(${incoming}) i
        ${known === "keep" ? sql`where not ${has}` : sql``}
      ) d
      window w as (order by d.grow, d.key)
    ) c
    where c.grow <= 0 or (
      octet_length(${base}::text) + c.grown <= ${CAP_BYTES}
      and (c.known or (select count(*) from jsonb_object_keys(${base})) + c.added <= ${CAP_KEYS})))`;
}

/**
 * Stores a batch of a project's events in one transaction, at most once per messageId, and applies
 * identity: identify/alias link an anonymous id to a user id and re-attribute that id's earlier
 * events. Returns how many were new and how many were duplicates. Callers pass a project id they
 * resolved through the tenant guard (a write key, or an operator scope).
 */
export async function insertEvents(db: Db, projectId: string, batch: EventInput[]): Promise<InsertResult> {
  return (await insertEventGroup(db, projectId, [batch]))[0];
}

/**
 * Stores several batches of one project (the requests that group commit gathered, group.ts) in one
 * transaction, with the result of each. The outcome is the one the batches would have had stored
 * one after the other in this order: a messageId is stored for the first batch that carries it (a
 * later one counts it as a duplicate), traits merge in this order, and an anonymous id that two
 * batches link to different users is linked by the first (within one batch, by its last link, as
 * for a batch alone). Links and traits apply after all events are in, and only for messages that
 * were stored (a duplicate changes nothing); events inserted before their link in the same
 * transaction are moved to the user by the link, as for a batch that carries both.
 */
export async function insertEventGroup(db: Db, projectId: string, batches: EventInput[][]): Promise<InsertResult[]> {
  const stored = batches.map(() => 0);
  const all = batches.flatMap((batch, member) => batch.map((event) => ({ event, member })));
  if (all.length === 0) return batches.map(() => ({ stored: 0, duplicates: 0 }));
  const receivedAt = new Date();
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // The locks are sent with the first chunk's insert, without waiting for their answers (prepared
    // statements, db/prepared.ts): PostgreSQL runs them in this order, so both are held before any
    // row is written, and an error in one fails the transaction, so the statements after it fail too.
    let locks: Promise<unknown>[] = [
      // Funnel facts wait for batches in flight before they read which persons changed (changes.ts),
      // and deleting the project waits for them too.
      preparedRows(t, sql`select pg_advisory_xact_lock_shared(${factsChangeLock(projectId)})`),
      lockIdentityBuckets(
        t,
        projectId,
        all.map((x) => x.event),
      ),
    ];
    // A linking batch reads which ids are linked to its ids before it locks (lockIdentityBuckets):
    // its locks are awaited here, as the insert must not run before them.
    if (all.some((x) => changesIdentity(x.event))) locks = (await Promise.all(locks), []);
    // Dedup across the whole group: the first of two items with one messageId wins.
    const seen = new Set<string>();
    // The group's items that change identity and were stored (their message id was new), in order.
    const identity: { event: EventInput; member: number }[] = [];
    for (let i = 0; i < all.length; i += CHUNK) {
      const chunk = all.slice(i, i + CHUNK);
      const fresh = chunk.filter(({ event: e }) => (seen.has(e.messageId) ? false : (seen.add(e.messageId), true)));
      const rows = fresh.map(({ event, member }) => row(event, member));
      const insert = preparedRows<{ m: number; n: number; id: string | null }>(
        t,
        sql`with input as (
              select x.ordinality, x.t::timestamptz as time, coalesce(x.r::timestamptz, ${receivedAt.toISOString()}::timestamptz) as received_at,
                x.n as name, x.a as anonymous_id, x.u as user_id, x.p as path, x.rd as referrer_domain, x.s as utm_source,
                x.md as utm_medium, x.c as utm_campaign, x.d as device, x.b as browser, x.o as os, x.co as country,
                x.rg as region, x.pr::jsonb as properties, x.rv::numeric as revenue, x.id as message_id, x.m::int as m,
                x.k is not null as k
              from rows from (json_to_recordset(${JSON.stringify(rows)}::json) as (
                t text, r text, n text, a text, u text, p text, rd text, s text, md text, c text, d text, b text, o text,
                co text, rg text, pr text, rv text, id text, m text, k text)) with ordinality as x
            ), fresh as (
              -- Deduplication: events is partitioned by time, so its keys cannot hold a message id alone; a
              -- message id is new when its row here is (whatever time a retry carries). In one order, so
              -- two batches that share ids wait for each other instead of deadlocking.
              -- Only while the project exists (events have no foreign key to it, schema/events.ts): a batch
              -- holds the changes lock shared, which deleting a project takes exclusively, so this sees
              -- the deletion or the deletion waits for the batch.
              insert into event_messages (project_id, message_id)
              select ${projectId}::uuid, message_id from input
              where exists (select from projects where id = ${projectId}::uuid)
              order by message_id
              on conflict (project_id, message_id) do nothing
              returning message_id
            ), ins as (
              insert into events (project_id, time, received_at, name, person_id, anonymous_id, user_id, path,
                referrer_domain, utm_source, utm_medium, utm_campaign, device, browser, os, country, region,
                properties, revenue, message_id)
              select ${projectId}::uuid, i.time, i.received_at, i.name,
                -- The person: the user id, or the user an alias merged it into; else the anonymous id's user.
                coalesce(lu.user_id, i.user_id, l.user_id, i.anonymous_id), i.anonymous_id, i.user_id, i.path,
                i.referrer_domain, i.utm_source, i.utm_medium, i.utm_campaign, i.device, i.browser, i.os, i.country,
                i.region, coalesce(i.properties, '{}'::jsonb), i.revenue, i.message_id
              from input i
              join fresh f on f.message_id = i.message_id
              left join identity_links l on l.project_id = ${projectId}::uuid and l.anonymous_id = i.anonymous_id
              left join identity_links lu on lu.project_id = ${projectId}::uuid and lu.anonymous_id = i.user_id
              order by i.ordinality
              returning person_id, time, message_id
            ), people as (
              -- changed_at is left alone (funnel facts find new events by id, changes.ts) and neither
              -- first_seen nor last_seen has an index, so a known person's row is updated in place (HOT).
              insert into persons (project_id, person_id, first_seen, last_seen)
              select ${projectId}::uuid, person_id, min(time), max(time) from ins group by person_id
              -- In one order, so batches that hold their buckets shared and meet on a person wait, never deadlock.
              order by person_id
              on conflict (project_id, person_id) do update set
                first_seen = least(persons.first_seen, excluded.first_seen),
                last_seen = greatest(persons.last_seen, excluded.last_seen)
                where excluded.first_seen < persons.first_seen or excluded.last_seen > persons.last_seen
            )
            ${
              batches.length === 1
                ? sql`select 0 as m, count(*)::int as n, null::text as id from ins`
                : sql`select i.m, count(*)::int as n, null::text as id from ins join input i on i.message_id = ins.message_id group by i.m`
            }
            -- the stored messages that change identity (a duplicate's link and traits are not applied again)
            union all select -1, 0, ins.message_id from ins join input i on i.message_id = ins.message_id where i.k`,
      );
      const [inserted] = await Promise.all([insert, ...locks]);
      locks = [];
      const storedIdentity = new Set<string>();
      for (const r of inserted) {
        if (Number(r.m) === -1) storedIdentity.add(r.id!);
        else stored[Number(r.m)] += Number(r.n);
      }
      for (const x of fresh) if (storedIdentity.has(x.event.messageId)) identity.push(x);
    }
    // After every chunk: within a batch its last link of an id counts, however many events lie between.
    await applyLinks(t, projectId, identity);
    await applyTraits(t, projectId, identity);
  });
  // Nothing new: every message a duplicate, or the project deleted meanwhile (its write key was still
  // cached), which must not read as stored. One lookup, only when nothing was stored.
  if (stored.every((n) => n === 0) && !(await queryRows(db, sql`select from projects where id = ${projectId}::uuid`)).length)
    throw new ProjectGoneError(projectId);
  return batches.map((batch, member) => ({ stored: stored[member], duplicates: batch.length - stored[member] }));
}

type GroupItem = { event: EventInput; member: number };

/** The ids linked to users among these, as stored (anonymous id → user id). */
async function storedLinks(t: Db, projectId: string, ids: string[]): Promise<Map<string, string>> {
  const rows = await preparedRows<{ a: string; u: string }>(
    t,
    sql`select anonymous_id as a, user_id as u from identity_links
      where project_id = ${projectId}::uuid and anonymous_id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.a, r.u]));
}

/**
 * Links of identify calls and aliases (linkOf), after all of a group's events are in. Within a batch
 * its last link of an id counts; across the batches of a group the first batch's, as when they are
 * stored one after the other; an id linked before keeps its link. Links point at a person's final
 * id: linking x to y links x to whatever y is linked to, and whatever was linked to x (an alias of
 * a user who had identified on devices before) moves on with it, events too, so one person is never
 * split over ids that point at each other. A link that would close a loop (y is already x's) is left out.
 */
async function applyLinks(t: Db, projectId: string, items: GroupItem[]): Promise<void> {
  const wanted = new Map<string, { user: string; member: number }>();
  for (const { event: e, member } of items) {
    const from = linkOf(e);
    if (!from) continue;
    const earlier = wanted.get(from);
    if (!earlier || earlier.member === member) wanted.set(from, { user: e.userId!, member });
  }
  if (!wanted.size) return;
  const parent = await storedLinks(t, projectId, [...wanted.keys(), ...[...wanted.values()].map((w) => w.user)]);
  // The id a person's events go under; the hop limit only guards links stored before they were kept final.
  const find = (id: string) => {
    let at = id;
    for (let hops = 0; parent.has(at) && hops <= parent.size; hops++) at = parent.get(at)!;
    return at;
  };
  const added: string[] = [];
  for (const [x, { user }] of wanted) {
    if (parent.has(x)) continue;
    const root = find(user);
    if (root === x) continue;
    parent.set(x, root);
    added.push(x);
  }
  if (!added.length) return;
  const moves = added.map((x) => ({ anonymous_id: x, user_id: find(x) }));
  await preparedRows(
    t,
    sql`
    with input as (select * from jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) as x(anonymous_id text, user_id text)),
    linked as (
      insert into identity_links (project_id, anonymous_id, user_id)
      select ${projectId}::uuid, anonymous_id, user_id from input
      on conflict (project_id, anonymous_id) do nothing
      returning anonymous_id, user_id
    ), repointed as (
      -- ids linked to x before now point where x does (a statement's CTEs do not see each other's rows,
      -- so these are only the links stored before)
      update identity_links k set user_id = l.user_id from linked l
      where k.project_id = ${projectId}::uuid and k.user_id = l.anonymous_id
    ), moved as (
      -- x's events: its own without a user id (one that names a user is that user's, whenever the link
      -- comes), those that name x as their user, and those of ids linked to x
      update events e set person_id = l.user_id from linked l
      where e.project_id = ${projectId}::uuid and e.person_id = l.anonymous_id
    ), changed as (
      -- The person x lost its events and the user gained them (events that keep their ids, so funnel
      -- facts find both persons by these stamps, changes.ts): the user's row is stamped below.
      update persons p set changed_at = statement_timestamp() from linked l
      where p.project_id = ${projectId}::uuid and p.person_id = l.anonymous_id
    )
    insert into persons (project_id, person_id, age_group, traits, changed_at)
    select distinct on (l.user_id) ${projectId}::uuid, l.user_id, p.age_group, ${cappedTraits(sql`'{}'::jsonb`, sql`p.traits`, "keep")},
      statement_timestamp() from linked l
    join persons p on p.project_id = ${projectId}::uuid and p.person_id = l.anonymous_id
    order by l.user_id, p.age_group nulls last
    on conflict (project_id, person_id) do update set
      age_group = coalesce(persons.age_group, excluded.age_group),
      traits = ${cappedTraits(sql`persons.traits`, sql`excluded.traits`, "keep")},
      changed_at = excluded.changed_at`,
  );
}

/** Traits of the stored identify calls, merged in arrival order on the person each one's id now belongs to. */
async function applyTraits(t: Db, projectId: string, items: GroupItem[]): Promise<void> {
  const carriers = items.filter(({ event: e }) => (e.traits || e.ageGroup) && (e.userId ?? e.anonymousId));
  if (!carriers.length) return;
  const links = await storedLinks(
    t,
    projectId,
    carriers.map(({ event: e }) => (e.userId ?? e.anonymousId)!),
  );
  const traits = new Map<string, { traits: Record<string, unknown>; age_group: string | null; time: string }>();
  for (const { event: e } of carriers) {
    const id = (e.userId ?? e.anonymousId)!;
    const person = links.get(id) ?? id;
    const prev = traits.get(person);
    traits.set(person, {
      traits: { ...(prev?.traits ?? {}), ...(e.traits ?? {}) },
      age_group: e.ageGroup ?? prev?.age_group ?? null,
      time: e.time.toISOString(),
    });
  }
  const people = JSON.stringify([...traits].map(([person_id, t]) => ({ person_id, ...t })));
  // Two statements: the cap needs the stored traits and all incoming ones, which an upsert's
  // `excluded` row (already capped) no longer has. The update merges on the row it locked.
  await preparedRows(
    t,
    sql`
    insert into persons (project_id, person_id, first_seen, last_seen)
    select ${projectId}::uuid, person_id, time, time
    from jsonb_to_recordset(${people}::jsonb) as x(person_id text, time timestamptz)
    on conflict (project_id, person_id) do nothing`,
  );
  await preparedRows(
    t,
    sql`
    update persons p set
      traits = ${cappedTraits(sql`p.traits`, sql`x.traits`, "update")},
      age_group = coalesce(x.age_group, p.age_group)
    from jsonb_to_recordset(${people}::jsonb) as x(person_id text, traits jsonb, age_group text)
    where p.project_id = ${projectId}::uuid and p.person_id = x.person_id`,
  );
}

/** A batch for a project that was deleted after its write key was looked up: nothing was stored. */
export class ProjectGoneError extends Error {
  constructor(projectId: string) {
    super(`project ${projectId} no longer exists`);
    this.name = "ProjectGoneError";
  }
}
