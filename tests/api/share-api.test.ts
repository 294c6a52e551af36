import { it, expect, beforeAll } from "vitest";
import { ownerWithProject } from "../fixtures";
import { describeEachDb } from "../db";
import { setDbHandle } from "../../db/client";
import { insertEvents } from "../../db/events/insert";
import { listFunnels, deleteFunnel } from "../../db/funnels";
import { createShareLink, shareRange } from "../../db/share";
import { lastDays } from "../../lib/funnel/ranges";
import { GET as results } from "../../app/api/share/[token]/results/route";
import { GET as conversions } from "../../app/api/share/[token]/conversions/route";
import { GET as segments } from "../../app/api/share/[token]/segments/route";

// A share link as its visitor (or an attacker holding it) calls it: real Requests into the share
// routes, a real database. Each link is locked to mobile visitors over the last 30 days.
describeEachDb("share link APIs serve exactly their report", (db, kind) => {
  let funnelToken: string;
  let conversionsToken: string;
  let goneToken: string;
  let carriedToken: string;
  let carriedConversionsToken: string;
  let linkRange: { from: Date; to: Date };
  const day = 86400_000;

  beforeAll(async () => {
    setDbHandle({ db: db(), kind, close: async () => {} });
    const a = await ownerWithProject(db(), `share-api-${kind}@example.nl`);
    const [funnel] = await listFunnels(a.scope);
    const now = Date.now();
    const at = (daysAgo: number, m = 0) => new Date(now - daysAgo * day + m * 60_000);
    // Template funnel: pageview → pageview /product/* → add_to_cart → checkout_started → purchase.
    await insertEvents(db(), a.project.id, [
      {
        anonymousId: "m1",
        name: "pageview",
        path: "/",
        time: at(2),
        messageId: "1",
        device: "mobile",
        properties: { email: "jan@example.nl" },
      },
      { anonymousId: "m1", name: "pageview", path: "/product/x", time: at(2, 1), messageId: "2", device: "mobile" },
      {
        anonymousId: "m2",
        name: "pageview",
        path: "/",
        time: at(2),
        messageId: "3",
        device: "mobile",
        properties: { email: "els@example.nl" },
      },
      {
        anonymousId: "d1",
        name: "pageview",
        path: "/",
        time: at(2),
        messageId: "4",
        device: "desktop",
        properties: { email: "piet@example.nl" },
      },
      { anonymousId: "d1", name: "pageview", path: "/product/y", time: at(2, 1), messageId: "5", device: "desktop" },
      // Before the link's 30 days: only a previous period would count these.
      { anonymousId: "old1", name: "pageview", path: "/", time: at(45), messageId: "6", device: "mobile" },
      { anonymousId: "old2", name: "pageview", path: "/", time: at(45), messageId: "7", device: "mobile" },
    ]);
    const locked = { range: { kind: "rolling" as const, days: 30 }, filters: { device: ["mobile"] } };
    funnelToken = (await createShareLink(a.scope, { report: "funnel", funnelId: funnel.id, ...locked })).token;
    conversionsToken = (await createShareLink(a.scope, { report: "conversions", ...locked })).token;
    // Made while a breakdown and the comparison were on screen: the link keeps both.
    const carried = { ...locked, breakdown: "device" as const, compare: true };
    carriedToken = (await createShareLink(a.scope, { report: "funnel", funnelId: funnel.id, ...carried })).token;
    carriedConversionsToken = (await createShareLink(a.scope, { report: "conversions", ...locked, compare: true })).token;
    const b = await ownerWithProject(db(), `share-api-gone-${kind}@example.nl`);
    const [doomed] = await listFunnels(b.scope);
    goneToken = (await createShareLink(b.scope, { report: "funnel", funnelId: doomed.id, range: { kind: "rolling", days: 30 } })).token;
    await deleteFunnel(b.scope, doomed.id);
    linkRange = lastDays(30, a.project.timeZone);
    expect(shareRange({ fixedFrom: null, fixedTo: null, rollingDays: 30 } as never, a.project.timeZone)).toEqual(linkRange);
  });

  const call = (handler: typeof results, what: string, token: string, qs = "") =>
    handler(new Request(`http://x/api/share/${token}/${what}?${qs}`), { params: Promise.resolve({ token }) });
  const get = (qs = "") => call(results, "results", funnelToken, qs);
  const conv = (qs = "") => call(conversions, "conversions", conversionsToken, qs);
  const values = (qs: string) => call(segments, "segments", funnelToken, qs);
  const refused = async (res: Response, message: string) => {
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(400);
    expect(JSON.parse(text).error.message).toContain(message);
    expect(text).not.toMatch(/jan@|els@|piet@/);
  };

  it("answers the report as the link was made: mobile visitors of the link's 30 days", async () => {
    const res = await get();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.steps.map((s: { visitors: number }) => s.visitors).slice(0, 2)).toEqual([2, 1]);
    expect(body.range).toEqual({ from: linkRange.from.toISOString(), to: linkRange.to.toISOString() });
    expect(body.previous).toBeUndefined();
  });

  it("refuses a breakdown by a custom property: it would list raw property values (emails)", async () => {
    await refused(await get("breakdown=prop:email"), "breakdown");
  });

  it("refuses a custom-property filter: it would tell whether one person visited", async () => {
    await refused(await get("prop:email=piet%40example.nl"), "prop:email");
    await refused(await conv("prop:email=piet%40example.nl"), "prop:email");
  });

  it("refuses a custom-property segment table on the conversions link", async () => {
    await refused(await conv("segment=prop:email"), "segment");
  });

  it("refuses a filter value with a NUL (which PostgreSQL cannot compare) with a 400, not a 500", async () => {
    for (const value of ["%00", "a%00b"]) {
      await refused(await get(`source=${value}`), "NUL characters or lone surrogates");
      await refused(await conv(`source=${value}`), "NUL characters or lone surrogates");
    }
  });

  it("a visitor cannot swap or widen a locked filter; narrowing within it is fine", async () => {
    await refused(await get("device=desktop"), "locked");
    await refused(await get("device=mobile&device=desktop"), "locked");
    await refused(await conv("device=desktop"), "locked");
    const same = await get("device=mobile");
    expect(same.status).toBe(200);
    expect((await same.json()).steps[0].visitors).toBe(2);
  });

  it("segment values (filter options) obey the link's locked filters", async () => {
    const res = await values("field=device");
    expect(res.status).toBe(200);
    expect((await res.json()).values).toEqual([{ value: "mobile", visitors: 2 }]);
    const sources = await values("field=source");
    expect((await sources.json()).values).toEqual([{ value: "(none)", visitors: 2 }]);
    await refused(await values("field=prop:email"), "field");
  });

  it("compare is refused where the previous period lies before the link's range, and answers inside it", async () => {
    await refused(await get("compare=1"), "compare");
    const inside = await get("range=7d&compare=1");
    expect(inside.status).toBe(200);
    const body = await inside.json();
    expect(Date.parse(body.previous.range.from)).toBeGreaterThanOrEqual(linkRange.from.getTime());
  });

  it("the conversions link shows no previous-period figures from before its range", async () => {
    const res = await conv();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.visitors).toBe(2);
    expect(body.previousRange).toBeNull();
    expect(body.previousVisitors).toBeNull();
    expect(body.goals.every((g: { previous: { visitors: number | null } }) => g.previous.visitors === null)).toBe(true);
    const inside = await (await conv("range=7d")).json();
    expect(Date.parse(inside.previousRange.from)).toBeGreaterThanOrEqual(linkRange.from.getTime());
  });

  it.each([
    ["a preset longer than the link", "range=90d", "range"],
    ["days before the link", "from=2020-01-01&to=2020-01-31", "link"],
    ["a date JavaScript can barely hold", "from=275760-01-01", "from"],
    ["the far future", "from=275760-01-01&to=275760-01-02", "from"],
    ["an unknown parameter", "lead=signup", "lead"],
    ["a second breakdown", "breakdown=device&breakdown=source", "breakdown"],
  ])("refuses %s with a 400 (results, conversions, segment values)", async (_what, qs, message) => {
    await refused(await get(qs), message);
    await refused(await conv(qs), message);
    await refused(await values(`field=device&${qs}`), message);
  });

  it("refuses a window of minutes inside the link's period: a shared report answers whole days", async () => {
    const start = new Date(linkRange.to.getTime() - 2 * day);
    const qs = `from=${start.toISOString()}&to=${new Date(start.getTime() + 2 * 60_000).toISOString()}`;
    await refused(await get(qs), "whole days");
    await refused(await conv(qs), "whole days");
    await refused(await values(`field=device&${qs}`), "whole days");
  });

  it("answers only the fields the report shows", async () => {
    const body = await (await get("breakdown=device&range=7d&compare=1")).json();
    expect(Object.keys(body).sort()).toEqual(["breakdown", "funnel", "overall", "previous", "range", "steps", "trend"]);
    expect(Object.keys(body.funnel).sort()).toEqual(["name", "steps", "window"]);
    expect(body.breakdown.series.map((s: { value: string }) => s.value)).toEqual(["mobile"]);
    const overview = await (await conv()).json();
    expect(overview.spend).toBeNull();
    expect(JSON.stringify(overview)).not.toMatch(/projectId|teamId|costs|jan@|piet@/);
  });

  it("a link whose funnel was deleted answers 410 that the report no longer exists", async () => {
    const res = await call(results, "results", goneToken);
    expect(res.status).toBe(410);
    expect((await res.json()).error.code).toBe("report_gone");
    expect((await call(segments, "segments", goneToken, "field=device")).status).toBe(410);
  });

  it("a link made with a breakdown and the comparison answers with both, without being asked, and refuses another breakdown", async () => {
    const res = await call(results, "results", carriedToken);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.breakdown.field).toBe("device");
    // The period before the link's 30 days: the two mobile visitors of 45 days ago.
    expect(body.previous.steps[0].visitors).toBe(2);
    expect(Date.parse(body.previous.range.to)).toBe(linkRange.from.getTime());
    await refused(await call(results, "results", carriedToken, "breakdown=source"), "broken down by device");
    const conversionsBody = await (await call(conversions, "conversions", carriedConversionsToken)).json();
    expect(conversionsBody.previousVisitors).toBe(2);
  });
});
