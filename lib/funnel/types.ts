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
export const MAX_STEPS = 10;
export const DEFAULT_WINDOW_SECONDS = 7 * 24 * 3600;
export const MAX_WINDOW_SECONDS = 90 * 24 * 3600;

/** A funnel's steps with their rates and the overall conversion (a breakdown's series have the same shape). */
export type FunnelSeries = { steps: StepResult[]; overall: { rate: number | null; interval: Interval } };

/** What a funnel report answers (db/queries/funnel/funnelResults computes it; the dashboard draws it). */
export type FunnelResults = FunnelSeries & {
  range: { from: string; to: string };
  breakdown?: { field: SegmentField; series: ({ value: string | null; other: boolean; costs?: FunnelCosts } & FunnelSeries)[] };
  trend: { unit: TrendUnit; points: TrendPoint[] };
  previous?: FunnelSeries & { range: { from: string; to: string } };
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
