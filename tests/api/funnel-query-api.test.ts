import { it, expect, beforeAll } from "vitest";
import { describeEachDb } from "../db";
import { setDbHandle } from "../../db/client";
import { createAccount } from "../../db/accounts";
import { teamScopeForUser } from "../../db/tenant";
import { createProject } from "../../db/projects";
import { insertEvents } from "../../db/events/insert";
import { templateSetup } from "../../lib/templates";
import { listFunnels } from "../../db/funnels";
import { POST as query } from "../../app/api/v1/funnels/query/route";
import { GET as results } from "../../app/api/v1/funnels/[funnelId]/results/route";

// The query API as a client calls it: real Request objects into the route handlers, on a real database.
describeEachDb("funnel query API", (db, kind) => {
  let readKey: string;
  let projectId: string;
  let otherReadKey: string;
  let funnelId: string;
  let otherFunnelId: string;
  const now = Date.now();

  beforeAll(async () => {
    setDbHandle({ db: db(), kind, close: async () => {} });
    const make = async (email: string) => {
      const { user } = await createAccount(db(), { name: "A", email, password: "long enough pw" });
      const team = (await teamScopeForUser(db(), user.id))!;
      const created = await createProject(team, { name: "Shop", sector: "ecommerce" }, templateSetup("ecommerce", "en"));
      return { ...created, scope: await team.project(created.project.id) };
    };
    const a = await make("api-a@example.nl");
    const b = await make("api-b@example.nl");
    readKey = a.readKey;
    projectId = a.project.id;
    otherReadKey = b.readKey;
    funnelId = (await listFunnels(a.scope))[0].id;
    otherFunnelId = (await listFunnels(b.scope))[0].id;
    const t = (m: number) => new Date(now - 3600_000 + m * 60_000);
    await insertEvents(db(), a.project.id, [
      { anonymousId: "v1", name: "pageview", path: "/", time: t(0), messageId: "1", source: "google" },
      { anonymousId: "v1", name: "pageview", path: "/product/x", time: t(1), messageId: "2" },
      { anonymousId: "v1", name: "add_to_cart", time: t(2), messageId: "3", properties: { plan: "pro" } },
      { anonymousId: "v2", name: "pageview", path: "/", time: t(0), messageId: "4", source: "facebook" },
    ]);
  });

  const post = (body: unknown, key: string | null = readKey) =>
    query(
      new Request("http://x/api/v1/funnels/query", {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      undefined as never,
    );
  const range = () => ({ from: new Date(now - 86400_000).toISOString(), to: new Date(now + 60_000).toISOString() });

  it("answers a funnel query with steps, and a breakdown when asked", async () => {
    const res = await post({
      steps: [{ event: "pageview" }, { event: "pageview", path: "/product/*" }, { event: "add_to_cart", where: { plan: "pro" } }],
      window: 3600,
      ...range(),
      breakdown: "source",
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.steps.map((s: { visitors: number }) => s.visitors)).toEqual([2, 1, 1]);
    expect(body.steps[1].conversionFromStart).toBe(0.5);
    expect(body.breakdown.series.map((s: { value: string; steps: { visitors: number }[] }) => [s.value, s.steps[0].visitors])).toEqual([
      ["(none)", 1],
      ["facebook", 1],
      ["google", 1],
    ]);
    const filtered = await (
      await post({ steps: [{ event: "pageview" }, { event: "add_to_cart" }], ...range(), filters: { source: ["google"] } })
    ).json();
    expect(filtered.steps.map((s: { visitors: number }) => s.visitors)).toEqual([1, 1]);
  });

  it.each([
    ["invalid JSON", "{nope", 400, "not valid JSON"],
    ["one step", { steps: [{ event: "a" }], from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }, 400, "at least 2 steps"],
    [
      "a bad date",
      { steps: [{ event: "a" }, { event: "b" }], from: "yesterday", to: "2026-02-01T00:00:00Z" },
      400,
      "from must be an ISO 8601 time",
    ],
    [
      "from after to",
      { steps: [{ event: "a" }, { event: "b" }], from: "2026-03-01T00:00:00Z", to: "2026-02-01T00:00:00Z" },
      400,
      "from must be before to",
    ],
    [
      "a window over 90 days",
      { steps: [{ event: "a" }, { event: "b" }], window: 91 * 86400, from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" },
      400,
      "at most 90 days",
    ],
    [
      "an unknown filter",
      { steps: [{ event: "a" }, { event: "b" }], from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", filters: { shoe_size: ["42"] } },
      400,
      'Unknown filter field \\"shoe_size\\"',
    ],
  ])("refuses %s with 400 and says what is wrong", async (_what, body, status, message) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(await res.json())).toContain(message);
  });

  it("refuses an unknown key with 401", async () => {
    const res = await post({ steps: [{ event: "a" }, { event: "b" }], ...range() }, "tr_not-a-key");
    expect(res.status).toBe(401);
  });

  it("a read key opens only its own project: another project's id or funnel is 404", async () => {
    const res = await post({ projectId: "00000000-0000-4000-8000-000000000000", steps: [{ event: "a" }, { event: "b" }], ...range() });
    expect(res.status).toBe(404);
    const get = (id: string, key: string, qs = "") =>
      results(new Request(`http://x/api/v1/funnels/${id}/results?${qs}`, { headers: { authorization: `Bearer ${key}` } }), {
        params: Promise.resolve({ funnelId: id }),
      });
    expect((await get(otherFunnelId, readKey)).status).toBe(404);
    expect((await get(funnelId, otherReadKey)).status).toBe(404);
    const own = await get(funnelId, readKey, "range=7d");
    expect(own.status).toBe(200);
    expect((await own.json()).steps[0].visitors).toBe(2);
    const bad = await get(funnelId, readKey, "range=forever");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("range must be one of");
    // The dashboard's quick first answer: exact here (few events), so no estimate to replace.
    const quick = await get(funnelId, readKey, "range=7d&estimate=1");
    expect(quick.status).toBe(200);
    const quickBody = await quick.json();
    expect(quickBody.steps[0].visitors).toBe(2);
    expect(quickBody.estimate).toBeUndefined();
    const twice = await get(funnelId, readKey, "range=7d&estimate=1&estimate=1");
    expect(twice.status).toBe(400);
    expect((await get(funnelId, readKey, "range=7d&estimate=yes")).status).toBe(400);
    // A time to convert between steps the funnel does not have is named, not charted empty.
    const ttc = await get(funnelId, readKey, "range=7d&ttc=2-9");
    expect(ttc.status).toBe(400);
    expect((await ttc.json()).error.message).toMatch(/ttc names steps 2 to 9, but this funnel has \d steps/);
  });

  it("takes the whole definition: several events a step, conditions, optional steps, exclusions, and answers the time to convert", async () => {
    const res = await post({
      steps: [
        { event: ["pageview", "screen"] },
        { event: "pageview", path: "/product/*", optional: true },
        { event: "add_to_cart", conditions: [{ property: "plan", operator: "starts_with", value: "PR" }] },
      ],
      window: 3600,
      exclusions: [{ event: "refund", between: [1, 3] }],
      timeToConvert: { from: 1, to: 3 },
      ...range(),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.steps.map((s: { visitors: number }) => s.visitors)).toEqual([2, 1, 1]);
    expect(body.steps[1].optional).toBe(true);
    // v1's fastest chain starts at the product page view (minute 1, a page view too) and carts at minute 2.
    expect(body.timeToConvert).toMatchObject({ fromStep: 1, toStep: 3, visitors: 1, percentiles: { p50: 60 } });
    expect(body.timeToConvert.bins[1]).toEqual({ fromSeconds: 60, toSeconds: 300, visitors: 1 });
  });

  it("says what is wrong with a definition (400), never a 500", async () => {
    const bad = await post({ steps: [{ event: "a", optional: true }, { event: "b" }], window: 60, ...range() });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("first and the last step cannot be optional");
    const any = await post({ steps: [{ event: "a" }, { event: "b", within: 10 }], window: 60, order: "any", ...range() });
    expect(any.status).toBe(400);
    expect((await any.json()).error.message).toContain("any order");
    // The path counts from 0, as JSON paths do; the message also says the step as people count it.
    const within = await post({ steps: [{ event: "a" }, { event: "b", within: -1 }], window: 60, ...range() });
    expect(within.status).toBe(400);
    expect((await within.json()).error.message).toMatch(/^steps\.1\.within \(step 2\): /);
  });

  it("answers the largest definitions the design allows, 30 steps of 20 names and ten 50-value conditions each", async () => {
    const names = ["pageview", ...Array.from({ length: 19 }, (_, i) => `other_${i}`)];
    const conditions = Array.from({ length: 10 }, (_, c) => ({
      property: c === 0 ? "plan" : `p${c}`,
      operator: c === 0 ? "in" : "not_contains",
      value: c === 0 ? ["pro", ...Array.from({ length: 49 }, (_, v) => `plan_${v}`)] : `x${c}`,
    }));
    const res = await post({
      steps: [
        { event: "pageview" },
        ...Array.from({ length: 28 }, () => ({ event: names, optional: true, conditions })),
        { event: ["add_to_cart", ...names.slice(1)], conditions },
      ],
      window: 3600,
      exclusions: Array.from({ length: 5 }, () => ({ event: names.slice(1), conditions, between: [1, 30] })),
      ...range(),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.steps).toHaveLength(30);
    // v1 enters and carts a pro plan; the optional page-view steps ask for a plan it never viewed with.
    expect(body.steps[29].visitors).toBe(1);
  });

  it("compares a decimal text exactly, refuses __proto__ where it would vanish, and reads a lowercase t and z", async () => {
    const t = new Date(now - 1800_000);
    await insertEvents(db(), projectId, [
      { anonymousId: "v3", name: "precise_view", time: t, messageId: "p1" },
      { anonymousId: "v3", name: "precise_cart", time: new Date(t.getTime() + 1000), messageId: "p2", properties: { qty: "7" } },
    ]);
    const counts = async (operator: string, value: string) => {
      const res = await post({
        steps: [{ event: "precise_view" }, { event: "precise_cart", conditions: [{ property: "qty", operator, value }] }],
        window: 3600,
        ...range(),
      });
      expect(res.status).toBe(200);
      return (await res.json()).steps.map((s: { visitors: number }) => s.visitors);
    };
    // As a double, 7.00000000000000000001 would be 7.
    expect(await counts("gte", "7.00000000000000000001")).toEqual([1, 0]);
    expect(await counts("lt", "7.00000000000000000001")).toEqual([1, 1]);
    expect(await counts("lte", "7.000")).toEqual([1, 1]);
    // JSON.parse keeps "__proto__" as a key; a record would drop it silently: a 400 that names it.
    const { from, to } = range();
    const where = await post(
      `{"steps":[{"event":"pageview","where":{"__proto__":"x"}},{"event":"add_to_cart"}],"from":"${from}","to":"${to}"}`,
    );
    expect(where.status).toBe(400);
    expect((await where.json()).error.message).toContain("__proto__");
    const filters = await post(
      `{"steps":[{"event":"pageview"},{"event":"add_to_cart"}],"from":"${from}","to":"${to}","filters":{"__proto__":["x"]}}`,
    );
    expect(filters.status).toBe(400);
    expect((await filters.json()).error.message).toContain('Unknown filter field "__proto__"');
    const lower = await post({
      steps: [{ event: "pageview" }, { event: "add_to_cart" }],
      from: from.replace("T", "t"),
      to: to.replace("Z", "z"),
    });
    expect(lower.status).toBe(200);
    // Duplicates in hold count once: three distinct fields are within the limit.
    const held = await post({
      steps: [{ event: "pageview" }, { event: "add_to_cart" }],
      hold: ["source", "source", "device", "prop:plan"],
      ...range(),
    });
    expect(held.status).toBe(200);
  });

  it("answers an estimate when asked (here exact: few events), marked only when sampled", async () => {
    const res = await post({ steps: [{ event: "pageview" }, { event: "add_to_cart" }], window: 3600, sample: true, ...range() });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.steps.map((s: { visitors: number }) => s.visitors)).toEqual([2, 1]);
    expect(body.estimate).toBeUndefined();
  });
});
