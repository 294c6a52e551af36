import { pgTable, text, timestamp, uuid, bigint, jsonb, numeric, primaryKey, index, uniqueIndex, integer, date } from "drizzle-orm/pg-core";
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

/**
 * One row per accepted event. `person_id` is the identity the funnels count: the user id when
 * known, else the anonymous id; identify/alias rewrite it for earlier events of that anonymous id.
 * `id` is the receive order (ties in time are broken by it).
 */
export const events = pgTable("events", {
  projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
  id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
  time: timestamp("time", { withTimezone: true }).notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  name: text("name").notNull(),
  personId: text("person_id").notNull(),
  anonymousId: text("anonymous_id"),
  userId: text("user_id"),
  path: text("path"),
  ...segmentColumns(),
  properties: jsonb("properties").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  revenue: numeric("revenue", { precision: 14, scale: 2, mode: "number" }),
  messageId: text("message_id").notNull(),
}, (t) => [
  primaryKey({ columns: [t.projectId, t.id] }),
  uniqueIndex("events_message_key").on(t.projectId, t.messageId),
  index("events_project_name_time_idx").on(t.projectId, t.name, t.time),
  index("events_project_anon_idx").on(t.projectId, t.anonymousId),
  index("events_project_user_idx").on(t.projectId, t.userId).where(sql`${t.userId} is not null`),
  index("events_project_time_idx").on(t.projectId, t.time),
  index("events_project_person_idx").on(t.projectId, t.personId),
]);

/** Persons: one per (project, person id) with identify traits; age group lives here. */
export const persons = pgTable("persons", {
  projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
  personId: text("person_id").notNull(),
  traits: jsonb("traits").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  ageGroup: text("age_group"),
  firstSeen: timestamp("first_seen", { withTimezone: true }).notNull().defaultNow(),
  lastSeen: timestamp("last_seen", { withTimezone: true }).notNull().defaultNow(),
  /** when the person's events last changed (new events, identity merged): funnel facts recompute such persons */
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.projectId, t.personId] }), index("persons_project_changed_idx").on(t.projectId, t.changedAt)]);

/** identify/alias links: an anonymous id belongs to a user id from then on (and before). */
export const identityLinks = pgTable("identity_links", {
  projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
  anonymousId: text("anonymous_id").notNull(),
  userId: text("user_id").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.projectId, t.anonymousId] }), index("identity_links_project_user_idx").on(t.projectId, t.userId)]);

/** Daily counters of what ingestion dropped (bots), so they are counted without being stored. */
export const ingestStats = pgTable("ingest_stats", {
  projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
  day: date("day").notNull(),
  botsDropped: integer("bots_dropped").notNull().default(0),
}, (t) => [primaryKey({ columns: [t.projectId, t.day] })]);

/**
 * Precomputed funnel levels of saved funnels (db/queries/funnel/facts.ts): one row per person, local
 * entry day and entry segment (the entry event's fields), with the furthest step any attempt
 * starting there reached and the fastest time to each step. `funnel_key` is a hash of the steps,
 * window and time zone, so an edited funnel gets new facts. Column names follow `events` so the
 * segment filters read the same.
 */
export const funnelFacts = pgTable("funnel_facts", {
  projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
  funnelKey: text("funnel_key").notNull(),
  day: date("day").notNull(),
  personId: text("person_id").notNull(),
  ...segmentColumns(),
  level: integer("level").notNull(),
  d2: bigint("d2", { mode: "number" }),
  d3: bigint("d3", { mode: "number" }),
  d4: bigint("d4", { mode: "number" }),
  d5: bigint("d5", { mode: "number" }),
  d6: bigint("d6", { mode: "number" }),
  d7: bigint("d7", { mode: "number" }),
  d8: bigint("d8", { mode: "number" }),
  d9: bigint("d9", { mode: "number" }),
  d10: bigint("d10", { mode: "number" }),
}, (t) => [
  index("funnel_facts_day_idx").on(t.projectId, t.funnelKey, t.day),
  index("funnel_facts_person_idx").on(t.projectId, t.funnelKey, t.personId),
]);

/** Which funnel facts exist, and up to when their persons' changes are applied. */
export const funnelFactState = pgTable("funnel_fact_state", {
  projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
  funnelKey: text("funnel_key").notNull(),
  /** persons changed at or after this (minus a margin for slow commits) are recomputed on the next refresh */
  appliedUntil: timestamp("applied_until", { withTimezone: true }).notNull(),
  builtAt: timestamp("built_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.projectId, t.funnelKey] })]);
