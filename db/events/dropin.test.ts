import { expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import zlib from "node:zlib";
import { describeEachDb, alsoOnCitus } from "../../tests/db";
import { ownerWithProject, viewerOf } from "../../tests/fixtures";
import { events, projects, visitorSalts } from "../schema";
import { ingestPlausible, ingestUmami, type DropInRequest } from "../../server/ingest/dropin";
import { setDropInClaims, dropInClaimsSchema } from "../dropin";
import { setAllowedOrigins, originRefusals } from "../projects";
import { visitorSalt } from "../visitor-salts";
import { AccessError, InputError } from "../../lib/errors";

alsoOnCitus();

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const WEBSITE = "5d2f5a2e-8a51-4c43-9d0e-1f0b6b0c2a11";
const VID = "0f8fad5b-d9cb-469f-a165-70867728950e";

/** A request as the route builds it, with the body as the tracker's bytes. */
function req(body: string | Buffer, opts: Partial<DropInRequest> = {}): DropInRequest {
  const raw = typeof body === "string" ? Buffer.from(body) : body;
  return {
    readBody: async (limit) => {
      if (raw.length > limit) throw new (await import("../../server/body")).BodyTooLargeError(limit);
      return raw;
    },
    contentEncoding: null,
    userAgent: CHROME,
    clientIp: "145.97.1.1",
    origin: "https://bakkerij-jansen.nl",
    referer: null,
    ...opts,
  };
}

describeEachDb("the Plausible and Umami drop-in APIs", (getDb) => {
  async function claimed(email: string, claims: { plausibleDomain: string; umamiWebsiteId: string }) {
    const owner = await ownerWithProject(getDb(), email);
    await setDropInClaims(owner.scope, dropInClaimsSchema.parse(claims));
    return owner;
  }
  const stored = (projectId: string) => getDb().select().from(events).where(eq(events.projectId, projectId)).orderBy(events.id);

  it("stores what Plausible's script sends for the project that claimed the domain, and counts a visitor per day without cookies", async () => {
    const { project } = await claimed("plausible@example.nl", { plausibleDomain: "www.Bakkerij-Jansen.nl", umamiWebsiteId: "" });
    const page =
      '{"n":"pageview","v":27,"u":"https://www.bakkerij-jansen.nl/bestellen?utm_source=nieuwsbrief&utm_medium=email","d":"bakkerij-jansen.nl","r":"https://www.google.com/"}';
    const purchase =
      '{"n":"Purchase","v":27,"u":"https://bakkerij-jansen.nl/afrekenen","d":"bakkerij-jansen.nl","r":null,"p":{"plan":"taart"},"$":{"amount":"42.50","currency":"EUR"}}';
    const a = await ingestPlausible(getDb(), req(page), 1e6);
    expect(a.status).toBe(202);
    expect((await ingestPlausible(getDb(), req(purchase), 1e6)).status).toBe(202);
    // Another visitor: another address and phone. Engagement pings are answered, not stored.
    expect((await ingestPlausible(getDb(), req(page, { clientIp: "145.97.2.2", userAgent: IPHONE }), 1e6)).status).toBe(202);
    const ping = '{"n":"engagement","sd":63,"d":"bakkerij-jansen.nl","u":"https://bakkerij-jansen.nl/","p":{},"e":5123,"v":27}';
    expect((await ingestPlausible(getDb(), req(ping), 1e6)).status).toBe(202);

    const rows = await stored(project.id);
    expect(rows.map((r) => [r.name, r.path, r.utmSource, r.referrerDomain, r.device, r.revenue])).toEqual([
      ["pageview", "/bestellen", "nieuwsbrief", "google.com", "desktop", null],
      ["Purchase", "/afrekenen", null, null, "desktop", 42.5],
      ["pageview", "/bestellen", "nieuwsbrief", "google.com", "mobile", null],
    ]);
    // The same address and agent on one day are one visitor (a funnel joins their page view and purchase); the address is not stored.
    expect(rows[0].personId).toBe(rows[1].personId);
    expect(rows[2].personId).not.toBe(rows[0].personId);
    expect(JSON.stringify(rows)).not.toContain("145.97.1.1");
    expect(rows[1].properties).toMatchObject({ plan: "taart", currency: "EUR" });
  });

  it("answers 404 for a domain nobody claimed and 400 naming what is wrong, storing nothing", async () => {
    const { project } = await claimed("plausible-bad@example.nl", { plausibleDomain: "goed.nl", umamiWebsiteId: "" });
    const unknown = await ingestPlausible(getDb(), req('{"n":"pageview","u":"https://vreemd.nl/","d":"vreemd.nl"}'), 1e6);
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toMatch(/vreemd\.nl/);
    const bad = await ingestPlausible(getDb(), req('{"u":"https://goed.nl/","d":"goed.nl"}'), 1e6);
    expect([bad.status, (bad.body.error as { message: string }).message]).toEqual([400, "name is required (n or name)"]);
    expect((await ingestPlausible(getDb(), req("not json"), 1e6)).status).toBe(400);
    expect((await ingestPlausible(getDb(), req("x".repeat(40_000)), 1e6)).status).toBe(413);
    const gz = zlib.gzipSync('{"n":"pageview","u":"https://goed.nl/","d":"goed.nl"}');
    expect((await ingestPlausible(getDb(), req(gz, { contentEncoding: "gzip" }), 1e6)).status).toBe(202);
    expect((await stored(project.id)).length).toBe(1);
  });

  it("stores what Umami's script sends for the project with that website id, with Umami's own visitor id and identify", async () => {
    const { project } = await claimed("umami@example.nl", { plausibleDomain: "", umamiWebsiteId: WEBSITE.toUpperCase() });
    const base = `"website":"${WEBSITE}","screen":"390x844","language":"nl-NL","title":"Reserveren","hostname":"bakkerij-jansen.nl"`;
    const bodies = [
      `{"type":"event","payload":{${base},"url":"https://bakkerij-jansen.nl/reserveren?utm_source=instagram","referrer":"https://l.instagram.com/","vid":"${VID}"}}`,
      `{"type":"event","payload":{${base},"url":"https://bakkerij-jansen.nl/reserveren","referrer":"","vid":"${VID}","name":"reservation","data":{"guests":4}}}`,
      `{"type":"identify","payload":{${base},"url":"https://bakkerij-jansen.nl/account","referrer":"","id":"klant-42","vid":"${VID}","data":{"plan":"pro"}}}`,
    ];
    for (const body of bodies) expect((await ingestUmami(getDb(), req(body, { userAgent: IPHONE }), 1e6)).status).toBe(200);
    const rows = await stored(project.id);
    expect(rows.map((r) => [r.name, r.path, r.utmSource, r.device])).toEqual([
      ["pageview", "/reserveren", "instagram", "mobile"],
      ["reservation", "/reserveren", null, "mobile"],
      ["identify", "/account", null, "mobile"],
    ]);
    // identify ties the visitor to the user: every event of the visitor now counts for klant-42.
    expect(new Set(rows.map((r) => r.personId))).toEqual(new Set(["klant-42"]));
    expect(rows[0].anonymousId).toBe(`umami-${VID}`);

    const unknown = await ingestUmami(getDb(), req(`{"type":"event","payload":{"website":"${crypto.randomUUID()}","url":"/"}}`), 1e6);
    expect(unknown.status).toBe(404);
    const bad = await ingestUmami(getDb(), req('{"type":"event","payload":{"website":"abc"}}'), 1e6);
    expect([bad.status, (bad.body.error as { message: string }).message]).toEqual([400, "payload.website must be the website id (a UUID)"]);
  });

  it("refuses, counts and does not store what another site's page sends when the project lists its allowed origins", async () => {
    const { project, scope } = await claimed("origins@example.nl", {
      plausibleDomain: "eigen.nl",
      umamiWebsiteId: WEBSITE.replace("5d2f", "7f4b"),
    });
    await setAllowedOrigins(scope, { origins: ["https://eigen.nl"], acceptWithoutOrigin: false });
    const body = '{"n":"pageview","u":"https://eigen.nl/","d":"eigen.nl","r":null}';
    const umamiBody = `{"type":"event","payload":{"website":"${WEBSITE.replace("5d2f", "7f4b")}","url":"https://eigen.nl/"}}`;
    expect((await ingestPlausible(getDb(), req(body, { origin: "https://eigen.nl" }), 1e6)).status).toBe(202);
    const evil = await ingestPlausible(getDb(), req(body, { origin: "https://kwaad.example" }), 1e6);
    expect([evil.status, (evil.body.error as { code: string }).code]).toEqual([403, "origin_not_allowed"]);
    expect((await ingestUmami(getDb(), req(umamiBody, { origin: "https://kwaad.example" }), 1e6)).status).toBe(403);
    expect((await ingestUmami(getDb(), req(umamiBody, { origin: null }), 1e6)).status).toBe(403);
    expect((await stored(project.id)).length).toBe(1);
    expect((await originRefusals(scope)).refused).toBe(3);
  });

  it("gives each domain and website id to one project only, and lets only admins claim them", async () => {
    const first = await claimed("claim-1@example.nl", { plausibleDomain: "gedeeld.nl", umamiWebsiteId: WEBSITE.replace("5d2f", "6e3a") });
    const second = await ownerWithProject(getDb(), "claim-2@example.nl");
    await expect(setDropInClaims(second.scope, { plausibleDomain: "gedeeld.nl", umamiWebsiteId: null })).rejects.toMatchObject({
      field: "plausibleDomain",
      status: 409,
    });
    await expect(
      setDropInClaims(second.scope, { plausibleDomain: null, umamiWebsiteId: WEBSITE.replace("5d2f", "6e3a") }),
    ).rejects.toBeInstanceOf(InputError);
    const viewer = await viewerOf(getDb(), first.scope, "claim-viewer@example.nl");
    await expect(setDropInClaims(viewer, { plausibleDomain: "ander.nl", umamiWebsiteId: null })).rejects.toBeInstanceOf(AccessError);
    expect(dropInClaimsSchema.safeParse({ plausibleDomain: "https://www.Shop.nl/pad", umamiWebsiteId: "" }).data).toEqual({
      plausibleDomain: "shop.nl",
      umamiWebsiteId: null,
    });
    expect(dropInClaimsSchema.safeParse({ plausibleDomain: "geen domein", umamiWebsiteId: "" }).success).toBe(false);
    expect(dropInClaimsSchema.safeParse({ plausibleDomain: "", umamiWebsiteId: "123" }).success).toBe(false);
    // Released, it can be claimed by another project.
    await setDropInClaims(first.scope, { plausibleDomain: null, umamiWebsiteId: null });
    await setDropInClaims(second.scope, { plausibleDomain: "gedeeld.nl", umamiWebsiteId: null });
    const owners = await getDb().select({ id: projects.id }).from(projects).where(eq(projects.plausibleDomain, "gedeeld.nl"));
    expect(owners).toEqual([{ id: second.project.id }]);
  });

  it("keeps one salt per day for every process and forgets the days before yesterday", async () => {
    const day = (d: string) => new Date(`${d}T12:00:00Z`);
    const a = await visitorSalt(getDb(), day("2026-11-01"));
    expect(await visitorSalt(getDb(), day("2026-11-01"))).toEqual(a);
    await visitorSalt(getDb(), day("2026-11-02"));
    const c = await visitorSalt(getDb(), day("2026-11-03"));
    expect(c).not.toEqual(a);
    const days = await getDb()
      .select({ day: visitorSalts.day })
      .from(visitorSalts)
      .where(and(sql`${visitorSalts.day} >= '2026-11-01'`, sql`${visitorSalts.day} <= '2026-11-03'`));
    expect(days.map((d) => String(d.day)).sort()).toEqual(["2026-11-02", "2026-11-03"]);
  });
});
