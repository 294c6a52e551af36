import { describe, it, expect } from "vitest";
import { walkGroups, walkPerson, type WalkDefinition, type WalkEvent } from "./walk";
import { referenceGroups, referenceWalk } from "./walk.reference";

/** mulberry32: a small seeded generator, so a failure names the seed that reproduces it. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Features = { orders: WalkDefinition["order"][]; optional: boolean; within: boolean; exclusions: boolean; hold: boolean };

function randomPerson(seed: number, f: Features, maxEvents = 8, maxK = 5): { def: WalkDefinition; events: WalkEvent[] } {
  const r = seeded(seed);
  const int = (n: number) => Math.floor(r() * n);
  const k = 2 + int(maxK - 1);
  const order = f.orders[int(f.orders.length)];
  let optionalMask = 0;
  const withinMs: number[] = [Infinity];
  const exclusions: [number, number][] = [];
  if (order !== "any") {
    if (f.optional) for (let j = 2; j < k; j++) if (r() < 0.35) optionalMask |= 1 << (j - 1);
    for (let j = 2; j <= k; j++) withinMs.push(f.within && r() < 0.35 ? 1 + int(4) : Infinity);
    const required = Array.from({ length: k }, (_, j) => j + 1).filter((s) => !(optionalMask & (1 << (s - 1))));
    if (f.exclusions)
      for (let x = int(3); x > 0; x--) {
        const a = int(required.length - 1);
        const b = a + 1 + int(required.length - 1 - a);
        exclusions.push([required[a], required[b]]);
      }
  }
  const hold = f.hold ? int(3) : 0;
  const def: WalkDefinition = { k, windowMs: 1 + int(8), order, optionalMask, withinMs, exclusions, hold };
  const n = int(maxEvents + 1);
  const events: WalkEvent[] = [];
  let t = 1000;
  for (let i = 0; i < n; i++) {
    t += int(3); // ties are frequent
    let steps = 0;
    for (let j = 0; j < k; j++) if (r() < 0.4) steps |= 1 << j;
    let excl = 0;
    for (let x = 0; x < exclusions.length; x++) if (r() < 0.25) excl |= 1 << x;
    const values = ["x", "y", null];
    events.push({
      t,
      steps,
      excl,
      entry: r() < 0.75,
      real: r() < 0.85,
      hold: Array.from({ length: hold }, () => values[r() < 0.8 ? int(2) : 2]),
      group: int(3),
    });
  }
  return { def, events };
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

function compare(count: number, f: Features, base: number, maxEvents = 8, maxK = 5) {
  for (let s = 0; s < count; s++) {
    const seed = base + s;
    const { def, events } = randomPerson(seed, f, maxEvents, maxK);
    const expected = referenceWalk(events, def).map(({ group: _g, ...rest }) => rest);
    const got = walkPerson(events, def).map(({ group: _g, ...rest }) => rest);
    expect(plain(got), `seed ${seed}: ${JSON.stringify({ def, events })}`).toEqual(plain(expected));
    expect(plain(walkGroups(events, def)), `seed ${seed} (groups): ${JSON.stringify({ def, events })}`).toEqual(
      plain(referenceGroups(events, def)),
    );
  }
}

describe("walkPerson against the brute-force reference (random people, seeded)", () => {
  const none = { optional: false, within: false, exclusions: false, hold: false };
  it("ordered, plain", () => compare(1500, { ...none, orders: ["ordered"] }, 1_000_000));
  it("ordered with optional steps", () => compare(1500, { ...none, orders: ["ordered"], optional: true }, 2_000_000));
  it("ordered with within", () => compare(1500, { ...none, orders: ["ordered"], within: true }, 3_000_000));
  it("ordered with exclusions", () => compare(1500, { ...none, orders: ["ordered"], exclusions: true }, 4_000_000));
  it("ordered with hold", () => compare(1500, { ...none, orders: ["ordered"], hold: true }, 5_000_000));
  it("strict, plain and with everything", () => {
    compare(1000, { ...none, orders: ["strict"] }, 6_000_000);
    compare(2000, { orders: ["strict"], optional: true, within: true, exclusions: true, hold: true }, 7_000_000);
  });
  it("any order, plain and with hold", () => {
    compare(1500, { ...none, orders: ["any"] }, 8_000_000);
    compare(1500, { ...none, orders: ["any"], hold: true }, 9_000_000);
  });
  it("every feature at once, every order", () =>
    compare(4000, { orders: ["ordered", "strict", "any"], optional: true, within: true, exclusions: true, hold: true }, 10_000_000));
  it("bigger people (up to 11 events, 6 steps), every feature", () =>
    compare(600, { orders: ["ordered", "strict", "any"], optional: true, within: true, exclusions: true, hold: true }, 11_000_000, 11, 6));
});

/** Max, OR and min of per-start results per group: what walkGroups must equal. */
function byGroup(starts: ReturnType<typeof walkPerson>) {
  const groups = new Map<number, { level: number; optionalMask: number; fastest: (number | null)[] }>();
  for (const s of starts) {
    const g = groups.get(s.group) ?? { level: 0, optionalMask: 0, fastest: s.fastest.map(() => null) };
    g.level = Math.max(g.level, s.level);
    g.optionalMask |= s.optionalMask;
    g.fastest = g.fastest.map((f, j) => (s.fastest[j] === null ? f : f === null ? s.fastest[j] : Math.min(f, s.fastest[j]!)));
    groups.set(s.group, g);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]);
}

describe("walkGroups equals the per-start results combined (people of up to 300 events, no reference)", () => {
  it("every feature, every order", () => {
    for (let s = 0; s < 300; s++) {
      const seed = 20_000_000 + s;
      const { def, events } = randomPerson(
        seed,
        { orders: ["ordered", "strict", "any"], optional: true, within: true, exclusions: true, hold: true },
        300,
        6,
      );
      const grouped = walkGroups(events, def)
        .map((g) => [g.group, { level: g.level, optionalMask: g.optionalMask, fastest: g.fastest }] as const)
        .sort((a, b) => a[0] - b[0]);
      expect(plain(grouped), `seed ${seed}`).toEqual(plain(byGroup(walkPerson(events, def))));
    }
  });
});
