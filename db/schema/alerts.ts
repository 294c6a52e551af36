import {
  pgTable,
  text,
  timestamp,
  uuid,
  jsonb,
  integer,
  bigint,
  boolean,
  numeric,
  primaryKey,
  uniqueIndex,
  foreignKey,
  index,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { projects } from "./projects";
import { ALERT_CONDITIONS, ALERT_TARGETS, type AlertReason } from "../../lib/alerts/types";

/** A rule on a goal's or funnel's conversion, checked on a schedule (db/alerts.ts). */
export const alertRules = pgTable(
  "alert_rules",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    target: text("target", { enum: ALERT_TARGETS }).notNull(),
    goalKey: text("goal_key"),
    funnelId: uuid("funnel_id"),
    condition: text("condition", { enum: ALERT_CONDITIONS }).notNull(),
    /** "below": the rate (a fraction, 0.02 = 2 %) */
    threshold: numeric("threshold", { precision: 8, scale: 6, mode: "number" }),
    /** "no_events": hours without any event */
    hours: integer("hours"),
    /** the members (user ids) mailed when it fires */
    recipients: uuid("recipients")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    enabled: boolean("enabled").notNull().default(true),
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }).notNull(),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] }), index("alert_rules_due_idx").on(t.nextCheckAt)],
);

/** One episode of a rule: opened when it fires, resolved when its condition no longer holds. At most one open per rule. */
export const alertEpisodes = pgTable(
  "alert_episodes",
  {
    projectId: uuid("project_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    ruleId: uuid("rule_id").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    reason: jsonb("reason").$type<AlertReason>().notNull(),
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
    notifyError: text("notify_error"),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    uniqueIndex("alert_episodes_open_key")
      .on(t.projectId, t.ruleId)
      .where(sql`resolved_at is null`),
    foreignKey({ columns: [t.projectId, t.ruleId], foreignColumns: [alertRules.projectId, alertRules.id] }).onDelete("cascade"),
  ],
);
