import type { FunnelExclusion, FunnelOrder, FunnelRules, FunnelStepDefinition, PropertyValue, SegmentField, StepCondition } from "./types";
import type { WalkDefinition } from "./walk";

/** A step as the engine takes it: names always a list, conditions always a list, within in ms (null: none). */
export type NormalizedStep = {
  event: string[];
  path?: string;
  where?: Record<string, PropertyValue>;
  conditions: StepCondition[];
  label?: string;
  optional: boolean;
  withinMs: number | null;
};

/** An exclusion as the engine takes it: bit x of WalkEvent.excl is exclusion x. */
export type NormalizedExclusion = {
  event: string[];
  path?: string;
  where?: Record<string, PropertyValue>;
  conditions: StepCondition[];
  between: [number, number];
};

export type NormalizedDefinition = {
  steps: NormalizedStep[];
  windowMs: number;
  order: FunnelOrder;
  exclusions: NormalizedExclusion[];
  hold: SegmentField[];
  /** the steps of the timeToConvert block (default 1 and the last step) */
  timeToConvert: { from: number; to: number };
};

/** What normalizeDefinition takes: a parsed definition (saved: windowSeconds; query body: window). */
export type DefinitionInput = { steps: FunnelStepDefinition[]; window?: number; windowSeconds?: number } & FunnelRules;

const names = (event: string | string[]) => (typeof event === "string" ? [event] : [...new Set(event)]);

function matcher(m: FunnelStepDefinition | FunnelExclusion) {
  return {
    event: names(m.event),
    ...(m.path ? { path: m.path } : {}),
    ...(m.where && Object.keys(m.where).length ? { where: m.where } : {}),
    conditions: m.conditions ?? [],
  };
}

/**
 * A parsed definition (funnelDefinitionFullSchema, funnelDefinitionQueryBodySchema) with every default
 * applied: the one shape the engine, the facts and the walk read. A definition that uses none of the new
 * fields comes out as the ordered funnel it always was.
 */
export function normalizeDefinition(d: DefinitionInput): NormalizedDefinition {
  const windowSeconds = d.window ?? d.windowSeconds;
  if (windowSeconds === undefined) throw new Error("normalizeDefinition: a definition has a window");
  return {
    steps: d.steps.map((s) => ({
      ...matcher(s),
      ...(s.label ? { label: s.label } : {}),
      optional: s.optional === true,
      withinMs: s.within === undefined ? null : s.within * 1000,
    })),
    windowMs: windowSeconds * 1000,
    order: d.order ?? "ordered",
    exclusions: (d.exclusions ?? []).map((x) => ({ ...matcher(x), between: [x.between[0], x.between[1]] })),
    hold: [...new Set(d.hold ?? [])],
    timeToConvert: d.timeToConvert ?? { from: 1, to: d.steps.length },
  };
}

/** The walk's view of a normalized definition (bitmasks and ms). Make it once per query: the walk caches its tables per object. */
export function walkDefinitionOf(n: NormalizedDefinition): WalkDefinition {
  let optionalMask = 0;
  n.steps.forEach((s, j) => {
    if (s.optional) optionalMask |= 1 << j;
  });
  return {
    k: n.steps.length,
    windowMs: n.windowMs,
    order: n.order,
    optionalMask,
    withinMs: n.steps.map((s, j) => (j === 0 || s.withinMs === null ? Infinity : s.withinMs)),
    exclusions: n.exclusions.map((x) => x.between),
    hold: n.hold.length,
  };
}
