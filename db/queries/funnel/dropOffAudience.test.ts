import { it, expect, beforeAll } from "vitest";
import { describeEachDb, alsoOnCitus } from "../../../tests/db";
import { createAccount } from "../../accounts";
import { teamScopeForUser, type ProjectScope } from "../../tenant";
import { createProject } from "../../projects";
import { insertEvents, type EventInput } from "../../events/insert";
import { generateDemoEvents } from "../../demo/generate";
import { TEMPLATES } from "../../../lib/templates";
import { funnelStepCounts } from "./engine";
import { dropOffAudience, type AudienceMember, type AudienceQuery } from "./dropOffAudience";
import type { FunnelStep } from "../../../lib/funnel/types";

alsoOnCitus();

const T0 = Date.parse("2026-03-02T10:00:00Z");
const min = (m: number) => new Date(T0 + m * 60_000);
const FROM = new Date(T0 - 86400_000);
const TO = new Date(T0 + 86400_000);
const HOUR = 3600;

let n = 0;
const ev = (anon: string, m: number, name: string, extra: Partial<EventInput> = {}): EventInput => ({
  anonymousId: anon,
  time: min(m),
  name,
  messageId: `a${n++}`,
  ...extra,
});
const steps = (...names: string[]): FunnelStep[] => names.map((event) => ({ event }));

async function all(gen: AsyncGenerator<AudienceMember[]>): Promise<AudienceMember[]> {
  const out: AudienceMember[] = [];
  for await (const page of gen) out.push(...page);
  return out;
}

