import { isOneOf } from "../one-of";
import type { StepResult } from "./rates";
import type { Interval } from "../stats/wilson";
import type { FunnelCosts } from "../spend/costs";
import type { TrendPoint, TrendUnit } from "./periods";
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

/** The operators of a step condition (DESIGN.md, "Funnel definitions": their exact meaning is normative). */
export const CONDITION_OPERATORS = [
  "is",
  "is_not",
  "in",
  "contains",
  "not_contains",
  "starts_with",
  "gt",
  "gte",
  "lt",
  "lte",
  "exists",
  "not_exists",
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];
/** One condition on an event's property; `value` is a list for `in`, absent for `exists`/`not_exists`. */
export type StepCondition = { property: string; operator: ConditionOperator; value?: PropertyValue | PropertyValue[] };

/**
 * What a funnel step (or an exclusion) matches: one event name or any of several, optionally a path
 * pattern, property equalities (`where`) and conditions with operators (all must hold).
 */
export type FunnelStepMatch = {
  event: string | string[];
  path?: string;
  where?: Record<string, PropertyValue>;
  conditions?: StepCondition[];
};

/** A funnel step: `optional` steps may be skipped (never the first or last); `within` (seconds, steps 2 and on) bounds the time since the chain's previous event. */
export type FunnelStepDefinition = FunnelStepMatch & { label?: string; optional?: boolean; within?: number };

/** Today's step (one event name, equalities): becomes FunnelStepDefinition when the engine takes the definitions (issue #16). */
export type FunnelStep = FunnelStepDefinition;

/** "Did not … between step a and step b" (1-based, a < b, neither optional). */
export type FunnelExclusion = FunnelStepMatch & { between: [number, number] };

/** `ordered` (default): in this order; `strict`: in this order, nothing in between; `any`: in any order. */
export const FUNNEL_ORDERS = ["ordered", "strict", "any"] as const;
export type FunnelOrder = (typeof FUNNEL_ORDERS)[number];

/**
 * Everything of a funnel definition beyond its steps and window (DESIGN.md, "Funnel definitions").
 * All optional: a definition without them means what it always meant.
 */
export type FunnelRules = {
  order?: FunnelOrder;
  exclusions?: FunnelExclusion[];
  /** fields whose value must be the same at every chain event: `prop:<name>` or a segment field */
  hold?: SegmentField[];
  /** the steps of the time-to-convert distribution (required steps, from < to; default 1 and the last) */
  timeToConvert?: { from: number; to: number };
};

export const MAX_EXCLUSIONS = 5;
export const MAX_HOLD = 3;
export const MAX_STEP_CONDITIONS = 10;

/** The fixed bins of the time-to-convert distribution, in seconds ([from, to); the last is open). */
export const TIME_TO_CONVERT_BINS: readonly (readonly [number, number | null])[] = [
  [0, 60],
  [60, 300],
  [300, 900],
  [900, 3600],
  [3600, 4 * 3600],
  [4 * 3600, 86400],
  [86400, 3 * 86400],
  [3 * 86400, 7 * 86400],
  [7 * 86400, 14 * 86400],
  [14 * 86400, 30 * 86400],
  [30 * 86400, null],
];

/** The `timeToConvert` block of an answer (seconds). */
export type TimeToConvert = {
  fromStep: number;
  toStep: number;
  visitors: number;
  bins: { fromSeconds: number; toSeconds: number | null; visitors: number }[];
  percentiles: { p25: number | null; p50: number | null; p75: number | null; p90: number | null };
};

/** An answer computed on a deterministic sample of people (by a hash of the person): `share` is the sampled fraction (0–1). */
export type FunnelEstimate = { share: number };

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

/** A custom property field: `prop:<name>`, the name 1 to 100 letters, digits, _ . or -. */
const PROP_FIELD = /^prop:[\w.-]{1,100}$/;
export const isBuiltinSegmentField = (f: string): f is BuiltinSegmentField => isOneOf(SEGMENT_FIELDS, f);
export const isPropField = (f: string): f is `prop:${string}` => PROP_FIELD.test(f);
/** Whether `f` names a segment field: a built-in one, or `prop:<name>` when props are allowed. The one check (URL parser, query bodies, share links, SQL). */
export function isSegmentField(f: string, allowProps = true): f is SegmentField {
  return isBuiltinSegmentField(f) || (allowProps && isPropField(f));
}

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
/** 30 once the engine and facts take it (issue #16); 10 until then. */
export const MAX_STEPS = 30;
export const DEFAULT_WINDOW_SECONDS = 7 * 24 * 3600;
export const MAX_WINDOW_SECONDS = 90 * 24 * 3600;

/** A funnel's steps with their rates and the overall conversion (a breakdown's series have the same shape). */
export type FunnelSeries = { steps: StepResult[]; overall: { rate: number | null; interval: Interval } };

/** Conversion per period of a range (lib/funnel/periods.ts). */
export type FunnelTrend = { unit: TrendUnit; points: TrendPoint[] };

/** What a funnel report answers (db/queries/funnel/funnelResults computes it; the dashboard draws it). */
export type FunnelResults = FunnelSeries & {
  range: { from: string; to: string };
  /** per value: its steps and, when the engine gives it, its own trend (one line per value) */
  breakdown?: {
    field: SegmentField;
    series: ({ value: string | null; other: boolean; costs?: FunnelCosts; trend?: FunnelTrend } & FunnelSeries)[];
  };
  trend: FunnelTrend;
  /** the period before (same length); its `trend`, when present, is drawn as a second series (the dashboard asks for it otherwise) */
  previous?: FunnelSeries & { range: { from: string; to: string }; trend: FunnelTrend };
  /** the distribution of time to convert between two steps (issue #16) */
  timeToConvert?: TimeToConvert;
  /** present when this answer is an estimate from a sample of people; the exact one replaces it */
  estimate?: FunnelEstimate;
};

/** One person of a drop-off audience (db/queries/funnel/dropOffAudience reads them; lib/funnel/audience-export writes them). */
export type AudienceMember = {
  personId: string;
  /** the user id when the person was identified (then it is also the person id), else null */
  userId: string | null;
  /** the anonymous ids linked to the person (identify/alias; an alias's earlier id too), or the person id itself when anonymous */
  anonymousIds: string[];
  traits: Record<string, unknown>;
  /** utm_source of the person's first entry event in the range */
  entrySource: string | null;
  entryTime: Date;
  /** the person's latest event in the project, any name, any time */
  lastSeen: Date | null;
};
