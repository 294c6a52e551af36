import { it, expect } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb } from "../tests/db";
import { queryRows } from "./client";
import { hitRateLimit, clearRateLimit, refundRateLimit } from "./rate-limit";

describeEachDb("rate limits", (db) => {
  it("counts hits in a window and reports the limit reached", async () => {
    for (let i = 1; i <= 3; i++) expect((await hitRateLimit(db(), "k1", 3, 60)).limited).toBe(false);
    const over = await hitRateLimit(db(), "k1", 3, 60);
    expect(over.limited).toBe(true);
    expect(over.retryAfterSeconds).toBeGreaterThan(0);
    expect(over.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await hitRateLimit(db(), "other", 3, 60)).limited).toBe(false);
  });

  it("lets exactly `limit` of many parallel attempts through (each is counted before it is judged)", async () => {
    const states = await Promise.all(Array.from({ length: 29 }, () => hitRateLimit(db(), "parallel", 5, 60)));
    expect(states.filter((s) => !s.limited)).toHaveLength(5);
    expect(states.map((s) => s.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
  });

  it("clearing a key lifts its limit; a refund takes back one attempt", async () => {
    for (let i = 0; i < 4; i++) await hitRateLimit(db(), "k2", 3, 60);
    await clearRateLimit(db(), "k2");
    expect((await hitRateLimit(db(), "k2", 3, 60)).count).toBe(1);
    await refundRateLimit(db(), "k2");
    expect((await hitRateLimit(db(), "k2", 3, 60)).count).toBe(1);
  });

  it("starts a new window once the old one has passed", async () => {
    for (let i = 0; i < 4; i++) await hitRateLimit(db(), "k3", 3, 60);
    await db().execute(sql`update rate_limits set expires_at = now() - interval '1 second' where key = 'k3'`);
    const again = await hitRateLimit(db(), "k3", 3, 60);
    expect(again).toMatchObject({ count: 1, limited: false });
  });

  it("deletes counters whose window has ended when others are written (a new key per try leaves no trail)", async () => {
    for (let i = 0; i < 30; i++) await hitRateLimit(db(), `spoofed:${i}`, 3, 60);
    await db().execute(sql`update rate_limits set expires_at = now() - interval '1 second' where key like 'spoofed:%'`);
    for (let i = 0; i < 2; i++) await hitRateLimit(db(), "fresh", 3, 60);
    const [left] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from rate_limits where key like 'spoofed:%'`);
    expect(Number(left.n)).toBe(0);
  });
});
