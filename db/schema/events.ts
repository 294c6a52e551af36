import {
  pgTable,
  text,
  timestamp,
  uuid,
  bigint,
  jsonb,
  numeric,
  primaryKey,
  index,
  uniqueIndex,
  integer,
  smallint,
  date,
  pgSequence,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { projects } from "./projects";

/** The segment fields an event carries; funnel facts keep the entry event's under the same names. */
const segmentColumns = () => ({
  referrerDomain: text("referrer_domain"),
  utmSource: text("utm_source"),
  utmMedium: text("utm_medium"),
  utmCampaign: text("utm_campaign"),
  device: text("device"),
  browser: text("browser"),
  os: text("os"),
  country: text("country"),
  region: text("region"),
});

/** The ids of events: a sequence, not an identity (PostgreSQL 15 has none on a partitioned table). */
export const eventsIdSeq = pgSequence("event_ids");

/**
 * One row per accepted event. `person_id` is the identity the funnels count: the user id when
 * known, else the anonymous id; identify/alias rewrite it for earlier events of that anonymous id.
 * `id` is the receive order (ties in time are broken by it).
 *
 * Partitioned by month on `time` (drizzle/0017_events_partitioned.sql; partitions `events_pYYYY_MM`
 * in UTC and `events_default`, made ahead and dropped by db/event-partitions.ts), which drizzle does
 * not describe: a key must hold the partition column, so the key is (project_id, id, time) and the
 * deduplication of message ids lives in `event_messages`.
 */
export const events = pgTable(
  "events",
  {
    // No foreign key to projects (nor in event_messages): the key check took a share lock on the
    // project's row for every batch, which concurrent batches turned into multixacts (about a sixth of
    // the database's time per event, #18). Ingestion stores events only while the project exists
    // (its insert checks, under the lock that deleteProject and deleteAccount take exclusively), and
    // those delete a project's events themselves (db/projects.ts deleteProjectEvents).
    projectId: uuid("project_id").notNull(),
    id: bigint("id", { mode: "number" })
      .notNull()
      .default(sql`nextval('event_ids')`),
    time: timestamp("time", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    name: text("name").notNull(),
    personId: text("person_id").notNull(),
    anonymousId: text("anonymous_id"),
    userId: text("user_id"),
    path: text("path"),
    ...segmentColumns(),
    properties: jsonb("properties")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    revenue: numeric("revenue", { precision: 14, scale: 2, mode: "number" }),
    messageId: text("message_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id, t.time] }),
    index("events_project_name_time_idx").on(t.projectId, t.name, t.time),
    index("events_project_anon_idx").on(t.projectId, t.anonymousId),
    index("events_project_user_idx")
      .on(t.projectId, t.userId)
      .where(sql`${t.userId} is not null`),
    index("events_project_time_idx").on(t.projectId, t.time),
    index("events_project_person_idx").on(t.projectId, t.personId),
  ],
);

/**
 * The message ids of a project's stored events, one row each: ingestion inserts here first (`on
 * conflict do nothing`) and stores only the events whose row it added, so a retried message is
 * stored once even when it carries another time (another partition of `events`). Rows go with
 * their events (retention, a person's deletion).
 */
export const eventMessages = pgTable(
  "event_messages",
  {
    projectId: uuid("project_id").notNull(),
    messageId: text("message_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.messageId] })],
);

/** Persons: one per (project, person id) with identify traits; age group lives here. */
export const persons = pgTable(
  "persons",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    personId: text("person_id").notNull(),
    traits: jsonb("traits")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    ageGroup: text("age_group"),
    firstSeen: timestamp("first_seen", { withTimezone: true }).notNull().defaultNow(),
    lastSeen: timestamp("last_seen", { withTimezone: true }).notNull().defaultNow(),
    /**
     * When an identity change moved events to or from the person (a link): funnel facts recompute
     * such persons. New events are found by their ids instead (factsUpkeep.ts), so that ingestion's
     * upsert of a known person changes no indexed column and PostgreSQL updates the row in place
     * (a HOT update, no index entries): `first_seen` and `last_seen` have no index for that reason.
     */
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.personId] }), index("persons_project_changed_idx").on(t.projectId, t.changedAt)],
);

/** identify/alias links: an anonymous id belongs to a user id from then on (and before). */
export const identityLinks = pgTable(
  "identity_links",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    anonymousId: text("anonymous_id").notNull(),
    userId: text("user_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.anonymousId] }), index("identity_links_project_user_idx").on(t.projectId, t.userId)],
);

/** Daily counters of what ingestion dropped (bots, refused origins), so they are counted without being stored. */
export const ingestStats = pgTable(
  "ingest_stats",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    botsDropped: integer("bots_dropped").notNull().default(0),
    /** events refused because the request came from an origin the project does not allow */
    originsRefused: integer("origins_refused").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.day] })],
);

