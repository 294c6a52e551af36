import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { queryRows } from "./client";

export type RateLimitState = { limited: boolean; count: number; retryAfterSeconds: number };

/**
 * Counts one hit against `key` in a fixed window and says whether the key is over `limit`.
 * Kept in the database so limits hold across restarts and processes.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowSeconds: number): Promise<RateLimitState> {
  const [row] = await queryRows<{ count: number; window_start: string | Date }>(
    db,
    sql`insert into rate_limits (key, count, window_start) values (${key}, 1, now())
        on conflict (key) do update set
          count = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) then 1 else rate_limits.count + 1 end,
          window_start = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) then now() else rate_limits.window_start end
        returning count, window_start`,
  );
  const started = new Date(row.window_start).getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((started + windowSeconds * 1000 - Date.now()) / 1000));
  return { limited: Number(row.count) > limit, count: Number(row.count), retryAfterSeconds };
}

/** Whether `key` is already over `limit` in its current window, without counting a hit. */
export async function peekRateLimit(db: Db, key: string, limit: number, windowSeconds: number): Promise<RateLimitState> {
  const [row] = await queryRows<{ count: number; window_start: string | Date }>(
    db,
    sql`select count, window_start from rate_limits
        where key = ${key} and window_start >= now() - make_interval(secs => ${windowSeconds})`,
  );
  if (!row) return { limited: false, count: 0, retryAfterSeconds: 0 };
  const started = new Date(row.window_start).getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((started + windowSeconds * 1000 - Date.now()) / 1000));
  return { limited: Number(row.count) >= limit, count: Number(row.count), retryAfterSeconds };
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}
