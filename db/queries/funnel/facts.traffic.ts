import { insertEvents, type EventInput } from "../../events/insert";
import { zonedMidnight } from "../../../lib/funnel/ranges";
import type { ProjectScope } from "../../tenant";
import type { FunnelStep } from "../../../lib/funnel/types";
import type { StepCountsRow } from "./engine";

/** Random traffic for the facts tests (facts.test.ts, facts.rules.test.ts): facts against the engine on it. */

/** A small deterministic PRNG, so a failing case can be replayed. */
export function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TZ = "Europe/Amsterdam";
const DAY0 = { y: 2026, m: 3, d: 20 }; // spans the switch to summer time on 29 March
export const day = (n: number) => zonedMidnight(DAY0.y, DAY0.m, DAY0.d + n, TZ);
export const STEPS: FunnelStep[] = [
  { event: "pageview" },
  { event: "pageview", path: "/p/*" },
  { event: "cart" },
  { event: "buy", where: { paid: true } },
];
export const DEF = { steps: STEPS, windowSeconds: 2 * 86400 };

/** The sources a visit comes from (null: none). */
export const TRAFFIC_SOURCES = ["google", "newsletter", null, "facebook"];

let messages = 0;
/**
 * Random visitors over 20 days: page views (some on product pages, some with a plan), carts and
 * purchases (some unpaid), from several sources and devices, in bursts so that ties, windows and
 * several attempts occur; some identify (identify calls between other events, which are no events
 * for strict order) to a user id that another visitor also becomes (identity merging).
 */
export function randomEvents(rand: () => number, people: number, prefix: string, days = 20): EventInput[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const out: EventInput[] = [];
  for (let p = 0; p < people; p++) {
    const anon = `${prefix}${p}`;
    const user = rand() < 0.2 ? `user${Math.floor((rand() * people) / 3)}` : null;
    const visits = 1 + Math.floor(rand() * 4);
    for (let v = 0; v < visits; v++) {
      let t = day(0).getTime() + Math.floor(rand() * days * 86400_000);
      const source = pick(TRAFFIC_SOURCES);
      const device = pick(["mobile", "desktop"]);
      const country = pick(["NL", "BE", null]);
      // Fields that vary per visit independently of each other, so that a person's rows share some
      // values and not others (what the facts' per-field "only row" bits are about).
      const medium = pick(["cpc", "email", null]);
      const browser = pick(["Chrome", "Safari"]);
      const n = 1 + Math.floor(rand() * 7);
      for (let i = 0; i < n; i++) {
        t += pick([0, 0, 1000, 60_000, 3600_000, 30 * 3600_000]);
        const r = rand();
        const name = user && r < 0.05 ? "identify" : r < 0.6 ? "pageview" : r < 0.8 ? "cart" : r < 0.95 ? "buy" : "other";
        const properties =
          name === "buy" ? { paid: rand() < 0.8 } : name === "pageview" && rand() < 0.7 ? { plan: pick(["free", "pro"]) } : {};
        out.push({
          anonymousId: anon,
          userId: user && (name === "identify" || rand() < 0.5) ? user : null,
          time: new Date(t),
          name,
          path: name === "pageview" ? pick(["/", "/p/1", "/p/2", "/about"]) : null,
          properties,
          source,
          medium,
          browser,
          device,
          country,
          ageGroup: user && rand() < 0.3 ? pick(["25-34", "35-44"]) : null,
          messageId: `fx${messages++}`,
        });
      }
    }
  }
  return out.sort(() => rand() - 0.5);
}

export async function insertInBatches(scope: ProjectScope, events: EventInput[]) {
  for (let i = 0; i < events.length; i += 37) await insertEvents(scope.db, scope.projectId, events.slice(i, i + 37));
}

export const sorted = (rows: StepCountsRow[]) => [...rows].sort((a, b) => a.group.localeCompare(b.group) || a.step - b.step);
