import type { FunnelStage, GoalKind, SegmentField, StepMatch } from "../funnel/types";
import type { Localized } from "../templates/types";
import type { BenchmarkVerdict } from "../stats/wilson";
import type { Sector } from "../sectors";
import type { SpendCosts } from "../spend/costs";

/** A goal as the overview counts it: a saved goal, or one defined ad hoc in a query. */
export type OverviewGoalDef = { key: string; name: string; kind: GoalKind; match: StepMatch; revenue: boolean };

export type RateWithInterval = { rate: number | null; low: number; high: number };

export type GoalStat = {
  key: string;
  name: string;
  kind: GoalKind;
  match: StepMatch;
  /** a revenue goal: its events carry an amount */
  revenueGoal: boolean;
  /** unique visitors who converted at least once */
  converted: number;
  /** every matching event (a visitor who buys twice counts twice here, once above) */
  conversions: number;
  /** converted / visitors with its 95 % Wilson interval */
  rate: RateWithInterval;
  /** under MIN_VISITORS_FOR_RATE visitors: shown, but too few to judge */
  small: boolean;
  /** visitors who converted more than once in the range */
  repeatConverters: number;
  previous: { visitors: number; converted: number; rate: number | null };
  /** relative change of the rate against the previous period (+0.25 = a quarter higher), null without a previous rate */
  change: number | null;
  revenue: { total: number; averageOrderValue: number | null; perVisitor: number | null } | null;
  daily: { day: string; visitors: number; converted: number; rate: number | null }[];
};

export type SegmentRow = {
  value: string;
  visitors: number;
  small: boolean;
  goals: { key: string; converted: number; conversions: number; rate: RateWithInterval }[];
  /** source, medium and campaign rows with ad spend in the range */
  costs?: SpendCosts;
};

/** The range's ad spend and what it bought, blended over all visitors; the goals the costs are measured by. */
export type SpendSummary = SpendCosts & { leadGoalKey: string | null; acquisitionGoalKey: string | null; revenueGoalKey: string | null };

export type KpiUnit = "count" | "rate" | "money" | "seconds";

export type StageKpiValue = {
  id: string;
  name: Localized;
  unit: KpiUnit;
  /** null: the data does not allow it (yet) */
  value: number | null;
  /** a short list behind the figure (micro goals, top sources) */
  items?: { label: string; value: number }[];
};

export type StageSummary = { stage: FunnelStage; visitors: number; share: number | null; kpis: StageKpiValue[] };

export type BenchmarkView = {
  goalKey: string;
  /** whose benchmark: picks the explanation the reader sees in their language (conversions.benchmark.explanation.<sector>) */
  sector: Sector;
  /** null when the articles give no figure for the sector */
  rate: number | null;
  label: Localized;
  quote: string | null;
  solidRange: [number, number] | null;
  solidRangeQuote: string | null;
  verdict: BenchmarkVerdict | null;
};

export type WhatIfView = {
  goalKey: string;
  visitors: number;
  currentRate: number;
  /** revenue per converted visitor (repeat orders included), when the goal has revenue: the current rate then gives today's revenue */
  valuePerConversion: number | null;
};

export type ConversionsOverview = {
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  timeZone: string;
  visitors: number;
  newVisitors: number;
  returningVisitors: number;
  previousVisitors: number;
  visitorsChange: number | null;
  goals: GoalStat[];
  benchmark: BenchmarkView | null;
  whatIf: WhatIfView | null;
  stages: StageSummary[];
  segments: Partial<Record<SegmentField, SegmentRow[]>>;
  /** null without ad spend in the range (or where spend is not shown, as on share links) */
  spend: SpendSummary | null;
};
