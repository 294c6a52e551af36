import type { FunnelStep } from "./funnel/types";
import type { StepResult } from "./funnel/rates";
import type { Interval } from "./stats/wilson";
import type { TrendPoint, TrendUnit } from "./funnel/periods";
import type { ConversionsOverview, GoalStat, SegmentRow, StageSummary } from "./conversions/types";

/**
 * What a share link's answers may carry: exactly the figures its page renders, built field by field
 * (never spread), so nothing the queries add later (spend, costs, ids) leaves the server by accident.
 */

type Series = { steps: StepResult[]; overall: { rate: number | null; interval: Interval } };
type FunnelResultsIn = Series & {
  range: { from: string; to: string };
  breakdown?: { field: string; series: ({ value: string | null; other: boolean } & Series)[] };
  trend: { unit: TrendUnit; points: TrendPoint[] };
  previous?: Series & { range: { from: string; to: string } };
};

const interval = (i: Interval): Interval => ({ rate: i.rate, low: i.low, high: i.high });
const range = (r: { from: string; to: string }) => ({ from: r.from, to: r.to });

const step = (s: StepResult): StepResult => ({
  visitors: s.visitors,
  conversionFromStart: s.conversionFromStart,
  conversionFromPrevious: s.conversionFromPrevious,
  dropOff: s.dropOff,
  dropped: s.dropped,
  intervalFromStart: interval(s.intervalFromStart),
  intervalFromPrevious: interval(s.intervalFromPrevious),
  medianSecondsFromStart: s.medianSecondsFromStart,
  medianSecondsFromPrevious: s.medianSecondsFromPrevious,
});

const series = (s: Series): Series => ({
  steps: s.steps.map(step),
  overall: { rate: s.overall.rate, interval: interval(s.overall.interval) },
});

/** A funnel's steps as the shared page labels them: no property conditions (`where`), which the page never shows. */
export function sharedSteps(steps: FunnelStep[]): FunnelStep[] {
  return steps.map((s) => ({ event: s.event, ...(s.path ? { path: s.path } : {}), ...(s.label ? { label: s.label } : {}) }));
}

/** The shared funnel report: its name, steps and window, and the results the page draws. */
export function sharedFunnelView(funnel: { name: string; steps: FunnelStep[]; windowSeconds: number }, r: FunnelResultsIn) {
  return {
    funnel: { name: funnel.name, steps: sharedSteps(funnel.steps), window: funnel.windowSeconds },
    ...series(r),
    range: range(r.range),
    trend: {
      unit: r.trend.unit,
      points: r.trend.points.map((p) => ({
        period: p.period,
        entered: p.entered,
        converted: p.converted,
        rate: p.rate,
        partial: p.partial,
      })),
    },
    ...(r.breakdown
      ? {
          breakdown: {
            field: r.breakdown.field,
            series: r.breakdown.series.map((s) => ({ value: s.value, other: s.other, ...series(s) })),
          },
        }
      : {}),
    ...(r.previous ? { previous: { ...series(r.previous), range: range(r.previous.range) } } : {}),
  };
}

/** A goal's previous period; all null where that period lies outside the link's. */
type SharedGoal = Omit<GoalStat, "revenueGoal" | "previous"> & {
  previous: { visitors: number | null; converted: number | null; rate: number | null };
};

export type SharedOverview = Omit<ConversionsOverview, "timeZone" | "previousRange" | "previousVisitors" | "goals" | "spend"> & {
  previousRange: { from: string; to: string } | null;
  previousVisitors: number | null;
  goals: SharedGoal[];
  spend: null;
};

/** KPIs a shared report leaves empty: customer lifetime value counts all time, not the link's period. */
const OUTSIDE_RANGE_KPIS = new Set(["customer_lifetime_value"]);

const segmentRow = (r: SegmentRow): SegmentRow => ({
  value: r.value,
  visitors: r.visitors,
  small: r.small,
  goals: r.goals.map((g) => ({ key: g.key, converted: g.converted, conversions: g.conversions, rate: interval(g.rate) })),
});

const stage = (s: StageSummary): StageSummary => ({
  stage: s.stage,
  visitors: s.visitors,
  share: s.share,
  kpis: s.kpis.map((k) => ({
    id: k.id,
    name: { en: k.name.en, nl: k.name.nl },
    unit: k.unit,
    value: OUTSIDE_RANGE_KPIS.has(k.id) ? null : k.value,
    ...(k.items && !OUTSIDE_RANGE_KPIS.has(k.id) ? { items: k.items.map((i) => ({ label: i.label, value: i.value })) } : {}),
  })),
});

/**
 * The shared conversions overview: no spend, no costs, only the segment tables asked for, and the
 * previous period's figures only when `previousInside` (else null, and the page says "no previous").
 */
export function sharedOverviewView(o: ConversionsOverview, previousInside: boolean): SharedOverview {
  return {
    range: range(o.range),
    previousRange: previousInside ? range(o.previousRange) : null,
    visitors: o.visitors,
    newVisitors: o.newVisitors,
    returningVisitors: o.returningVisitors,
    previousVisitors: previousInside ? o.previousVisitors : null,
    visitorsChange: previousInside ? o.visitorsChange : null,
    goals: o.goals.map((g) => ({
      key: g.key,
      name: g.name,
      kind: g.kind,
      match: { event: g.match.event, ...(g.match.path ? { path: g.match.path } : {}), ...(g.match.where ? { where: g.match.where } : {}) },
      converted: g.converted,
      conversions: g.conversions,
      rate: interval(g.rate),
      small: g.small,
      repeatConverters: g.repeatConverters,
      previous: previousInside
        ? { visitors: g.previous.visitors, converted: g.previous.converted, rate: g.previous.rate }
        : { visitors: null, converted: null, rate: null },
      change: previousInside ? g.change : null,
      revenue: g.revenue
        ? { total: g.revenue.total, averageOrderValue: g.revenue.averageOrderValue, perVisitor: g.revenue.perVisitor }
        : null,
      daily: g.daily.map((d) => ({ day: d.day, visitors: d.visitors, converted: d.converted, rate: d.rate })),
    })),
    benchmark: o.benchmark
      ? {
          goalKey: o.benchmark.goalKey,
          sector: o.benchmark.sector,
          rate: o.benchmark.rate,
          label: { en: o.benchmark.label.en, nl: o.benchmark.label.nl },
          quote: o.benchmark.quote,
          solidRange: o.benchmark.solidRange,
          solidRangeQuote: o.benchmark.solidRangeQuote,
          verdict: o.benchmark.verdict,
        }
      : null,
    whatIf: o.whatIf
      ? {
          goalKey: o.whatIf.goalKey,
          visitors: o.whatIf.visitors,
          currentRate: o.whatIf.currentRate,
          valuePerConversion: o.whatIf.valuePerConversion,
        }
      : null,
    stages: o.stages.map(stage),
    segments: Object.fromEntries(Object.entries(o.segments).map(([f, rows]) => [f, (rows ?? []).map(segmentRow)])),
    spend: null,
  };
}
