import { it, expect, beforeAll } from "vitest";
import { describeEachDb } from "../../../tests/db";
import { createAccount } from "../../accounts";
import { teamScopeForUser, type ProjectScope, type TeamScope } from "../../tenant";
import { createProject } from "../../projects";
import { insertEvents, type EventInput } from "../../events/insert";
import { createGoal } from "../../goals";
import { createFunnel } from "../../funnels";
import { createExperiment, experimentResult } from "../../experiments";
import { experimentReadoutCounts } from "./readout";
import { rng } from "../../demo/random";

const START = "2026-03-01";
const T0 = Date.parse(`${START}T00:00:00Z`);
const NOW = new Date(T0 + 20 * 86400_000);
const HOUR = 3600_000;

/** Visitors who each see one variant (a page view carrying properties.variant) and buy with the arm's true rate. */
function arms(seed: number, prefix: string, spec: Record<string, { visitors: number; rate: number }>): EventInput[] {
  const r = rng(seed);
  const out: EventInput[] = [];
  for (const [variant, { visitors, rate }] of Object.entries(spec)) {
    for (let i = 0; i < visitors; i++) {
      const person = `${prefix}-${variant}-${i}`;
      const t = T0 + r.int(0, 18 * 24) * HOUR;
      out.push({ anonymousId: person, time: new Date(t), name: "pageview", path: "/", properties: { variant }, messageId: `${person}-v` });
      if (r.chance(rate)) out.push({ anonymousId: person, time: new Date(t + 10 * 60_000), name: "purchase", messageId: `${person}-p` });
    }
  }
  return out;
}

