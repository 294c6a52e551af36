import { describe, it, expect } from "vitest";
import { MESSAGE_SCHEMAS, batchSchema, PATH_TYPES, MESSAGE_TYPES } from "./schema";

// Shapes as analytics.js 2.x / analytics-next and the server libraries send them.
const context = {
  page: { path: "/p", url: "https://shop.nl/p?x=1", referrer: "", search: "?x=1", title: "P" },
  campaign: { source: "news", medium: "email", name: "spring", term: null, content: "top" },
  userAgent: "Mozilla/5.0",
  ip: "1.2.3.4",
  location: { country: "NL", region: "Utrecht", city: "Utrecht" },
  locale: "nl-NL",
  library: { name: "analytics.js", version: "next-1.70.0" },
  userAgentData: { mobile: false },
};
const common = {
  anonymousId: "a",
  userId: null,
  messageId: "ajs-next-1",
  timestamp: "2026-05-10T12:00:00.000Z",
  sentAt: "2026-05-10T12:00:00.010Z",
  context,
  integrations: {},
  writeKey: "k",
  _metadata: { bundled: [] },
};

describe("message schemas", () => {
  it.each([
    ["track", { ...common, type: "track", event: "Order Completed", properties: { revenue: 10 } }],
    ["page", { ...common, type: "page", name: "Home", category: null, properties: { path: "/p" } }],
    ["screen", { ...common, type: "screen", name: "Home" }],
    ["identify", { ...common, type: "identify", userId: 42, traits: { email: "x@y.z" } }],
    ["alias", { ...common, type: "alias", userId: "u1", previousId: "a" }],
    ["group", { ...common, type: "group", groupId: "g1", traits: {} }],
  ] as const)("%s accepts what analytics.js sends, keeping unknown fields", (type, message) => {
    const r = MESSAGE_SCHEMAS[type].safeParse(message);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ _metadata: { bundled: [] } });
  });

  it("accepts a batch with batch-level sentAt and context", () => {
    expect(
      batchSchema.safeParse({
        batch: [{ type: "track" }],
        sentAt: "2026-05-10T12:00:00Z",
        context: { library: { name: "analytics-python" } },
      }).success,
    ).toBe(true);
  });

  it("knows every endpoint the API names, short forms included", () => {
    expect(new Set(Object.values(PATH_TYPES))).toEqual(new Set([...MESSAGE_TYPES, "batch"]));
    expect([PATH_TYPES.t, PATH_TYPES.p, PATH_TYPES.b, PATH_TYPES.import]).toEqual(["track", "page", "batch", "batch"]);
  });
});
