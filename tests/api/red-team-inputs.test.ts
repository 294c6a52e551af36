import { it, expect, vi, beforeAll, beforeEach } from "vitest";
import { z } from "zod";
import { describeEachDb } from "../db";
import { ownerWithProject } from "../fixtures";
import { setDbHandle } from "../../db/client";
import { shareLinks, shareLinkTokens } from "../../db/schema";
import { createShareLink } from "../../db/share";
import { listFunnels } from "../../db/funnels";
import { hashToken, randomToken } from "../../lib/keys";
import type { TeamScope } from "../../db/tenant";

// A red team's findings (Hardening, round 2), attacked as they were: server actions called with the
// arguments a browser could send, real Requests into the route handlers, a real database.
const session = vi.hoisted(() => ({ team: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "trechter.test" }) }));
vi.mock("@/server/guard", async (original) => {
  const { unauthenticated } = await import("../../lib/errors");
  return {
    ...(await original<object>()),
    apiTeamScope: async () => {
      if (!session.team) throw unauthenticated();
      return session.team;
    },
    sessionUserId: async () => (session.team as TeamScope | null)?.userId ?? null,
  };
});

const { createShareLinkAction } = await import("../../app/(app)/projects/[projectId]/share-actions");
const { action, id } = await import("../../server/action");
const { GET: shareConversions } = await import("../../app/api/share/[token]/conversions/route");
const { GET: shareResults } = await import("../../app/api/share/[token]/results/route");
const { GET: funnelResults } = await import("../../app/api/v1/funnels/[funnelId]/results/route");
const { POST: ingest } = await import("../../app/v1/[kind]/route");

