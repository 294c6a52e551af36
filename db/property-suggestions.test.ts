import { it, expect, beforeAll } from "vitest";
import { describeEachDb } from "../tests/db";
import { ownerWithProject } from "../tests/fixtures";
import { insertEvents, type EventInput } from "./events/insert";
import { propertySuggestions, SUGGESTION_LIMITS } from "./property-suggestions";
import type { ProjectScope } from "./tenant";

const NOW = new Date("2026-11-30T12:00:00Z");
const ago = (days: number, i = 0) => new Date(NOW.getTime() - days * 86400_000 + i * 1000);

describeEachDb("property suggestions for the funnel editor", (db) => {
  let shop: ProjectScope;
  let other: ProjectScope;
  beforeAll(async () => {
    shop = (await ownerWithProject(db(), "suggest-a@example.com")).scope;
    other = (await ownerWithProject(db(), "suggest-b@example.com")).scope;
    const events = new Map<ProjectScope, EventInput[]>([
      [shop, []],
      [other, []],
    ]);
    let m = 0;
    const add = (scope: ProjectScope, name: string, time: Date, properties: Record<string, unknown>) =>
      events.get(scope)!.push({ name, time, properties, anonymousId: `a${m}`, messageId: `m-${m++}` });
    for (let i = 0; i < 6; i++) add(shop, "purchase", ago(1, i), { plan: i < 4 ? "pro" : "basic", amount: 40 + i, vip: i === 0 });
    add(shop, "purchase", ago(2), { coupon: "WINTER", nested: { a: 1 } });
    add(shop, "signup", ago(1), { referrer_code: "X1" });
    // Older than the 30 days the suggestions read, and another team's: neither may appear.
    add(shop, "purchase", ago(SUGGESTION_LIMITS.days + 5), { stale: "yes" });
    add(other, "purchase", ago(1), { secret_plan: "enterprise" });
    for (const [scope, list] of events) await insertEvents(db(), scope.projectId, list);
  });

  it("lists the properties of recent events of the asked names, most frequent first, with their most frequent values", async () => {
    const s = await propertySuggestions(shop, ["purchase"], NOW);
    expect(s.map((p) => p.name)).toEqual(["amount", "plan", "vip", "coupon", "nested"]);
    expect(s.find((p) => p.name === "plan")).toEqual({
      name: "plan",
      count: 6,
      values: [
        { value: "pro", count: 4 },
        { value: "basic", count: 2 },
      ],
    });
    expect(s.find((p) => p.name === "vip")!.values).toEqual([
      { value: "false", count: 5 },
      { value: "true", count: 1 },
    ]);
    // An object is a property name but not a value one can type.
    expect(s.find((p) => p.name === "nested")!.values).toEqual([]);
    expect(s.some((p) => p.name === "stale" || p.name === "secret_plan" || p.name === "referrer_code")).toBe(false);
  });

  it("reads several event names at once, and nothing for none", async () => {
    const s = await propertySuggestions(shop, ["purchase", "signup", " signup "], NOW);
    expect(s.map((p) => p.name)).toContain("referrer_code");
    expect(await propertySuggestions(shop, ["", " "], NOW)).toEqual([]);
    expect(await propertySuggestions(other, ["signup"], NOW)).toEqual([]);
  });
});
