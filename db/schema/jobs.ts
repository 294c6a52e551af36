import { pgTable, text, timestamp, uuid, jsonb, integer, bigint, primaryKey, index, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { projects } from "./projects";

export const JOB_KINDS = ["digest", "alert_check"] as const;
export const JOB_STATES = ["queued", "running", "done", "failed"] as const;

/**
 * The durable job queue (db/jobs.ts): a row per job, claimed with `for update skip locked` so one
 * process runs it, with a lease (`locked_until`) so a crashed process's job runs again, and a
 * key per project so the same job (a digest's period) is never queued twice.
 */
export const jobs = pgTable(
  "jobs",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    kind: text("kind", { enum: JOB_KINDS }).notNull(),
    key: text("key").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    state: text("state", { enum: JOB_STATES }).notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(6),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    uniqueIndex("jobs_project_key_key").on(t.projectId, t.key),
    // The one index that does not lead with project_id: workers look for due jobs across projects.
    index("jobs_due_idx")
      .on(t.runAt)
      .where(sql`state in ('queued', 'running')`),
  ],
);
