/** A value a step's property equality can compare with (properties are stored as jsonb). */
export type PropertyValue = string | number | boolean;

/**
 * One step of a funnel, or the event a goal counts: an event name, optionally a path pattern
 * (`*` matches any run of characters) and optionally property equalities (all must hold).
 */
export type StepMatch = {
  event: string;
  path?: string;
  where?: Record<string, PropertyValue>;
};

export type FunnelStep = StepMatch & { label?: string };

/** The fields a segment filter or a breakdown can name; `prop:<key>` names a custom property. */
export const SEGMENT_FIELDS = [
  "source",
  "medium",
  "campaign",
  "referrer",
  "device",
  "browser",
  "os",
  "country",
  "region",
  "age_group",
] as const;
export type BuiltinSegmentField = (typeof SEGMENT_FIELDS)[number];
export type SegmentField = BuiltinSegmentField | `prop:${string}`;

/** OR within a field, AND across fields. */
export type SegmentFilters = Partial<Record<SegmentField, string[]>>;

export const AGE_GROUPS = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const DEVICES = ["desktop", "mobile", "tablet"] as const;
export type Device = (typeof DEVICES)[number];

export const GOAL_KINDS = ["macro", "micro"] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

export const FUNNEL_STAGES = ["awareness", "interest", "decision", "action", "retention"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const MIN_STEPS = 2;
export const MAX_STEPS = 10;
export const DEFAULT_WINDOW_SECONDS = 7 * 24 * 3600;
export const MAX_WINDOW_SECONDS = 90 * 24 * 3600;