describeEachDb("experiment readout", (db) => {
  let team: TeamScope;
  const project = async (name: string): Promise<ProjectScope> =>
    team.project((await createProject(team, { name, sector: "ecommerce" })).project.id);
  const experimentFor = async (scope: ProjectScope, patch: Record<string, unknown> = {}) => {
    const goal = await createGoal(scope, { name: "Bought", kind: "macro", match: { event: "purchase" } });
    return createExperiment(scope, {
      name: "Checkout",
      property: "variant",
      variants: ["control", "new"],
      controlVariant: "control",
      goalId: goal.id,
      startDate: START,
      minimumUplift: 0.3,
      ...patch,
    });
  };

  beforeAll(async () => {
    const { user } = await createAccount(db(), { name: "X", email: "experiments@example.nl", password: "long enough pw" });
    team = (await teamScopeForUser(db(), user.id))!;
  });

  it("finds a known true uplift (4 % → 6 %, +50 %) on 6,000 visitors per arm and names the winner", async () => {
    const scope = await project("Uplift");
    await insertEvents(
      db(),
      scope.projectId,
      arms(7, "u", { control: { visitors: 6000, rate: 0.04 }, new: { visitors: 6000, rate: 0.06 } }),
    );
    const { readout, unassigned } = await experimentResult(scope, await experimentFor(scope), NOW);
    const [control, variant] = readout!.variants;
    expect(control.visitors).toBe(6000);
    expect(variant.visitors).toBe(6000);
    expect(control.rate!).toBeGreaterThan(0.035);
    expect(control.rate!).toBeLessThan(0.045);
    expect(variant.significant).toBe(true);
    expect(variant.pValue!).toBeLessThan(0.05);
    expect(variant.upliftInterval!.low).toBeLessThan(0.5);
    expect(variant.upliftInterval!.high).toBeGreaterThan(0.5);
    expect(variant.upliftInterval!.low).toBeGreaterThan(0);
    expect(readout!.plannedPerVariant!).toBeLessThan(6000);
    expect(readout!.baselineSource).toBe("control");
    expect(readout!.verdict).toMatchObject({ code: "winner", variantId: "new" });
    expect(unassigned).toBe(0);
  });

  it("declares no winner in an A/A test (both arms convert at 5 %)", async () => {
    const scope = await project("A/A");
    await insertEvents(
      db(),
      scope.projectId,
      arms(11, "aa", { control: { visitors: 6000, rate: 0.05 }, new: { visitors: 6000, rate: 0.05 } }),
    );
    const { readout } = await experimentResult(scope, await experimentFor(scope), NOW);
    expect(readout!.progress).toBe(1);
    expect(readout!.variants[1].significant).toBe(false);
    expect(readout!.verdict.code).toBe("no_difference");
  });

  it("keeps collecting below the planned sample even when the difference already looks significant", async () => {
    const scope = await project("Peeking");
    await insertEvents(db(), scope.projectId, arms(3, "pk", { control: { visitors: 400, rate: 0.02 }, new: { visitors: 400, rate: 0.1 } }));
    const { readout } = await experimentResult(scope, await experimentFor(scope, { minimumUplift: 0.1 }), NOW);
    expect(readout!.variants[1].significant).toBe(true);
    expect(readout!.verdict.code).toBe("collecting");
    expect(readout!.progress).toBeGreaterThan(0);
    expect(readout!.progress).toBeLessThan(0.1);
  });

  it("plans from the goal's rate in the 28 days before the start when there was traffic then", async () => {
    const scope = await project("Baseline");
    const before = arms(5, "pre", { x: { visitors: 400, rate: 0.1 } }).map((e) => ({
      ...e,
      time: new Date(e.time.getTime() - 25 * 86400_000),
      properties: {},
    }));
    await insertEvents(db(), scope.projectId, [
      ...before,
      ...arms(6, "post", { control: { visitors: 200, rate: 0.03 }, new: { visitors: 200, rate: 0.03 } }),
    ]);
    const { readout } = await experimentResult(scope, await experimentFor(scope), NOW);
    expect(readout!.baselineSource).toBe("pre_experiment");
    expect(readout!.baselineRate!).toBeGreaterThan(0.06);
    expect(readout!.baselineRate!).toBeLessThan(0.14);
  });

  it("assigns by the first exposure since the start, ignores unknown variants and conversions before assignment", async () => {
    const scope = await project("Rules");
    const at = (h: number) => new Date(T0 + h * HOUR);
    let n = 0;
    const ev = (person: string, h: number, name: string, variant?: string): EventInput => ({
      anonymousId: person,
      time: at(h),
      name,
      properties: variant ? { variant } : {},
      messageId: `r${n++}`,
    });
    await insertEvents(db(), scope.projectId, [
      ev("a", 1, "pageview", "control"),
      ev("a", 2, "pageview", "new"),
      ev("a", 3, "purchase"), // control, converted; the later "new" does not move a
      ev("b", -5, "purchase"),
      ev("b", 1, "pageview", "new"), // new, bought only before the start
      ev("c", 1, "purchase"),
      ev("c", 2, "pageview", "new"), // new, bought before being exposed
      ev("d", 1, "pageview", "weird"),
      ev("d", 2, "purchase"), // unassigned
      ev("e", -3, "pageview", "control"),
      ev("e", 1, "purchase"), // exposed only before the start: not in the test
      ev("f", 4, "purchase", "new"), // the exposure is the purchase itself
    ]);
    const q = {
      property: "variant",
      source: "event" as const,
      variants: ["control", "new"],
      from: new Date(T0),
      to: NOW,
      conversion: { kind: "goal" as const, match: { event: "purchase" } },
    };
    expect(await experimentReadoutCounts(scope, q)).toEqual({
      counts: [
        { variant: "control", visitors: 1, converted: 1 },
        { variant: "new", visitors: 3, converted: 1 },
      ],
      unassigned: 1,
    });
    // Before "now": a conversion after `to` does not count yet.
    const early = await experimentReadoutCounts(scope, { ...q, to: at(2.5) });
    expect(early.counts).toEqual([
      { variant: "control", visitors: 1, converted: 0 },
      { variant: "new", visitors: 2, converted: 0 },
    ]);
  });

  it("reads the variant from identify traits, and judges by a funnel's steps in order after assignment", async () => {
    const scope = await project("Traits");
    const at = (h: number) => new Date(T0 + h * HOUR);
    let n = 0;
    const ev = (person: string, h: number, name: string, extra: Partial<EventInput> = {}): EventInput => ({
      anonymousId: person,
      time: at(h),
      name,
      messageId: `t${n++}`,
      ...extra,
    });
    await insertEvents(db(), scope.projectId, [
      ev("g", 1, "identify", { userId: "g", traits: { plan_test: "b" } }),
      ev("g", 2, "add_to_cart", { userId: "g" }),
      ev("g", 3, "purchase", { userId: "g" }),
      ev("h", 1, "identify", { userId: "h", traits: { plan_test: "a" } }),
      ev("h", 2, "purchase", { userId: "h" }),
      ev("h", 3, "add_to_cart", { userId: "h" }),
      ev("i", 1, "identify", { userId: "i", traits: { plan_test: "a" } }),
      ev("i", 2, "add_to_cart", { userId: "i" }),
      ev("i", 3, "purchase", { userId: "i" }),
      ev("j", 1, "pageview"),
      ev("j", 2, "add_to_cart"),
      ev("j", 3, "purchase"), // no trait: not in the test
      ev("k", 1, "identify", { userId: "k", traits: { plan_test: "zzz" } }),
    ]);
    const base = { property: "plan_test", source: "trait" as const, variants: ["a", "b"], from: new Date(T0), to: NOW };
    const goal = await experimentReadoutCounts(scope, { ...base, conversion: { kind: "goal", match: { event: "purchase" } } });
    expect(goal).toEqual({
      counts: [
        { variant: "a", visitors: 2, converted: 2 },
        { variant: "b", visitors: 1, converted: 1 },
      ],
      unassigned: 1,
    });
    const steps = [{ event: "add_to_cart" }, { event: "purchase" }];
    // h bought before adding to the cart: the funnel is not reached in order.
    const funnel = await experimentReadoutCounts(scope, { ...base, conversion: { kind: "funnel", steps, windowSeconds: 86400 } });
    expect(funnel.counts).toEqual([
      { variant: "a", visitors: 2, converted: 1 },
      { variant: "b", visitors: 1, converted: 1 },
    ]);
    // A window shorter than the hour between the steps: nobody converts.
    const tight = await experimentReadoutCounts(scope, { ...base, conversion: { kind: "funnel", steps, windowSeconds: 60 } });
    expect(tight.counts.map((c) => c.converted)).toEqual([0, 0]);
    // The same through a saved funnel and experiment row.
    const f = await createFunnel(scope, { name: "Cart to order", steps, windowSeconds: 86400 });
    const exp = await createExperiment(scope, {
      name: "Plan test",
      property: "plan_test",
      source: "trait",
      variants: ["a", "b"],
      controlVariant: "a",
      funnelId: f.id,
      startDate: START,
      minimumUplift: 0.1,
    });
    const { readout } = await experimentResult(scope, exp, NOW);
    expect(readout!.variants.map((v) => [v.visitors, v.converted])).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(readout!.verdict.code).toBe("collecting");
  });
});
