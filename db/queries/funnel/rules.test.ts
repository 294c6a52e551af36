import { it, expect, beforeAll } from "vitest";
import { describeEachDb } from "../../../tests/db";
import { ownerWithProject } from "../../../tests/fixtures";
import { ingest } from "../../../server/ingest/handler";
import { WALK_CASES, CASE_T0, type CaseEvent } from "../../../lib/funnel/walk.cases";
import { funnelDefinitionQueryBodySchema } from "../../../lib/funnel/query";
import { funnelResults } from "./funnelResults";
import type { ProjectScope } from "../../tenant";

/**
 * The design's rules and edge cases (lib/funnel/walk.cases.ts, one person each, hand-computed
 * answers) through the whole path: real ingestion (the batch endpoint's handler), the engine's SQL
 * (names, paths, equalities and condition operators evaluated in the database), the walk, and the
 * answer's counts, optional counts, medians and time to convert. Each case lives in its own 20-day
 * slot of one project, so that the others' people never enter its range.
 */
const SLOT_MS = 20 * 86400_000;
const slotStart = (i: number) => CASE_T0 - i * SLOT_MS;

function message(e: CaseEvent, person: string, t0: number) {
  const common = { anonymousId: person, timestamp: new Date(t0 + e.at * 1000).toISOString() };
  const context = e.source ? { campaign: { source: e.source } } : undefined;
  if (e.type === "identify") return { ...common, type: "identify", userId: `user-${person}`, ...(context ? { context } : {}) };
  if (e.type === "page" || e.name === "pageview")
    return { ...common, type: "page", properties: { ...(e.properties ?? {}), path: e.path ?? "/" }, ...(context ? { context } : {}) };
  return { ...common, type: "track", event: e.name, properties: e.properties ?? {}, ...(context ? { context } : {}) };
}

describeEachDb("funnel rules through ingestion (walk.cases.ts)", (db) => {
  let scope: ProjectScope;
  beforeAll(async () => {
    const owner = await ownerWithProject(db(), "rules@engine.nl");
    scope = owner.scope;
    const batch = WALK_CASES.flatMap((c, i) => c.events.map((e) => message(e, `case-${i}`, slotStart(i))));
    // One batch per case keeps each case's receipt order (ties in time go by it).
    for (let i = 0; i < WALK_CASES.length; i++) {
      const items = batch.filter((m) => m.anonymousId === `case-${i}`);
      if (!items.length) continue;
      const body = Buffer.from(JSON.stringify({ batch: items }));
      const res = await ingest(
        db(),
        {
          kind: "batch",
          readBody: async () => body,
          contentEncoding: null,
          authorization: `Basic ${Buffer.from(`${owner.writeKey}:`).toString("base64")}`,
          userAgent: "rules-test",
          clientIp: null,
          origin: null,
          referer: null,
        },
        1_000_000,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect((res.body as { accepted: number }).accepted).toBe(items.length);
    }
  });

  it.each(WALK_CASES.map((c, i) => [c.name, c, i] as const))("%s", async (_, c, i) => {
    const t0 = slotStart(i);
    const [fromS, toS] = c.range ?? [0, 86400];
    const body = funnelDefinitionQueryBodySchema.parse({
      ...c.definition,
      from: new Date(t0 + fromS * 1000).toISOString(),
      to: new Date(t0 + toS * 1000).toISOString(),
    });
    const r = await funnelResults(scope, {
      steps: body.steps,
      windowSeconds: body.window,
      order: body.order,
      exclusions: body.exclusions,
      hold: body.hold,
      timeToConvert: body.timeToConvert,
      from: new Date(body.from),
      to: new Date(body.to),
    });
    const k = body.steps.length;
    expect(r.steps.map((s) => s.visitors)).toEqual(c.expected.counts);
    expect(r.steps.map((s) => s.optional === true)).toEqual(body.steps.map((s, j) => s.optional === true && j > 0 && j < k - 1));
    // One person: the median from the start is their fastest time to the step.
    expect(r.steps.slice(1).map((s) => s.medianSecondsFromStart)).toEqual(
      c.expected.fastest.slice(1).map((f, j) => (c.expected.counts[j + 1] ? f : null)),
    );
    const ttc = r.timeToConvert!;
    expect(ttc.visitors).toBe(c.expected.timeToConvert === null ? 0 : 1);
    expect(ttc.percentiles.p50).toBe(c.expected.timeToConvert);
    expect(ttc.bins).toHaveLength(11);
  });
});
