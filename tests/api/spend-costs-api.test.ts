import { it, expect, beforeAll } from "vitest";
import { ownerWithProject } from "../fixtures";
import { describeEachDb } from "../db";
import { setDbHandle } from "../../db/client";
import { insertEvents } from "../../db/events/insert";
import { addSpend } from "../../db/spend";
import { funnelResults } from "../../db/queries/funnel/funnelResults";
import type { ProjectScope } from "../../db/tenant";
import { GET as overview } from "../../app/api/v1/projects/[projectId]/conversions/route";
import { POST as goalsQuery } from "../../app/api/v1/goals/query/route";

// Cost per visitor, lead and acquisition and ROAS as the dashboard's API reports them, on a real database.
describeEachDb("spend in the conversions API", (db, kind) => {
  let readKey: string;
  let otherReadKey: string;
  let projectId: string;
  let otherProjectId: string;
  let scopeA: ProjectScope;
  const now = Date.now();
  const today = new Date(now).toISOString().slice(0, 10);

  beforeAll(async () => {
    setDbHandle({ db: db(), kind, close: async () => {} });
    const make = (email: string) => ownerWithProject(db(), email, { name: "Fietsen" });
    const a = await make("spend-api-a@example.nl");
    const b = await make("spend-api-b@example.nl");
    [readKey, projectId, otherReadKey, otherProjectId] = [a.readKey, a.project.id, b.readKey, b.project.id];
    scopeA = a.scope;
    const t = (m: number) => new Date(now - 3600_000 + m * 60_000);
    // google: 4 visitors, 2 add to cart, 1 newsletter signup, 1 purchase of €300; newsletter: 1 visitor, no spend
    await insertEvents(db(), a.project.id, [
      ...["g1", "g2", "g3", "g4"].map((v, i) => ({
        anonymousId: v,
        name: "pageview",
        path: "/",
        time: t(0),
        messageId: `p${i}`,
        source: "google",
        medium: "cpc",
      })),
      { anonymousId: "g1", name: "add_to_cart", time: t(1), messageId: "c1" },
      { anonymousId: "g2", name: "add_to_cart", time: t(1), messageId: "c2" },
      { anonymousId: "g2", name: "newsletter_signup", time: t(1), messageId: "n1" },
      { anonymousId: "g1", name: "purchase", time: t(2), messageId: "b1", revenue: 300 },
      { anonymousId: "n1", name: "pageview", path: "/", time: t(0), messageId: "p9", source: "newsletter" },
    ]);
    await addSpend(a.scope, { date: today, source: "google", medium: "cpc", amount: "100" });
    await addSpend(b.scope, { date: today, source: "google", amount: "99999" });
  });

  const range = () => `from=${new Date(now - 86400_000).toISOString()}&to=${new Date(now + 60_000).toISOString()}`;
  const get = (id: string, key: string, qs = "") =>
    overview(new Request(`http://x/api/v1/projects/${id}/conversions?${range()}&${qs}`, { headers: { authorization: `Bearer ${key}` } }), {
      params: Promise.resolve({ projectId: id }),
    });

  it("gives the google row its spend, cost per visitor, lead (first micro goal) and acquisition, and ROAS; the newsletter row none", async () => {
    const body = await (await get(projectId, readKey, "segment=source&segment=medium")).json();
    const google = body.segments.source.find((r: { value: string }) => r.value === "google");
    expect(google.costs).toEqual({ spend: 100, costPerVisitor: 25, costPerLead: 50, costPerAcquisition: 100, roas: 3 });
    expect(body.segments.source.find((r: { value: string }) => r.value === "newsletter").costs).toBeUndefined();
    expect(body.segments.medium.find((r: { value: string }) => r.value === "cpc").costs).toMatchObject({ spend: 100 });
    expect(body.spend).toEqual({
      spend: 100,
      costPerVisitor: 20,
      costPerLead: 50,
      costPerAcquisition: 100,
      roas: 3,
      leadGoalKey: "add_to_cart",
      acquisitionGoalKey: "purchase",
      revenueGoalKey: "purchase",
    });
  });

  it("takes the lead goal from lead=<micro goal key>, and ignores a key that is not a micro goal", async () => {
    const body = await (await get(projectId, readKey, "segment=source&lead=newsletter_signup")).json();
    expect(body.spend).toMatchObject({ leadGoalKey: "newsletter_signup", costPerLead: 100 });
    expect((await (await get(projectId, readKey, "segment=source&lead=purchase")).json()).spend.leadGoalKey).toBe("add_to_cart");
  });

  it("takes the lead goal from the goals query body too", async () => {
    const post = (body: unknown) =>
      goalsQuery(
        new Request("http://x/api/v1/goals/query", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${readKey}` },
          body: JSON.stringify(body),
        }),
        undefined as never,
      );
    const window = { from: new Date(now - 86400_000).toISOString(), to: new Date(now + 60_000).toISOString() };
    expect((await (await post({ ...window, lead: "newsletter_signup" })).json()).spend).toMatchObject({
      leadGoalKey: "newsletter_signup",
      costPerLead: 100,
    });
    expect((await (await post(window)).json()).spend).toMatchObject({ leadGoalKey: "add_to_cart", costPerLead: 50 });
  });

  it("adds cost columns to the segment CSV", async () => {
    const res = await get(projectId, readKey, "segment=source&format=csv&table=segment&field=source");
    const [header, ...lines] = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header.split(",").slice(-5)).toEqual([
      "ad_spend",
      "cost_per_visitor",
      "cost_per_lead_add_to_cart",
      "cost_per_acquisition_purchase",
      "roas",
    ]);
    expect(
      lines
        .find((l) => l.startsWith("google,"))!
        .split(",")
        .slice(-5),
    ).toEqual(["100", "25", "50", "100", "3"]);
    expect(
      lines
        .find((l) => l.startsWith("newsletter,"))!
        .split(",")
        .slice(-6),
    ).toEqual(["yes", "", "", "", "", ""]);
  });

  it("keeps each project's spend to itself", async () => {
    const body = await (await get(otherProjectId, otherReadKey, "segment=source")).json();
    expect(body.spend).toMatchObject({ spend: 99999, costPerVisitor: null });
    expect((await get(projectId, otherReadKey, "segment=source")).status).toBe(404);
  });

  it("gives a funnel broken down by source the spend and cost per entered and converted visitor, only when asked", async () => {
    const q = {
      steps: [{ event: "pageview" }, { event: "purchase" }],
      windowSeconds: 86400,
      from: new Date(now - 86400_000),
      to: new Date(now + 60_000),
      breakdown: "source" as const,
    };
    const results = await funnelResults(scopeA, { ...q, spend: true });
    const google = results.breakdown!.series.find((s) => s.value === "google")!;
    expect(google.costs).toEqual({ spend: 100, perEntered: 25, perConverted: 100 });
    expect(results.breakdown!.series.find((s) => s.value === "newsletter")!.costs).toBeUndefined();
    expect((await funnelResults(scopeA, q)).breakdown!.series.find((s) => s.value === "google")!.costs).toBeUndefined();
    expect((await funnelResults(scopeA, { ...q, breakdown: "device", spend: true })).breakdown!.series.every((s) => !s.costs)).toBe(true);
  });
});
