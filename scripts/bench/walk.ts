/**
 * npx tsx scripts/bench/walk.ts — what the per-person walk (lib/funnel/walk.ts) costs on its own, in
 * memory, at the funnel benchmark's size: 1 million people with 1–6 candidate events each (about 3.3
 * million rows, like the 30-day template funnel's candidates), for a 5-step funnel in each order and
 * with optional steps, within, an exclusion and hold; then pathological people (bots of 50,000 events).
 * Baseline in the same run: a pass that only copies the same events into the walk's typed arrays (the
 * floor of any walk). Data is generated before the clock starts; 3 rounds, median printed.
 */
import {
  walkColumns,
  walkColumnsInto,
  walkGroups,
  walkOutput,
  walkPerson,
  type WalkDefinition,
  type WalkEvent,
} from "../../lib/funnel/walk";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const DAY = 86400_000;

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

/** People as the engine would hand them over: events sorted, steps as bitmasks (a visitor tends to go step by step). */
function people(k: number, hold: number): WalkEvent[][] {
  const r = seeded(7);
  const out: WalkEvent[][] = [];
  for (let p = 0; p < PEOPLE; p++) {
    const n = 1 + Math.floor(r() * r() * 6);
    let t = Date.UTC(2026, 4, 1) + Math.floor(r() * 30 * DAY);
    let step = 0;
    const events: WalkEvent[] = [];
    for (let i = 0; i < n; i++) {
      if (r() < 0.6 && step < k - 1) step++;
      else if (r() < 0.3) step = 0;
      events.push({
        t,
        steps: 1 << step,
        excl: r() < 0.05 ? 1 : 0,
        entry: true,
        real: true,
        hold: hold ? [r() < 0.9 ? "google" : "facebook"] : undefined,
      });
      t += Math.floor(r() * r() * 2 * DAY);
    }
    out.push(events);
  }
  return out;
}

const def = (extra: Partial<WalkDefinition> = {}): WalkDefinition => ({
  k: 5,
  windowMs: 7 * DAY,
  order: "ordered",
  optionalMask: 0,
  withinMs: [Infinity, Infinity, Infinity, Infinity, Infinity],
  exclusions: [],
  hold: 0,
  ...extra,
});

function time(label: string, f: () => number, baseline?: number): number {
  const runs: number[] = [];
  let check = 0;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    check = f();
    runs.push(performance.now() - t0);
  }
  const median = runs.sort((a, b) => a - b)[1];
  const ratio = baseline ? `  ${(median / baseline).toFixed(2)}× the copy` : "";
  console.log(`${label.padEnd(58)} ${(median / 1000).toFixed(2).padStart(6)} s${ratio}   (levels ${check})`);
  return median;
}

const sumLevels =
  (ps: WalkEvent[][], d: WalkDefinition, groups = true) =>
  () => {
    let s = 0;
    for (const events of ps) for (const st of groups ? walkGroups(events, d) : walkPerson(events, d)) s += st.level;
    return s;
  };

function main() {
  const plain = people(5, 0);
  const held = people(5, 1);
  const rows = plain.reduce((s, p) => s + p.length, 0);
  console.log(`${PEOPLE.toLocaleString("en")} people, ${rows.toLocaleString("en")} events; node ${process.version}`);
  // the floor: the same objects read once into typed arrays
  const t = new Float64Array(64);
  const copy = time("copy events into typed arrays (floor)", () => {
    let s = 0;
    for (const events of plain) {
      for (let i = 0; i < events.length; i++) t[i] = events[i].t + events[i].steps;
      s += events.length;
    }
    return s;
  });
  const out = walkOutput();
  const ordered = def();
  time(
    "ordered, walkColumnsInto (the caller fills the columns)",
    () => {
      let s = 0;
      for (const events of plain) {
        const c = walkColumns(events.length);
        for (let i = 0; i < events.length; i++) {
          const e = events[i];
          c.t[i] = e.t;
          c.steps[i] = e.steps;
          c.excl[i] = e.excl;
          c.entry[i] = 1;
          c.real[i] = 1;
          c.group[i] = 0;
        }
        walkColumnsInto(c, ordered, out);
        for (let x = 0; x < out.count; x++) s += out.level[x];
      }
      return s;
    },
    copy,
  );
  time("ordered, walkGroups (one group)", sumLevels(plain, def()), copy);
  time("ordered, walkPerson (per start)", sumLevels(plain, def(), false), copy);
  time("strict", sumLevels(plain, def({ order: "strict" })), copy);
  time(
    "optional step 3, within 1 h on step 2",
    sumLevels(plain, def({ optionalMask: 0b00100, withinMs: [Infinity, 3600_000, Infinity, Infinity, Infinity] })),
    copy,
  );
  time("exclusion between 1 and 5", sumLevels(plain, def({ exclusions: [[1, 5]] })), copy);
  time("hold source", sumLevels(held, def({ hold: 1 })), copy);
  time("any order", sumLevels(plain, def({ order: "any" })), copy);

  // bots: 50,000 events in 5 days, all entries, every step matched by some event
  const r = seeded(11);
  const bot = (masks: number[]): WalkEvent[] =>
    Array.from({ length: 50_000 }, (_, i) => ({
      t: Date.UTC(2026, 4, 1) + i * 8640,
      steps: masks[Math.floor(r() * masks.length)],
      excl: 0,
      entry: true,
      real: true,
    }));
  const cycling = [bot([1, 2, 4, 8, 16])];
  time("bot of 50,000 events, ordered, walkGroups", sumLevels(cycling, def()));
  time("bot, within on every step, walkGroups", sumLevels(cycling, def({ withinMs: [Infinity, 60_000, 60_000, 60_000, 60_000] })));
  time(
    "bot, exclusion 1–5 (every 7th event), walkGroups",
    sumLevels([cycling[0].map((e, i) => ({ ...e, excl: i % 7 === 0 ? 1 : 0 }))], def({ exclusions: [[1, 5]] })),
  );
  time("bot, any order", sumLevels(cycling, def({ order: "any" })));
  const daily = [cycling[0].map((e) => ({ ...e, group: Math.floor(e.t / DAY) }))];
  time("bot, ordered, walkGroups, one group per day", sumLevels(daily, def()));
  time("bot of 5,000 events, ordered, walkPerson (per start)", sumLevels([cycling[0].slice(0, 5000)], def(), false));
  time("bot, any order, a step no event can fill", sumLevels([bot([1, 2, 3])], def({ order: "any", k: 5 })));
}

main();
