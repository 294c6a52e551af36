import { it, expect, beforeAll } from "vitest";
import { ownerWithProject } from "../fixtures";
import { describeEachDb } from "../db";
import { setDbHandle } from "../../db/client";
import { insertEvents } from "../../db/events/insert";
import { listFunnels } from "../../db/funnels";
import { GET as audience } from "../../app/api/v1/funnels/[funnelId]/audience/route";

// The audience download as a retargeting tool calls it: real Requests into the route, a real database.
describeEachDb("drop-off audience API", (db, kind) => {
  let readKey: string;
  let otherReadKey: string;
  let funnelId: string;
  let funnelName: string;
  let otherFunnelId: string;
  const t0 = Date.parse("2026-05-10T10:00:00Z");
  const t = (m: number) => new Date(t0 + m * 60_000);

  beforeAll(async () => {
    setDbHandle({ db: db(), kind, close: async () => {} });
    const make = (email: string) => ownerWithProject(db(), email);
    const a = await make("aud-a@example.nl");
    const b = await make("aud-b@example.nl");
    readKey = a.readKey;
    otherReadKey = b.readKey;
    const [funnel] = await listFunnels(a.scope);
    funnelId = funnel.id;
    funnelName = funnel.name;
    otherFunnelId = (await listFunnels(b.scope))[0].id;
    // The template funnel: pageview → pageview /product/* → add_to_cart → checkout_started → purchase.
    await insertEvents(db(), a.project.id, [
      { anonymousId: "v1", name: "pageview", path: "/", time: t(0), messageId: "1", source: '=HYPERLINK("http://evil")' },
      { anonymousId: "v1", name: "pageview", path: "/product/x", time: t(1), messageId: "2" },
      {
        anonymousId: "v1",
        userId: "u1",
        name: "identify",
        time: t(2),
        messageId: "3",
        traits: { name: 'Jan "de" Vries', email: "jan@example.nl" },
      },
      { anonymousId: "v2", name: "pageview", path: "/", time: t(0), messageId: "4", source: "facebook" },
      { anonymousId: "v3", name: "pageview", path: "/", time: t(0), messageId: "5" },
      { anonymousId: "v3", name: "pageview", path: "/product/y", time: t(1), messageId: "6" },
      { anonymousId: "v3", name: "add_to_cart", time: t(2), messageId: "7" },
      { anonymousId: "v4", name: "pageview", path: "/", time: t(0), messageId: "8", source: "google" },
      { anonymousId: "v4", name: "pageview", path: "/product/z", time: t(3), messageId: "9" },
    ]);
  });

  const get = (id: string, qs: string, key: string | null = readKey) =>
    audience(new Request(`http://x/api/v1/funnels/${id}/audience?${qs}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }), {
      params: Promise.resolve({ funnelId: id }),
    });
  const range = "from=2026-05-01&to=2026-05-31";

  it("streams the CSV: header, one row per person, traits as JSON, formulas defused, a file name", async () => {
    const res = await get(funnelId, `step=2&${range}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.body).toBeInstanceOf(ReadableStream);
    const slug = funnelName.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-dropped-after-step-2-2026-05-01_2026-05-31.csv"`);
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toBe("person_id,user_id,anonymous_ids,entry_source,entry_time,last_seen,traits");
    expect(lines.slice(1, -1)).toEqual([
      `u1,u1,v1,"'=HYPERLINK(""http://evil"")",2026-05-10T10:00:00.000Z,2026-05-10T10:02:00.000Z,"{""name"":""Jan \\""de\\"" Vries"",""email"":""jan@example.nl""}"`,
      `v4,,v4,google,2026-05-10T10:00:00.000Z,2026-05-10T10:03:00.000Z,{}`,
    ]);
    expect(lines.at(-1)).toBe("");
  });

  it("answers NDJSON when asked, and an empty audience is just the header", async () => {
    const res = await get(funnelId, `step=1&${range}&format=ndjson`);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    const rows = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows).toEqual([
      {
        person_id: "v2",
        user_id: null,
        anonymous_ids: ["v2"],
        entry_source: "facebook",
        entry_time: "2026-05-10T10:00:00.000Z",
        last_seen: "2026-05-10T10:00:00.000Z",
        traits: {},
      },
    ]);
    const filtered = await get(funnelId, `step=2&${range}&source=google&source=bing`);
    expect(
      (await filtered.text())
        .split("\r\n")
        .slice(1, -1)
        .map((l) => l.split(",")[0]),
    ).toEqual(["v4"]);
    const empty = await get(funnelId, `step=4&${range}`);
    expect(await empty.text()).toBe("person_id,user_id,anonymous_ids,entry_source,entry_time,last_seen,traits\r\n");
  });

  it.each([
    ["no step", "", "step must be a whole number from 1 to 4"],
    ["step 0", "step=0", "step must be a whole number from 1 to 4"],
    ["the last step", "step=5", "the last step has no drop-off"],
    ["a fraction", "step=1.5", "step must be"],
    ["text", "step=two", "step must be"],
    ["a bad format", "step=1&format=xlsx", "format must be one of csv, ndjson"],
    ["a bad range", "step=1&range=forever", "range must be one of"],
  ])("refuses %s with a 400 that says why", async (_what, qs, message) => {
    const res = await get(funnelId, qs);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain(message);
  });

  it("a read key opens only its own project's funnels; no key is 401", async () => {
    expect((await get(funnelId, `step=1&${range}`, otherReadKey)).status).toBe(404);
    expect((await get(otherFunnelId, `step=1&${range}`)).status).toBe(404);
    expect((await get("not-a-uuid", `step=1&${range}`)).status).toBe(404);
    expect((await get(funnelId, `step=1&${range}`, "tr_not-a-key")).status).toBe(401);
  });
});
