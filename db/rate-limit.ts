import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { queryRows } from "./client";

export type RateLimitState = { limited: boolean; count: number; retryAfterSeconds: number };

/** Stale counters deleted per write: enough to keep up with any rate of new keys, small enough to stay cheap. */
const SWEEP = 20;

/**
 * Counts one attempt against `key` in a fixed window, in one statement, and says whether this
 * attempt is over `limit` (the count includes it). Call it BEFORE the work it guards: parallel
 * attempts each get their own count, so the (limit+1)-th is refused however many arrive at once.
 * Each call also deletes a few counters whose window has ended, so rows never pile up.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowSeconds: number): Promise<RateLimitState> {
  const [row] = await queryRows<{ count: number; expires_at: string | Date }>(
    db,
    sql`with swept as (
          delete from rate_limits where key in (
            select key from rate_limits where expires_at < now() and key <> ${key} order by expires_at limit ${SWEEP} for update skip locked
          )
        )
        insert into rate_limits (key, count, window_start, expires_at)
        values (${key}, 1, now(), now() + make_interval(secs => ${windowSeconds}))
        on conflict (key) do update set
          count = case when rate_limits.expires_at <= now() then 1 else rate_limits.count + 1 end,
          window_start = case when rate_limits.expires_at <= now() then now() else rate_limits.window_start end,
          expires_at = case when rate_limits.expires_at <= now() then now() + make_interval(secs => ${windowSeconds}) else rate_limits.expires_at end
        returning count, expires_at`,
  );
  const retryAfterSeconds = Math.max(1, Math.ceil((new Date(row.expires_at).getTime() - Date.now()) / 1000));
  return { limited: Number(row.count) > limit, count: Number(row.count), retryAfterSeconds };
}

/** Takes back one counted attempt (one that turned out fine, e.g. a correct password). */
export async function refundRateLimit(db: Db, key: string): Promise<void> {
  await db.execute(sql`update rate_limits set count = greatest(count - 1, 0) where key = ${key}`);
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}