describeEachDb("drop-off audience", (db) => {
  let counter = 0;
  async function project(events: EventInput[][]): Promise<ProjectScope> {
    const { user } = await createAccount(db(), { name: "F", email: `aud${counter++}@audience.nl`, password: "long enough pw" });
    const team = (await teamScopeForUser(db(), user.id))!;
    const { project } = await createProject(team, { name: "P", sector: "ecommerce" });
    const scope = await team.project(project.id);
    for (const batch of events) await insertEvents(db(), project.id, batch);
    return scope;
  }
  const audience = (scope: ProjectScope, q: Partial<AudienceQuery> & { step: number }, pageSize?: number) =>
    all(dropOffAudience(scope, { steps: steps("view", "cart", "buy"), windowSeconds: HOUR, from: FROM, to: TO, ...q }, { pageSize }));

  // The hand-computed fixture (funnel view → cart → buy, window 1 hour, range FROM..TO):
  //  a  anonymous, google: view, cart            → level 2
  //  b  anonymous, (no source): view             → level 1
  //  c  anonymous "c-anon", later identified as user "u-c" with traits; entered via newsletter,
  //     earlier anonymous view counts as u-c's     → level 1 (cart only after the window)
  //  d  view, cart, buy                           → level 3 (in no audience)
  //  e  view before the range, cart inside it     → not in the funnel
  //  f  anonymous, bing: view at minute 0, cart at exactly 60 minutes (the window's edge) → level 2
  //  g  user id only (server-side), facebook: view, cart at 61 minutes → level 1
  let fixture: ProjectScope;
  beforeAll(async () => {
    fixture = await project([
      [
        ev("a", 0, "view", { source: "google" }),
        ev("a", 5, "cart"),
        ev("a", 500, "pageview"),
        ev("b", 0, "view"),
        ev("c-anon", 1, "view", { source: "newsletter" }),
        ev("c-anon", 2, "view", { source: "=cmd" }),
        ev("d", 0, "view"),
        ev("d", 1, "cart"),
        ev("d", 2, "buy"),
        { anonymousId: "e", time: new Date(FROM.getTime() - 60_000), name: "view", messageId: `a${n++}` },
        ev("e", 1, "cart"),
        ev("f", 0, "view", { source: "bing" }),
        ev("f", 60, "cart"),
        { userId: "g-user", time: min(0), name: "view", source: "facebook", messageId: `a${n++}` },
        { userId: "g-user", time: min(61), name: "cart", messageId: `a${n++}` },
      ],
      // c identifies later: its earlier events become u-c's.
      [
        {
          anonymousId: "c-anon",
          userId: "u-c",
          time: min(30),
          name: "identify",
          traits: { email: "c@example.nl", plan: "pro" },
          messageId: `a${n++}`,
        },
        ev("c-anon", 90, "cart", { userId: "u-c" }),
      ],
    ]);
  });

  it("lists who reached each step but not the next, by person id", async () => {
    expect((await audience(fixture, { step: 1 })).map((m) => m.personId)).toEqual(["b", "g-user", "u-c"]);
    expect((await audience(fixture, { step: 2 })).map((m) => m.personId)).toEqual(["a", "f"]);
  });

  it("gives user id and anonymous ids, traits, entry source and time, and last seen", async () => {
    const step1 = await audience(fixture, { step: 1 });
    const byId = Object.fromEntries(step1.map((m) => [m.personId, m]));
    expect(byId["u-c"]).toMatchObject({
      userId: "u-c",
      anonymousIds: ["c-anon"],
      traits: { email: "c@example.nl", plan: "pro" },
      entrySource: "newsletter",
    });
    // The first entry event in range, not the later one.
    expect(byId["u-c"].entryTime.toISOString()).toBe(min(1).toISOString());
    expect(byId["u-c"].lastSeen?.toISOString()).toBe(min(90).toISOString());
    expect(byId["b"]).toMatchObject({ userId: null, anonymousIds: ["b"], traits: {}, entrySource: null });
    expect(byId["g-user"]).toMatchObject({ userId: "g-user", anonymousIds: [], entrySource: "facebook" });
    const a = (await audience(fixture, { step: 2 }))[0];
    // Last seen is any event of the person, here a page view long after the funnel.
    expect(a).toMatchObject({ personId: "a", userId: null, anonymousIds: ["a"], entrySource: "google" });
    expect(a.lastSeen?.toISOString()).toBe(min(500).toISOString());
    expect(a.entryTime.toISOString()).toBe(min(0).toISOString());
  });

  it("applies segment filters to the entry event and honours the window's edge", async () => {
    expect((await audience(fixture, { step: 2, filters: { source: ["bing"] } })).map((m) => m.personId)).toEqual(["f"]);
    const filtered = await audience(fixture, { step: 1, filters: { source: ["=cmd", "(none)"] } });
    expect(filtered.map((m) => m.personId)).toEqual(["b", "u-c"]);
    // u-c's first entry that passes the filter is the later one.
    expect(filtered[1].entrySource).toBe("=cmd");
    expect(filtered[1].entryTime.toISOString()).toBe(min(2).toISOString());
    // One second shorter than f's hour: f falls back to step 1.
    expect((await audience(fixture, { step: 1, windowSeconds: HOUR - 1 })).map((m) => m.personId)).toEqual(["b", "f", "g-user", "u-c"]);
  });

  it("refuses a step without a next step", async () => {
    await expect(audience(fixture, { step: 3 })).rejects.toThrow(/step must be a whole number from 1 to 2/);
    await expect(audience(fixture, { step: 0 })).rejects.toThrow(/step must be/);
    await expect(audience(fixture, { step: 1.5 })).rejects.toThrow(/step must be/);
  });

  it("pages across several pages without duplicates or gaps", async () => {
    const events = Array.from({ length: 23 }, (_, i) => [
      ev(`p${String(i).padStart(2, "0")}`, i, "view"),
      ...(i % 4 === 0 ? [ev(`p${String(i).padStart(2, "0")}`, i + 1, "cart")] : []),
    ]).flat();
    const s = await project([events]);
    const pages: string[][] = [];
    for await (const page of dropOffAudience(
      s,
      { steps: steps("view", "cart"), windowSeconds: HOUR, from: FROM, to: TO, step: 1 },
      { pageSize: 5 },
    ))
      pages.push(page.map((m) => m.personId));
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 2]);
    const expected = Array.from({ length: 23 }, (_, i) => i)
      .filter((i) => i % 4 !== 0)
      .map((i) => `p${String(i).padStart(2, "0")}`);
    expect(pages.flat()).toEqual(expected);
  });

  it("counts exactly visitors(k) − visitors(k+1) of funnelStepCounts on generated traffic", async () => {
    const end = new Date(Date.UTC(2026, 2, 1));
    const s = await project([...generateDemoEvents("ecommerce", { visitors: 1500, days: 30, seed: 7, end })]);
    const funnel: FunnelStep[] = TEMPLATES.ecommerce.funnel.steps.map(({ label: _label, ...match }) => match);
    const q = { steps: funnel, windowSeconds: 7 * 86400, from: new Date(end.getTime() - 20 * 86400_000), to: end };
    for (const filters of [{}, { device: ["mobile"] }]) {
      const counts = (await funnelStepCounts(s, { ...q, filters })).sort((x, y) => x.step - y.step).map((r) => r.visitors);
      expect(counts[0]).toBeGreaterThan(100);
      for (let k = 1; k < funnel.length; k++) {
        const people = await all(dropOffAudience(s, { ...q, filters, step: k }, { pageSize: 97 }));
        expect(people.length, `step ${k} ${JSON.stringify(filters)}`).toBe(counts[k - 1] - counts[k]);
        expect(new Set(people.map((p) => p.personId)).size).toBe(people.length);
      }
    }
  });
});
