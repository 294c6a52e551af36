import { pgTable, text, timestamp, uuid, bigint, jsonb, numeric, primaryKey, index, uniqueIndex, integer, date } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { projects } from "./projects";

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
  referrerDomain: text("referrer_domain"),
  utmSource: text("utm_source"),
  utmMedium: text("utm_medium"),
  utmCampaign: text("utm_campaign"),
  device: text("device"),
  browser: text("browser"),
  os: text("os"),
  country: text("country"),
  region: text("region"),
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
]);

/** Persons: one per (project, person id) with identify traits; age group lives here. */
export const persons = pgTable("persons", {
  projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
  personId: text("person_id").notNull(),
  traits: jsonb("traits").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  ageGroup: text("age_group"),
  firstSeen: timestamp("first_seen", { withTimezone: true }).notNull().defaultNow(),
  lastSeen: timestamp("last_seen", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.projectId, t.personId] })]);

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
