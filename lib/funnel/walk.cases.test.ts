import { describe, it, expect } from "vitest";
import { WALK_CASES, CASE_T0, type CaseEvent, type WalkCase } from "./walk.cases";
import { walkGroups, walkPerson, timeToConvertOf, type WalkEvent, type WalkStart } from "./walk";
import { referenceWalk } from "./walk.reference";
import { funnelDefinitionQueryBodySchema } from "./query";
import { normalizeDefinition, walkDefinitionOf } from "./normalize";
import { matchesStep } from "./conditions";

const iso = (s: number) => new Date(CASE_T0 + s * 1000).toISOString();

/** A held field's value on an event as the engine reads it: `prop:` as its JSON text (1 is not "1"), a segment field from its column. */
function heldValue(e: CaseEvent, field: string): string | null {
  if (field.startsWith("prop:")) {
    const v = e.properties?.[field.slice(5)];
    return v === undefined || v === null ? null : JSON.stringify(v);
  }
  return field === "source" ? (e.source ?? null) : null;
}

/** What the engine does for one person: match each event against the steps and exclusions, then walk. */
function personOf(c: WalkCase) {
  const [fromS, toS] = c.range ?? [0, 86400];
  const body = funnelDefinitionQueryBodySchema.parse({ ...c.definition, from: iso(fromS), to: iso(toS) });
  const norm = normalizeDefinition(body);
  const def = walkDefinitionOf(norm);
  const from = CASE_T0 + fromS * 1000;
  const to = CASE_T0 + toS * 1000;
  // sorted by (time, receipt order)
  const sorted = c.events.map((e, i) => ({ e, i })).sort((x, y) => x.e.at - y.e.at || x.i - y.i);
  const events: WalkEvent[] = sorted.map(({ e }) => {
    const t = CASE_T0 + e.at * 1000;
    const ev = { name: e.name, path: e.path ?? null, properties: e.properties ?? {} };
    let steps = 0;
    norm.steps.forEach((s, j) => {
      if (matchesStep(ev, s)) steps |= 1 << j;
    });
    let excl = 0;
    norm.exclusions.forEach((x, i) => {
      if (matchesStep(ev, x)) excl |= 1 << i;
    });
    return { t, steps, excl, entry: t >= from && t < to, real: e.type !== "identify", hold: norm.hold.map((f) => heldValue(e, f)) };
  });
  return { norm, def, events };
}

function answer(starts: WalkStart[], k: number, optional: boolean[], ttc: { from: number; to: number }) {
  const level = Math.max(0, ...starts.map((s) => s.level));
  const reached = starts.reduce((m, s) => m | s.optionalMask, 0);
  const counts = Array.from({ length: k }, (_, j) => (optional[j] ? (reached >> j) & 1 : level >= j + 1 ? 1 : 0));
  const fastest = Array.from({ length: k }, (_, j) => {
    const all = starts.map((s) => s.fastest[j]).filter((f): f is number => f !== null);
    return all.length ? Math.min(...all) / 1000 : null;
  });
  const t = level >= ttc.to ? timeToConvertOf(starts, ttc.from, ttc.to) : null;
  return { level, counts, fastest, timeToConvert: t === null ? null : t / 1000 };
}

describe("the design's rules and edge cases, one person each (walk.cases.ts)", () => {
  it.each(WALK_CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const { norm, def, events } = personOf(c);
    const optional = norm.steps.map((s) => s.optional);
    expect(answer(walkPerson(events, def), def.k, optional, norm.timeToConvert)).toEqual(c.expected);
    // the same through groups (one group) and through the brute-force reference
    expect(answer(walkGroups(events, def), def.k, optional, norm.timeToConvert)).toEqual(c.expected);
    expect(answer(referenceWalk(events, def), def.k, optional, norm.timeToConvert)).toEqual(c.expected);
  });
});
