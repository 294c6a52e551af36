import { it, expect } from "vitest";
import { describeEachDb } from "../tests/db";
import { hitRateLimit, peekRateLimit, clearRateLimit } from "./rate-limit";

describeEachDb("rate limits", (db) => {
  it("counts hits in a window and reports the limit reached", async () => {
    for (let i = 1; i <= 3; i++) expect((await hitRateLimit(db(), "k1", 3, 60)).limited).toBe(false);
    const over = await hitRateLimit(db(), "k1", 3, 60);
    expect(over.limited).toBe(true);
    expect(over.retryAfterSeconds).toBeGreaterThan(0);
    expect(over.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await peekRateLimit(db(), "k1", 3, 60)).limited).toBe(true);
    expect((await peekRateLimit(db(), "other", 3, 60)).limited).toBe(false);
  });

  it("clearing a key lifts its limit", async () => {
    for (let i = 0; i < 4; i++) await hitRateLimit(db(), "k2", 3, 60);
    await clearRateLimit(db(), "k2");
    expect((await peekRateLimit(db(), "k2", 3, 60)).limited).toBe(false);
  });

  it("starts a new window once the old one has passed", async () => {
    for (let i = 0; i < 4; i++) await hitRateLimit(db(), "k3", 3, 1);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await hitRateLimit(db(), "k3", 3, 1)).count).toBe(1);
  });
});
