import { describe, it, expect } from "vitest";
import { parseBatch } from "./batch";

const receivedAt = new Date("2026-05-10T12:00:00Z");
const ctx = { receivedAt, lookupCountry: () => "NL" };

describe("parseBatch", () => {
  it("accepts the valid items and names the others by index", () => {
    const r = parseBatch(
      {
        batch: [
          { type: "page", anonymousId: "a", properties: { path: "/" } },
          { type: "track", anonymousId: "a" },
          { type: "track", event: "x" },
          "junk",
          { type: "identify", userId: "u1", traits: { age: 40 } },
          { anonymousId: "a", event: "x" },
        ],
      },
      ctx,
    );
    expect(r.ok && r.accepted.map((e) => e.name)).toEqual(["pageview", "identify"]);
    expect(r.ok && r.rejected).toEqual([
      { index: 1, error: "event is required for track calls" },
      { index: 2, error: "anonymousId or userId is required" },
      { index: 3, error: "each message must be a JSON object" },
      { index: 5, error: "type is required (one of track, page, screen, identify, alias, group)" },
    ]);
  });

  it("applies the batch's sentAt and context to its items, the item's own values winning", () => {
    const r = parseBatch(
      {
        sentAt: "2026-05-10T13:00:00Z",
        context: { location: { country: "BE" }, library: { name: "analytics-python", version: "2" } },
        batch: [
          { type: "track", event: "a", anonymousId: "x", timestamp: "2026-05-10T12:59:00Z" },
          {
            type: "track",
            event: "b",
            anonymousId: "x",
            timestamp: "2026-05-10T12:59:00Z",
            sentAt: "2026-05-10T12:59:00Z",
            context: { location: { country: "DE" } },
          },
        ],
      },
      ctx,
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.accepted.map((e) => [e.name, e.time.toISOString(), e.country])).toEqual([
      ["a", "2026-05-10T11:59:00.000Z", "BE"],
      ["b", "2026-05-10T12:00:00.000Z", "DE"],
    ]);
  });

  it("refuses items over 32 KB on their own", () => {
    const r = parseBatch({ batch: [{ type: "track", event: "x", anonymousId: "a", properties: { blob: "x".repeat(33 * 1024) } }] }, ctx);
    expect(r.ok && r.rejected).toEqual([{ index: 0, error: "message is larger than 32 KB" }]);
  });

  it.each([
    [{}, 'batch is required: send { "batch": [messages] }'],
    [{ batch: {} }, 'batch is required: send { "batch": [messages] }'],
    [[], 'batch is required: send { "batch": [messages] }'],
    [{ batch: [], sentAt: {} }, "sentAt has the wrong type"],
    [{ batch: [], context: "x" }, "context has the wrong type"],
  ])("refuses a body that is not a batch: %j", (body, error) => {
    expect(parseBatch(body, ctx)).toEqual({ ok: false, error });
  });

  it("flags bots among the accepted events", () => {
    const r = parseBatch(
      { batch: [{ type: "page", anonymousId: "b", context: { userAgent: "Googlebot/2.1 (+http://www.google.com/bot.html)" } }] },
      ctx,
    );
    expect(r.ok && r.accepted[0].bot).toBe(true);
  });
});
