import { it, expect, beforeAll } from "vitest";
import { ownerWithProject } from "../../../tests/fixtures";
import { describeEachDb, alsoOnCitus } from "../../../tests/db";
import type { ProjectScope } from "../../tenant";
import { insertEvents, type EventInput } from "../../events/insert";
import { projectConversions } from "../../conversions";

alsoOnCitus();

const FROM = new Date("2026-05-01T00:00:00Z");
const TO = new Date("2026-05-08T00:00:00Z");
const MAY2 = Date.parse("2026-05-02T10:00:00Z");
let n = 0;
const ev = (person: string, days: number, name: string, extra: Partial<EventInput> = {}): EventInput => ({
  anonymousId: person,
  time: new Date(MAY2 + days * 86400_000 + n * 1000),
  name,
  messageId: `r${n++}`,
  ...extra,
});

// The Retention stage counts customers kept ("Klant behouden" in the sales-funnel article): visitors
// who bought again in the range, or did what only customers do (the template's retention markers:
// a login, their order page, a review). A visitor who merely came back is a returning visitor, not a
// retained customer.
// buyer-twice: buys on 2 and 5 May            → retained (repeat purchase)
// reviewer: bought before the range, reviews  → retained (marker)
// orders-page: looks at /account/orders/12    → retained (marker)
// once: buys once                             → not retained
// browser: two visits, never buys             → not retained (only returning)
describeEachDb("the Retention stage", (db) => {
  let scope: ProjectScope;
  beforeAll(async () => {
    scope = (await ownerWithProject(db(), "retention@example.nl")).scope;
    await insertEvents(db(), scope.projectId, [
      ev("buyer-twice", 0, "pageview", { path: "/" }),
      ev("buyer-twice", 0, "purchase", { revenue: 40 }),
      ev("buyer-twice", 3, "purchase", { revenue: 25 }),
      ev("reviewer", -10, "purchase", { revenue: 10 }),
      ev("reviewer", 1, "review_submitted"),
      ev("orders-page", 1, "pageview", { path: "/account/orders/12" }),
      ev("once", 2, "pageview", { path: "/" }),
      ev("once", 2, "purchase", { revenue: 15 }),
      ev("browser", 0, "pageview", { path: "/" }),
      ev("browser", 4, "pageview", { path: "/product/x" }),
    ]);
  });

  it("counts the customers who bought again or came back as customers, and agrees with the repeat purchases beside it", async () => {
    const o = await projectConversions(scope, { from: FROM, to: TO, filters: {}, segments: [] });
    const retention = o.stages.find((s) => s.stage === "retention")!;
    expect(retention.visitors).toBe(3);
    expect(retention.share).toBeCloseTo(3 / 5);
    const repeat = retention.kpis.find((k) => k.id === "repeat_purchases")!;
    expect(repeat.value).toBe(1);
    // Never fewer retained customers than repeat buyers, never more than the customers and markers allow.
    expect(retention.visitors).toBeGreaterThanOrEqual(repeat.value!);
    expect(retention.visitors).toBeLessThanOrEqual(o.stages.find((s) => s.stage === "awareness")!.visitors);
  });

  it("applies the report's filters to the Retention stage too", async () => {
    const o = await projectConversions(scope, { from: FROM, to: TO, filters: { source: ["nobody"] }, segments: [] });
    expect(o.stages.find((s) => s.stage === "retention")!.visitors).toBe(0);
  });
});
