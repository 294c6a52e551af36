/**
 * Test-only brute force of DESIGN.md "Funnel definitions", read literally: every chain (ordered, strict)
 * and every assignment (any order) is enumerated. Exponential; for people of a handful of events.
 * It shares nothing with walk.ts but the input types.
 */
import type { WalkDefinition, WalkEvent, WalkStart } from "./walk";

const matches = (e: WalkEvent, step: number) => (e.steps & (1 << (step - 1))) !== 0;
const isOptional = (def: WalkDefinition, step: number) => (def.optionalMask & (1 << (step - 1))) !== 0;
const withinOf = (def: WalkDefinition, step: number) => def.withinMs[step - 1] ?? Infinity;

/** The held values of an event as one key, or null when one is missing (or there is no hold: ""). */
function holdKey(e: WalkEvent, def: WalkDefinition): string | null {
  if (def.hold === 0) return "";
  const values = e.hold ?? [];
  const parts: string[] = [];
  for (let h = 0; h < def.hold; h++) {
    const v = values[h];
    if (v === null || v === undefined) return null;
    parts.push(v);
  }
  return JSON.stringify(parts);
}

type Chain = { idx: number[]; steps: number[] };

/** Every chain that starts at event s (ordered/strict), each checked against every rule. */
function chainsFrom(events: readonly WalkEvent[], def: WalkDefinition, s: number): Chain[] {
  const strict = def.order === "strict";
  const key = holdKey(events[s], def);
  const all: Chain[] = [];
  const grow = (chain: Chain) => {
    all.push({ idx: [...chain.idx], steps: [...chain.steps] });
    const lastIdx = chain.idx[chain.idx.length - 1];
    const lastStep = chain.steps[chain.steps.length - 1];
    for (let e = lastIdx + 1; e < events.length; e++) {
      const ev = events[e];
      if (strict) {
        // identify/alias/group calls are not events for "strict": the next event is the next real one
        if (!ev.real) continue;
      }
      for (let step = lastStep + 1; step <= def.k; step++) {
        // steps skipped between lastStep and step must all be optional
        let skippable = true;
        for (let m = lastStep + 1; m < step; m++) if (!isOptional(def, m)) skippable = false;
        if (!skippable) break;
        if (!matches(ev, step)) continue;
        if (holdKey(ev, def) !== key) continue;
        if (ev.t - events[s].t > def.windowMs) continue;
        if (ev.t - events[lastIdx].t > withinOf(def, step)) continue;
        let excluded = false;
        def.exclusions.forEach(([a, b], x) => {
          if (b !== step) return;
          const aAt = chain.steps.indexOf(a);
          if (aAt < 0) throw new Error("a chain containing step b lacks step a");
          for (let z = chain.idx[aAt] + 1; z < e; z++) if (events[z].excl & (1 << x)) excluded = true;
        });
        if (excluded) continue;
        chain.idx.push(e);
        chain.steps.push(step);
        grow(chain);
        chain.idx.pop();
        chain.steps.pop();
      }
      if (strict) break; // only the very next real event may follow
    }
  };
  grow({ idx: [s], steps: [1] });
  return all;
}

/** Max number of steps that can each get a different event of `pool` that matches it (all assignments). */
function bestAssignment(events: readonly WalkEvent[], pool: number[], k: number): number {
  const used = new Set<number>();
  const go = (step: number): number => {
    if (step > k) return 0;
    let best = go(step + 1);
    for (const e of pool)
      if (!used.has(e) && matches(events[e], step)) {
        used.add(e);
        best = Math.max(best, 1 + go(step + 1));
        used.delete(e);
      }
    return best;
  };
  return go(1);
}

/** The reference's per-start results, in the shape of walkPerson. */
export function referenceWalk(events: readonly WalkEvent[], def: WalkDefinition): WalkStart[] {
  const out: WalkStart[] = [];
  for (let s = 0; s < events.length; s++) {
    const ev = events[s];
    if (!ev.entry || holdKey(ev, def) === null) continue;
    if (def.order === "any") {
      if (ev.steps === 0) continue;
      const key = holdKey(ev, def);
      const pool: number[] = [];
      const fastest: (number | null)[] = new Array(def.k).fill(null);
      let level = 0;
      for (let e = s; e < events.length; e++) {
        if (events[e].t - ev.t > def.windowMs) break;
        if (holdKey(events[e], def) !== key) continue;
        pool.push(e);
        const size = bestAssignment(events, pool, def.k);
        for (let r = level + 1; r <= size; r++) fastest[r - 1] = events[e].t - ev.t;
        level = Math.max(level, size);
      }
      out.push({ index: s, group: ev.group ?? 0, level, optionalMask: 0, fastest });
      continue;
    }
    // strict constrains each chain event after the first: c1 itself may be any event, even an identify
    if (!matches(ev, 1)) continue;
    const chains = chainsFrom(events, def, s);
    const fastest: (number | null)[] = new Array(def.k).fill(null);
    let level = 0;
    let optionalMask = 0;
    for (const c of chains)
      c.steps.forEach((step, n) => {
        level = Math.max(level, step);
        if (isOptional(def, step)) optionalMask |= 1 << (step - 1);
        const d = events[c.idx[n]].t - ev.t;
        const had = fastest[step - 1];
        if (had === null || d < had) fastest[step - 1] = d;
      });
    out.push({ index: s, group: ev.group ?? 0, level, optionalMask, fastest });
  }
  return out;
}

/** The reference per group: max, min and OR over the group's starts. */
export function referenceGroups(events: readonly WalkEvent[], def: WalkDefinition): WalkStart[] {
  const byGroup = new Map<number, WalkStart>();
  for (const s of referenceWalk(events, def)) {
    const g = byGroup.get(s.group);
    if (!g) {
      byGroup.set(s.group, { ...s, fastest: [...s.fastest] });
      continue;
    }
    g.level = Math.max(g.level, s.level);
    g.optionalMask |= s.optionalMask;
    s.fastest.forEach((f, j) => {
      if (f !== null && (g.fastest[j] === null || f < g.fastest[j]!)) g.fastest[j] = f;
    });
  }
  return [...byGroup.values()].sort((a, b) => a.index - b.index);
}
