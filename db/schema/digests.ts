import {
  pgTable,
  text,
  timestamp,
  uuid,
  jsonb,
  integer,
  bigint,
  boolean,
  primaryKey,
  uniqueIndex,
  foreignKey,
  index,
} from "drizzle-orm/pg-core";
import { projects } from "./projects";
import type { SegmentFilters } from "../../lib/funnel/types";
import { DIGEST_FREQUENCIES, DIGEST_REPORTS, DELIVERY_STATES } from "../../lib/digests/types";

/** A report e-mailed on a schedule (db/digests.ts); the live link in the mail is its own share link. */
export const digestSchedules = pgTable(
  "digest_schedules",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    report: text("report", { enum: DIGEST_REPORTS }).notNull(),
    funnelId: uuid("funnel_id"),
    dashboardId: uuid("dashboard_id"),
    label: text("label"),
    frequency: text("frequency", { enum: DIGEST_FREQUENCIES }).notNull(),
    /** ISO weekday (1 Monday … 7 Sunday) of a weekly digest */
    weekday: integer("weekday"),
    /** the local hour (project's time zone) it is sent */
    hour: integer("hour").notNull().default(8),
    filters: jsonb("filters").$type<SegmentFilters>().notNull().default({}),
    /** the share link the mail's "open the live report" button opens; its token kept encrypted (AUTH_SECRET) to put in every mail */
    shareLinkId: uuid("share_link_id"),
    shareTokenEnc: text("share_token_enc"),
    paused: boolean("paused").notNull().default(false),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
    /** no foreign key to users: every key of a tenant table includes project_id (issue 21) */
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] }), index("digest_schedules_due_idx").on(t.nextRunAt)],
);

/** Who gets a digest: a member (their account's language) or an outside address (a chosen language). */
export const digestRecipients = pgTable(
  "digest_recipients",
  {
    projectId: uuid("project_id").notNull(),
    scheduleId: uuid("schedule_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    email: text("email").notNull(),
    /** a member: checked against the team at each send (no foreign key outside the project, issue 21) */
    userId: uuid("user_id"),
    locale: text("locale", { enum: ["en", "nl"] })
      .notNull()
      .default("en"),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    uniqueIndex("digest_recipients_email_key").on(t.projectId, t.scheduleId, t.email),
    foreignKey({ columns: [t.projectId, t.scheduleId], foreignColumns: [digestSchedules.projectId, digestSchedules.id] }).onDelete(
      "cascade",
    ),
  ],
);

/**
 * One digest of one period to one recipient: the idempotency key (schedule, period, address) is
 * unique, written as `sending` before the SMTP transaction and `sent` after it (README, "Schedules").
 */
export const digestDeliveries = pgTable(
  "digest_deliveries",
  {
    projectId: uuid("project_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    scheduleId: uuid("schedule_id").notNull(),
    periodKey: text("period_key").notNull(),
    email: text("email").notNull(),
    state: text("state", { enum: DELIVERY_STATES }).notNull(),
    attempts: integer("attempts").notNull().default(1),
    error: text("error"),
    messageId: text("message_id").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    uniqueIndex("digest_deliveries_key").on(t.projectId, t.scheduleId, t.periodKey, t.email),
    foreignKey({ columns: [t.projectId, t.scheduleId], foreignColumns: [digestSchedules.projectId, digestSchedules.id] }).onDelete(
      "cascade",
    ),
  ],
);
