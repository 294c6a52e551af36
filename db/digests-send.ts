import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "./client";
import { digestDeliveries, digestRecipients, digestSchedules, projects } from "./schema";
import { readUnsubscribeToken } from "../lib/digests/unsubscribe-token";

/**
 * Exactly-once sending, as far as SMTP allows (README, "Schedules"). Each (schedule, period,
 * address) has one delivery row, its idempotency key:
 * 1. before talking to the mail server, the sender claims the row: it inserts it as `sending`, or
 *    takes over a `failed` one (a retry); a row that is `sending`, `sent` or `uncertain` is not
 *    claimed, so a second worker, a restarted process or a retried job never sends it again;
 * 2. after the server accepted the message (250 after DATA) the row becomes `sent`; after a refusal
 *    or a broken connection, `failed` with the reason, and the job's retry tries it again.
 * The limit: if the process dies between the server's 250 and step 2, the row stays `sending`;
 * it is then marked `uncertain` and never resent (at most once), and the history shows it. The
 * message keeps the same Message-ID on every try, so a receiving system that deduplicates can.
 */

/** Claims one delivery for sending; false when it was sent, is being sent, or may have been. */
export async function claimDelivery(
  db: Db,
  d: { projectId: string; scheduleId: string; periodKey: string; email: string; messageId: string; now: Date },
): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`insert into digest_deliveries (project_id, schedule_id, period_key, email, state, message_id, started_at)
      values (${d.projectId}::uuid, ${d.scheduleId}::uuid, ${d.periodKey}, ${d.email}, 'sending', ${d.messageId}, ${d.now.toISOString()}::timestamptz)
      on conflict (project_id, schedule_id, period_key, email) do update
        set state = 'sending', attempts = digest_deliveries.attempts + 1, started_at = excluded.started_at, error = null
        where digest_deliveries.state = 'failed'
      returning id`,
  );
  return rows.length > 0;
}

/** Records what the mail server said about a claimed delivery. */
export async function finishDelivery(
  db: Db,
  d: { projectId: string; scheduleId: string; periodKey: string; email: string },
  outcome: { sent: true; at: Date } | { sent: false; error: string },
): Promise<void> {
  await db
    .update(digestDeliveries)
    .set(outcome.sent ? { state: "sent", sentAt: outcome.at, error: null } : { state: "failed", error: outcome.error.slice(0, 300) })
    .where(
      and(
        eq(digestDeliveries.projectId, d.projectId),
        eq(digestDeliveries.scheduleId, d.scheduleId),
        eq(digestDeliveries.periodKey, d.periodKey),
        eq(digestDeliveries.email, d.email),
        eq(digestDeliveries.state, "sending"),
      ),
    );
}

/**
 * Deliveries of this period left `sending` by a worker that stopped (started before `before`, the
 * job's lease): `uncertain`, never resent. Called when a job starts again.
 */
export async function markUncertainDeliveries(db: Db, projectId: string, scheduleId: string, periodKey: string, before: Date) {
  await db
    .update(digestDeliveries)
    .set({ state: "uncertain", error: "the sender stopped during the send: it may have arrived" })
    .where(
      and(
        eq(digestDeliveries.projectId, projectId),
        eq(digestDeliveries.scheduleId, scheduleId),
        eq(digestDeliveries.periodKey, periodKey),
        eq(digestDeliveries.state, "sending"),
        sql`${digestDeliveries.startedAt} < ${before.toISOString()}::timestamptz`,
      ),
    );
}

/** The deliveries of one period (the job's outcome, tests). */
export function periodDeliveries(db: Db, projectId: string, scheduleId: string, periodKey: string) {
  return db
    .select()
    .from(digestDeliveries)
    .where(
      and(
        eq(digestDeliveries.projectId, projectId),
        eq(digestDeliveries.scheduleId, scheduleId),
        eq(digestDeliveries.periodKey, periodKey),
      ),
    );
}

export type UnsubscribeTarget = { email: string; projectName: string; frequency: string; unsubscribed: boolean };

/** What an unsubscribe token names (for its page), or null for a bad token or a deleted recipient. */
export async function unsubscribeTarget(db: Db, token: string, secret: string): Promise<UnsubscribeTarget | null> {
  const ids = readUnsubscribeToken(token, secret);
  if (!ids) return null;
  const [row] = await db
    .select({
      email: digestRecipients.email,
      at: digestRecipients.unsubscribedAt,
      frequency: digestSchedules.frequency,
      projectName: projects.name,
    })
    .from(digestRecipients)
    .innerJoin(
      digestSchedules,
      and(eq(digestSchedules.projectId, digestRecipients.projectId), eq(digestSchedules.id, digestRecipients.scheduleId)),
    )
    .innerJoin(projects, eq(projects.id, digestRecipients.projectId))
    .where(and(eq(digestRecipients.projectId, ids.projectId), eq(digestRecipients.id, ids.recipientId)));
  return row ? { email: row.email, projectName: row.projectName, frequency: row.frequency, unsubscribed: Boolean(row.at) } : null;
}

/** Unsubscribes the recipient a token names (idempotent); null for a bad token or a deleted recipient. */
export async function unsubscribeByToken(db: Db, token: string, secret: string, now = new Date()): Promise<UnsubscribeTarget | null> {
  const ids = readUnsubscribeToken(token, secret);
  if (!ids) return null;
  await db
    .update(digestRecipients)
    .set({ unsubscribedAt: now })
    .where(
      and(
        eq(digestRecipients.projectId, ids.projectId),
        eq(digestRecipients.id, ids.recipientId),
        sql`${digestRecipients.unsubscribedAt} is null`,
      ),
    );
  return unsubscribeTarget(db, token, secret);
}