/**
 * The entry segments funnel facts refer to: one row per distinct combination of an entry event's
 * segment fields in a project, identified by a 64-bit hash of the combination (so that concurrent
 * writers agree on ids without a lookup; db/queries/funnel/facts.ts). Column names follow `events`,
 * so the segment filters read the same.
 */
export const funnelSegments = pgTable(
  "funnel_segments",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: bigint("id", { mode: "bigint" }).notNull(),
    ...segmentColumns(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] })],
);

/**
 * A saved funnel's facts (db/queries/funnel/facts.ts): `funnel_key` is a hash of the steps, window
 * and time zone, so an edited funnel gets new facts; `id` is what the fact rows carry. Built when
 * `built_at` is set; the persons of events after `applied_event_id` and persons whose identity
 * changed from `applied_until` on are recomputed on the next refresh.
 */
export const funnelFactSets = pgTable(
  "funnel_fact_sets",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // bigint, and keyed with the project: Citus distributes by project_id (db/distribution.ts).
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    funnelKey: text("funnel_key").notNull(),
    appliedUntil: timestamp("applied_until", { withTimezone: true }),
    /** events with a larger id are new to the facts: their persons are recomputed on the next refresh */
    appliedEventId: bigint("applied_event_id", { mode: "number" }),
    builtAt: timestamp("built_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] }), uniqueIndex("funnel_fact_sets_key_idx").on(t.projectId, t.funnelKey)],
);

/**
 * Precomputed funnel levels of a fact set: one row per person, local entry day and entry segment,
 * with the furthest step any attempt starting there reached and the fastest time to each step.
 * Narrow on purpose (the segment is a reference), since a 30-day query reads hundreds of thousands
 * of rows. `solo` has a bit per segment field, set when no other row of the person has the same
 * value, and the `gap_*` columns link each row to the person's previous one with the same value, so
 * that a breakdown need not deduplicate most rows per person (db/queries/funnel/README.md).
 */
export const funnelFactRows = pgTable(
  "funnel_fact_rows",
  {
    // No foreign key: a build's inserts checked it row by row (4.4 s of CPU for a build's 1.9 million
    // rows, about a twelfth of the build, migration 0023). A build or refresh locks the project's row
    // once instead (writeFacts in db/queries/funnel/factsUpkeep.ts), and deleting a project or its
    // team deletes the rows itself, as it does events (db/projects.ts, db/events/delete.ts).
    projectId: uuid("project_id").notNull(),
    factsId: bigint("facts_id", { mode: "number" }).notNull(),
    day: date("day").notNull(),
    personId: text("person_id").notNull(),
    segmentId: bigint("segment_id", { mode: "bigint" }).notNull(),
    level: smallint("level").notNull(),
    solo: smallint("solo").notNull(),
    // Days since the person's previous row with the same value of the field (rows in order of day and
    // segment), null for the first: a row is its pair's first in a range when that lies before it.
    gapSource: smallint("gap_source"),
    gapMedium: smallint("gap_medium"),
    gapCampaign: smallint("gap_campaign"),
    gapReferrer: smallint("gap_referrer"),
    gapDevice: smallint("gap_device"),
    gapBrowser: smallint("gap_browser"),
    gapOs: smallint("gap_os"),
    gapCountry: smallint("gap_country"),
    gapRegion: smallint("gap_region"),
    /** days since the person's previous row (of any segment) */
    gapPerson: smallint("gap_person"),
    /**
     * The person's furthest level that day over all its rows of the day, and the optional steps of
     * those that reached step 2 (null when the definition has none): a daily trend counts a day's
     * first row (gap_person null or above 0) with these, combining no rows per person.
     */
    dayLevel: smallint("day_level"),
    dayOpt: integer("day_opt"),
    /** the optional steps some chain from these entries contains (bit j-1 for step j); null when the definition has none */
    opt: integer("opt"),
    // Fastest ms from the entry to step j (d2 … d30: DESIGN.md allows 30 steps). A definition with k
    // steps leaves d(k+1) … d30 null, which costs only their bits in the row's null bitmap.
    d2: bigint("d2", { mode: "number" }),
    d3: bigint("d3", { mode: "number" }),
    d4: bigint("d4", { mode: "number" }),
    d5: bigint("d5", { mode: "number" }),
    d6: bigint("d6", { mode: "number" }),
    d7: bigint("d7", { mode: "number" }),
    d8: bigint("d8", { mode: "number" }),
    d9: bigint("d9", { mode: "number" }),
    d10: bigint("d10", { mode: "number" }),
    d11: bigint("d11", { mode: "number" }),
    d12: bigint("d12", { mode: "number" }),
    d13: bigint("d13", { mode: "number" }),
    d14: bigint("d14", { mode: "number" }),
    d15: bigint("d15", { mode: "number" }),
    d16: bigint("d16", { mode: "number" }),
    d17: bigint("d17", { mode: "number" }),
    d18: bigint("d18", { mode: "number" }),
    d19: bigint("d19", { mode: "number" }),
    d20: bigint("d20", { mode: "number" }),
    d21: bigint("d21", { mode: "number" }),
    d22: bigint("d22", { mode: "number" }),
    d23: bigint("d23", { mode: "number" }),
    d24: bigint("d24", { mode: "number" }),
    d25: bigint("d25", { mode: "number" }),
    d26: bigint("d26", { mode: "number" }),
    d27: bigint("d27", { mode: "number" }),
    d28: bigint("d28", { mode: "number" }),
    d29: bigint("d29", { mode: "number" }),
    d30: bigint("d30", { mode: "number" }),
  },
  (t) => [
    index("funnel_fact_rows_day_idx").on(t.projectId, t.factsId, t.day),
    index("funnel_fact_rows_person_idx").on(t.projectId, t.factsId, t.personId),
  ],
);

/**
 * How long a project keeps its events (db/retention.ts): `months` (default 25, the longest report
 * range plus one). `checked_at` is when a process last claimed the hourly check (the claim is a row
 * update, so several app processes never run it at once); `horizon` is the instant before which the
 * last completed run deleted everything. A project without a row keeps the default.
 */
export const eventRetention = pgTable("event_retention", {
  projectId: uuid("project_id")
    .primaryKey()
    .references(() => projects.id, { onDelete: "cascade" }),
  months: smallint("months").notNull().default(25),
  checkedAt: timestamp("checked_at", { withTimezone: true }),
  horizon: timestamp("horizon", { withTimezone: true }),
});

/**
 * The audit log of person deletions (db/persons.ts): who erased which id when, and how many rows of
 * each kind went. Never the person's data: their events, traits and other ids are gone.
 */
export const personDeletions = pgTable(
  "person_deletions",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    /** the id the request named: a person id, user id or anonymous id */
    requestedId: text("requested_id").notNull(),
    /** the member who asked (no foreign key: the log outlives an account); null for the operator's CLI */
    actorUserId: uuid("actor_user_id"),
    deletedAt: timestamp("deleted_at", { withTimezone: true }).notNull().defaultNow(),
    counts: jsonb("counts").$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] }), index("person_deletions_project_time_idx").on(t.projectId, t.deletedAt)],
);

/**
 * The salts of the cookieless visitor hash (lib/ingest/visitor.ts), one random salt per UTC day,
 * shared by every app process and deleted after two days so that no hash can be traced back to
 * an address. Not tenant data: one salt serves every project (the site is part of the hash).
 */
export const visitorSalts = pgTable("visitor_salts", {
  day: date("day").primaryKey(),
  salt: text("salt").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
