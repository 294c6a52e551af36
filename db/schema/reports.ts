import {
  pgTable,
  text,
  timestamp,
  uuid,
  jsonb,
  integer,
  primaryKey,
  index,
  uniqueIndex,
  boolean,
  date,
  numeric,
} from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { users } from "./accounts";
import type { BuiltinSegmentField, FunnelRules, FunnelStep, StepMatch, SegmentFilters } from "../../lib/funnel/types";
import { GOAL_KINDS } from "../../lib/funnel/types";
import { SPEND_PERIODS } from "../../lib/spend/entry";
import { EXPERIMENT_SOURCES } from "../../lib/experiments/types";

export const funnels = pgTable(
  "funnels",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    description: text("description"),
    steps: jsonb("steps").$type<FunnelStep[]>().notNull(),
    /** order, exclusions, held fields and the time-to-convert steps (DESIGN.md, "Funnel definitions"); {} for a plain funnel */
    rules: jsonb("rules").$type<FunnelRules & { timeToConvert?: { from: number; to: number } }>().notNull().default({}),
    windowSeconds: integer("window_seconds")
      .notNull()
      .default(7 * 24 * 3600),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] })],
);

export const goals = pgTable(
  "goals",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: GOAL_KINDS }).notNull(),
    match: jsonb("match").$type<StepMatch>().notNull(),
    revenue: boolean("revenue").notNull().default(false),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] }), uniqueIndex("goals_project_key_key").on(t.projectId, t.key)],
);

export const SHARE_REPORTS = ["funnel", "conversions"] as const;

/** A read-only link to one report; the token is never stored, only its hash. */
export const shareLinks = pgTable(
  "share_links",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    report: text("report", { enum: SHARE_REPORTS }).notNull(),
    funnelId: uuid("funnel_id"),
    label: text("label"),
    // Either a fixed range or a rolling number of days; filters the client starts with.
    fixedFrom: timestamp("fixed_from", { withTimezone: true }),
    fixedTo: timestamp("fixed_to", { withTimezone: true }),
    rollingDays: integer("rolling_days"),
    filters: jsonb("filters").$type<SegmentFilters>().notNull().default({}),
    // What else was on screen when the link was made: a breakdown field and the previous-period comparison.
    breakdown: text("breakdown").$type<BuiltinSegmentField>(),
    compare: boolean("compare").notNull().default(false),
    passwordHash: text("password_hash"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastOpenedAt: timestamp("last_opened_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] }), uniqueIndex("share_links_token_key").on(t.projectId, t.tokenHash)],
);

/**
 * Which project a share token belongs to: a visitor's link carries only the token, and on Citus
 * `share_links` is spread over shards by project, so the token's hash is looked up here (a
 * reference table, a copy on every node) and the link is then read on its project's shard.
 */
export const shareLinkTokens = pgTable("share_link_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  projectId: uuid("project_id")
    .notNull()
    .references(() => projects.id, { onDelete: "cascade" }),
  linkId: uuid("link_id").notNull(),
});

/**
 * Ad spend per day or month and source/medium/campaign, for cost per lead and ROAS. A month's entry
 * sits on the month's first day; one entry per (period, day, source, medium, campaign): entering or
 * uploading the same one again replaces its amount.
 */
export const adSpend = pgTable(
  "ad_spend",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    period: text("period", { enum: SPEND_PERIODS }).notNull().default("day"),
    day: date("day").notNull(),
    source: text("source").notNull(),
    medium: text("medium").notNull().default(""),
    campaign: text("campaign").notNull().default(""),
    amount: numeric("amount", { precision: 14, scale: 2, mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    index("ad_spend_project_day_idx").on(t.projectId, t.day),
    uniqueIndex("ad_spend_entry_key").on(t.projectId, t.period, t.day, t.source, t.medium, t.campaign),
  ],
);

/** An A/B test: a property whose values are the variants, judged by a goal or a funnel. */
export const experiments = pgTable(
  "experiments",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    property: text("property").notNull(),
    /** where the variant is read: an event property (`properties.<property>`) or an identify trait */
    source: text("source", { enum: EXPERIMENT_SOURCES }).notNull().default("event"),
    variants: jsonb("variants").$type<string[]>().notNull(),
    controlVariant: text("control_variant").notNull(),
    goalId: uuid("goal_id"),
    funnelId: uuid("funnel_id"),
    startDate: date("start_date").notNull(),
    minimumUplift: numeric("minimum_uplift", { precision: 6, scale: 4, mode: "number" }).notNull().default(0.1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] })],
);