describeEachDb("red team: inputs that froze, crashed or slipped through", (db, kind) => {
  let owner: Awaited<ReturnType<typeof ownerWithProject>>;
  let funnelId: string;
  let goodToken: string;

  beforeAll(async () => {
    setDbHandle({ db: db(), kind, close: async () => {} });
    owner = await ownerWithProject(db(), `red-team-${kind}@example.nl`);
    funnelId = (await listFunnels(owner.scope))[0].id;
    goodToken = (await createShareLink(owner.scope, { report: "funnel", funnelId, range: { kind: "rolling", days: 30 } })).token;
  });
  beforeEach(() => {
    session.team = owner.team;
  });

  const values = (n: number, prefix = "v") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const share = (input: Record<string, unknown>) =>
    createShareLinkAction(owner.project.id, { report: "conversions", range: { kind: "rolling", days: 30 }, ...input } as never);

  /** A link as an older version stored it, whatever it holds: inserted as it is, its token returned. */
  async function oldLink(values: Partial<typeof shareLinks.$inferInsert>) {
    const token = randomToken(32);
    const [link] = await db()
      .insert(shareLinks)
      .values({ projectId: owner.project.id, tokenHash: hashToken(token), report: "conversions", rollingDays: 30, ...values })
      .returning();
    await db().insert(shareLinkTokens).values({ tokenHash: link.tokenHash, projectId: link.projectId, linkId: link.id });
    return token;
  }
  const getShare = (handler: typeof shareConversions, what: string, token: string, qs = "") =>
    handler(new Request(`http://x/api/share/${token}/${what}?${qs}`), { params: Promise.resolve({ token }) });

  // 1. HIGH: 1,500 locked prop: fields of 50 values each blocked the event loop ~75 s, then a 500.
  it("refuses a share link whose locked filters exceed the URL caps when it is made, as a filters field error", async () => {
    const attack = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`prop:p${i}`, values(50)]));
    const refused = { ok: false, error: { code: "invalid_input", fieldErrors: { filters: "invalid" } } };
    expect(await share({ range: { kind: "rolling", days: 365 }, filters: attack })).toEqual(refused);
    expect(await share({ filters: Object.fromEntries(values(11, "prop:f").map((f) => [f, ["x"]])) })).toEqual(refused);
    expect(await share({ filters: { device: values(21) } })).toEqual(refused);
    expect(await share({ filters: { source: ["x".repeat(201)] } })).toEqual(refused);
    // A share link refuses prop: fields everywhere: a locked one too.
    expect(await share({ filters: { "prop:email": ["jan@example.nl"] } })).toEqual(refused);
    expect(await share({ filters: { device: values(20), source: ["y".repeat(200)] } })).toMatchObject({ ok: true });
  });

  it("answers an old link with oversized or prop: locked filters with a clear 422, never a freeze or a 500", async () => {
    const tokens = [
      await oldLink({ filters: { device: values(21) } }),
      await oldLink({ filters: { source: ["x".repeat(201)] } }),
      await oldLink({ filters: { "prop:plan": ["pro"] } }),
      // The red team's link, last: on the old code the first ones already fail, this one froze the server.
      await oldLink({ filters: Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`prop:p${i}`, values(50)])) }),
    ];
    for (const token of tokens) {
      const res = await getShare(shareConversions, "conversions", token);
      const text = await res.text();
      expect(res.status, text.slice(0, 300)).toBe(422);
      expect(JSON.parse(text).error.message).toMatch(/link's filters/);
    }
  });

  // 2. LOW: a fixed range out of PostgreSQL's years was a 500 (22009); 1900–2100 passed the 400-day cap.
  it("bounds a share link's fixed range: years 2000 to 2100, at most 365 days, a range field error", async () => {
    const fixed = (from: string, to: string) => share({ range: { kind: "fixed", from, to } });
    const refused = { ok: false, error: { code: "invalid_input", fieldErrors: { range: "invalid" } } };
    // A fixed range is the project's calendar days, the last one included.
    expect(await fixed("-271821-04-20", "2026-01-01")).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { "range.from": "invalid" } },
    });
    expect(await fixed("2026-01-01T00:00:00Z", "2026-02-01")).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { "range.from": "invalid" } },
    });
    expect(await fixed("1900-01-01", "2099-12-31")).toEqual(refused);
    expect(await fixed("2026-01-01", "2027-01-01")).toEqual(refused);
    expect(await fixed("2100-06-01", "2101-01-01")).toEqual(refused);
    expect(await fixed("2026-01-01", "2026-12-31")).toMatchObject({ ok: true });
  });

  it("answers an old link with a fixed range beyond the caps with a 422, not a query over two centuries", async () => {
    const token = await oldLink({
      rollingDays: null,
      fixedFrom: new Date("1900-01-01T00:00:00Z"),
      fixedTo: new Date("2100-01-01T00:00:00Z"),
    });
    const res = await getShare(shareConversions, "conversions", token);
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/link's period/);
  });

  // 3. LOW: prototype names were endpoints, were dropped silently, or were ignored.
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])("answers 404 to the ingestion endpoint /v1/%s", async (kind) => {
    const res = await ingest(
      new Request(`http://x/v1/${kind}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ writeKey: owner.writeKey, event: "x", anonymousId: "a" }),
      }),
      { params: Promise.resolve({ kind }) },
    );
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("unknown_endpoint");
  });

  it("refuses a __proto__ or constructor key a server action's schema would drop, as sent in JSON", async () => {
    const ran = vi.fn();
    const lax = z.object({ name: z.string() });
    const save = action({ input: z.tuple([id, lax]), access: "admin", project: ([p]) => p }, async ([, v]) => void ran(v));
    for (const key of ["__proto__", "constructor", "toString"]) {
      const arg = JSON.parse(`{"name":"x","${key}":{"projectId":"other"}}`);
      expect(await save(owner.project.id, arg)).toEqual({
        ok: false,
        error: { code: "invalid_input", fieldErrors: { [key]: "unknown_key" } },
      });
    }
    // Unstorable text under a __proto__ key is found too.
    expect(await save(owner.project.id, JSON.parse('{"name":"x","__proto__":{"a":"\\u0000"}}'))).toMatchObject({
      ok: false,
      error: { fieldErrors: { "__proto__.a": "unsafe_text" } },
    });
    expect(ran).not.toHaveBeenCalled();
  });

  it.each(["__proto__=1", "constructor=1", "toString=x", "hasOwnProperty=1"])(
    "a share link refuses the unknown parameter %s with a 400",
    async (qs) => {
      const res = await getShare(shareResults, "results", goodToken, qs);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toContain(`"${qs.split("=")[0]}"`);
    },
  );

  // 4. LOW: a day that does not exist was reported as a wrong order.
  it.each([
    ["from=2026-02-30&to=2026-03-01", "from", "2026-02-30"],
    ["from=2026-02-01&to=2026-02-31", "to", "2026-02-31"],
    ["from=2025-02-29&to=2025-03-10", "from", "2025-02-29"],
  ])("%s is a 400 that names the day that does not exist", async (qs, name, day) => {
    const res = await funnelResults(
      new Request(`http://x/api/v1/funnels/${funnelId}/results?${qs}`, { headers: { authorization: `Bearer ${owner.readKey}` } }),
      {
        params: Promise.resolve({ funnelId }),
      },
    );
    expect(res.status).toBe(400);
    const message = (await res.json()).error.message as string;
    expect(message).toContain(`${name}: ${day} is not a real date`);
    expect(message).not.toContain("before");
  });

  it("a leap day that exists is a fine range", async () => {
    const res = await funnelResults(
      new Request(`http://x/api/v1/funnels/${funnelId}/results?from=2028-02-29&to=2028-03-01`, {
        headers: { authorization: `Bearer ${owner.readKey}` },
      }),
      {
        params: Promise.resolve({ funnelId }),
      },
    );
    expect(res.status).toBe(200);
  });
});
