import { it, expect, beforeAll } from "vitest";
import { ownerWithProject } from "../fixtures";
import { describeEachDb } from "../db";
import { setDbHandle } from "../../db/client";
import { insertEvents } from "../../db/events/insert";
import { POST as query } from "../../app/api/v1/goals/query/route";
import { GET as overview } from "../../app/api/v1/projects/[projectId]/conversions/route";

// The goals API as a client calls it: real Request objects into the route handlers, on a real database.
describeEachDb("goals query API", (db, kind) => {
  let readKey: string;
  let otherReadKey: string;
  let projectId: string;
  let otherProjectId: string;
  const now = Date.now();

  beforeAll(async () => {
    setDbHandle({ db: db(), kind, close: async () => {} });
    const make = (email: string) => ownerWithProject(db(), email, { name: "Fietsen & Co" });
    const a = await make("goals-a@example.nl");
    const b = await make("goals-b@example.nl");
    [readKey, projectId, otherReadKey, otherProjectId] = [a.readKey, a.project.id, b.readKey, b.project.id];
    const t = (m: number) => new Date(now - 3600_000 + m * 60_000);
    await insertEvents(db(), a.project.id, [
      { anonymousId: "v1", name: "pageview", path: "/", time: t(0), messageId: "1", source: "google" },
      { anonymousId: "v1", name: "purchase", time: t(1), messageId: "2", revenue: 40 },
      { anonymousId: "v1", name: "purchase", time: t(2), messageId: "3", revenue: 60 },
      { anonymousId: "v2", name: "pageview", path: "/", time: t(0), messageId: "4", source: '=HYPERLINK("x")' },
      { anonymousId: "v2", name: "signup", time: t(1), messageId: "5", properties: { plan: "pro" } },
      { anonymousId: "v3", name: "signup", time: t(1), messageId: "6", properties: { plan: "free" } },
    ]);
    // team B's data must never show up in team A's answers
    await insertEvents(db(), b.project.id, [{ anonymousId: "w1", name: "purchase", time: t(1), messageId: "b1", revenue: 999 }]);
  });

  const post = (body: unknown, key: string | null = readKey) =>
    query(
      new Request("http://x/api/v1/goals/query", {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      undefined as never,
    );
  const range = () => ({ from: new Date(now - 86400_000).toISOString(), to: new Date(now + 60_000).toISOString() });
  const get = (id: string, key: string, qs = "", headers: Record<string, string> = {}) =>
    overview(new Request(`http://x/api/v1/projects/${id}/conversions?${qs}`, { headers: { authorization: `Bearer ${key}`, ...headers } }), {
      params: Promise.resolve({ projectId: id }),
    });

  it("answers with every saved goal, macro first, by default", async () => {
    const res = await post({ ...range(), segments: ["source"] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.visitors).toBe(3);
    expect(body.goals[0]).toMatchObject({
      key: "purchase",
      kind: "macro",
      converted: 1,
      conversions: 2,
      revenue: { total: 100, averageOrderValue: 50 },
    });
    expect(body.goals[0].rate.rate).toBeCloseTo(1 / 3, 10);
    expect(body.benchmark.rate).toBe(0.0263);
    expect(body.benchmark.quote).toContain("2,63%");
    expect(body.segments.source.map((r: { value: string; visitors: number }) => [r.value, r.visitors])).toEqual([
      ["(none)", 1],
      ['=HYPERLINK("x")', 1],
      ["google", 1],
    ]);
  });

  it("takes ad-hoc goals with property equalities next to saved ones", async () => {
    const body = await (
      await post({ ...range(), goals: ["purchase", { event: "signup", where: { plan: "pro" }, name: "Pro signup" }, { event: "signup" }] })
    ).json();
    expect(body.goals.map((g: { key: string; converted: number }) => [g.key, g.converted])).toEqual([
      ["purchase", 1],
      ["goal_2", 1],
      ["goal_3", 2],
    ]);
  });

  it.each([
    ["invalid JSON", "{nope", "not valid JSON"],
    ["a bad date", { from: "yesterday", to: "2026-02-01T00:00:00Z" }, "from must be an ISO 8601 time"],
    ["from after to", { from: "2026-03-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }, "from must be before to"],
    [
      "an unknown saved goal",
      { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", goals: ["purchase", "nope"] },
      'Unknown goal \\"nope\\"',
    ],
    ["a goal without an event", { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", goals: [{ path: "/x" }] }, "goals.0"],
    ["an empty goal list", { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", goals: [] }, "at least one goal"],
    ["an unknown segment", { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", segments: ["shoe_size"] }, "segments.0"],
    [
      "an unknown filter",
      { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", filters: { shoe_size: ["42"] } },
      'Unknown filter field \\"shoe_size\\"',
    ],
  ])("refuses %s with 400 and says what is wrong", async (_what, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain(message);
  });

  it("refuses an unknown key, and a read key opens only its own project", async () => {
    expect((await post({ ...range() }, "tr_not-a-key")).status).toBe(401);
    expect((await post({ ...range(), projectId: otherProjectId })).status).toBe(404);
    expect((await get(otherProjectId, readKey)).status).toBe(404);
    expect((await get(projectId, otherReadKey)).status).toBe(404);
    const mine = await (await post({ ...range() }, otherReadKey)).json();
    expect(mine.goals[0].revenue.total).toBe(999);
  });

  it("downloads each table as CSV, with spreadsheet formulas defused", async () => {
    const goals = await get(projectId, readKey, "range=7d&format=csv&table=goals");
    expect(goals.status).toBe(200);
    expect(goals.headers.get("content-type")).toContain("text/csv");
    expect(goals.headers.get("content-disposition")).toMatch(
      /attachment; filename="fietsen-co-goals-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const text = await goals.text();
    expect(text.split("\r\n")[1]).toMatch(/^Purchase,macro,3,1,2,33\.3333,/);
    const seg = await (await get(projectId, readKey, "range=7d&segment=source&format=csv&table=segment&field=source")).text();
    expect(seg).toContain(`"'=HYPERLINK(""x"")",1,`);
    const daily = await (await get(projectId, readKey, "range=7d&format=csv&table=daily")).text();
    expect(daily.split("\r\n").filter(Boolean)).toHaveLength(8);
    const bad = await get(projectId, readKey, "range=7d&format=csv&table=segment&field=source");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("segment=<the same field>");
    expect((await get(projectId, readKey, "range=7d&format=csv&table=nope")).status).toBe(400);
  });

  it("writes the CSV for Dutch Excel when the reader is Dutch (cookie or Accept-Language): ';' and decimal commas", async () => {
    const dutch = await (await get(projectId, readKey, "range=7d&format=csv&table=goals", { "accept-language": "nl-NL,nl;q=0.9" })).text();
    expect(dutch.replace(/^\uFEFF/, "").split("\r\n")[0]).toMatch(
      /^goal;kind;visitors;converted_visitors;conversions;conversion_rate_pct;/,
    );
    expect(dutch.split("\r\n")[1]).toMatch(/^Purchase;macro;3;1;2;33,3333;/);
    const chosen = await (await get(projectId, readKey, "range=7d&format=csv&table=goals", { cookie: "a=b; trechter_locale=nl" })).text();
    expect(chosen.split("\r\n")[1]).toMatch(/^Purchase;macro;3;1;2;33,3333;/);
    // A script that says nothing gets RFC 4180 as before, and an English reader too.
    const english = await (await get(projectId, readKey, "range=7d&format=csv&table=goals", { "accept-language": "en-GB" })).text();
    expect(english.split("\r\n")[1]).toMatch(/^Purchase,macro,3,1,2,33\.3333,/);
  });
});
