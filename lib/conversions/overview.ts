import { wilsonInterval, isSmallSample, compareToBenchmark, MIN_VISITORS_FOR_RATE } from "../stats/wilson";
import { percentChange, rate } from "../stats/rates";
import type { SectorTemplate } from "../templates/types";
import { FUNNEL_STAGES, type FunnelStage, type SegmentField } from "../funnel/types";
import type { ConversionsOverview, GoalStat, OverviewGoalDef, RateWithInterval, SegmentRow } from "./types";
import { stageKpis, type StageFacts } from "./kpis";
import { costGoals, segmentKey, spendCosts } from "../spend/costs";
import type { SpendField } from "../spend/entry";

/** Raw counts for one population (the range, the previous period, a segment value). */
export type RawCounts = {
  visitors: number;
  newVisitors: number;
  bounced: number;
  goals: { converted: number; conversions: number; revenue: number | null; repeaters: number }[];
};

export type OverviewInput = {
  goals: OverviewGoalDef[];
  range: { from: Date; to: Date };
  previousRange: { from: Date; to: Date };
  timeZone: string;
  current: RawCounts | undefined;
  previous: RawCounts | undefined;
  /** visitors who fired any marker of each stage */
  stageVisitors: Record<FunnelStage, number>;
  daily: { day: string; visitors: number; converted: number[] }[];
  segments: Partial<Record<SegmentField, ({ group: string } & RawCounts)[]>>;
  template: SectorTemplate;
  facts: Omit<StageFacts, "visitors" | "newVisitors" | "bounced" | "stageVisitors" | "goals">;
  /** ad spend in the range per source/medium/campaign value ("" = none) and in total; `lead` is the lead goal's key */
  spend?: { total: number; bySegment: Partial<Record<SpendField, Map<string, number>>>; lead?: string | null };
};

export function rateWithInterval(successes: number, trials: number): RateWithInterval {
  const { rate, low, high } = wilsonInterval(successes, trials);
  return { rate, low, high };
}

const EMPTY = (goals: number): RawCounts => ({
  visitors: 0,
  newVisitors: 0,
  bounced: 0,
  goals: Array.from({ length: goals }, () => ({ converted: 0, conversions: 0, revenue: null, repeaters: 0 })),
});

/** The local calendar days (YYYY-MM-DD) a range covers in a time zone, in order. */
export function daysInRange(from: Date, to: Date, timeZone: string): string[] {
  const fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const days: string[] = [];
  // Every local day contains at least one of these instants (steps under 24 h cover DST days of 23 and 25 h).
  for (let t = from.getTime(); t < to.getTime(); t += 6 * 3600_000) {
    const d = fmt.format(new Date(t));
    if (days[days.length - 1] !== d) days.push(d);
  }
  return days;
}

/** Macro goals first, micro goals after, each group in the order given. */
export function orderGoals<T extends { kind: string }>(goals: T[]): T[] {
  return [...goals.filter((g) => g.kind === "macro"), ...goals.filter((g) => g.kind !== "macro")];
}

/**
 * Turns raw counts into the overview: the article's rate (converted unique visitors / unique
 * visitors) with its interval, change against the previous period, revenue figures, the daily
 * series, the benchmark verdict for the first macro goal, stage KPIs and segment tables.
 */
export function buildOverview(input: OverviewInput): ConversionsOverview {
  const n = input.goals.length;
  const cur = input.current ?? EMPTY(n);
  const prev = input.previous ?? EMPTY(n);
  const days = daysInRange(input.range.from, input.range.to, input.timeZone);
  const dailyByDay = new Map(input.daily.map((d) => [d.day, d]));

  const goals: GoalStat[] = input.goals.map((g, i) => {
    const c = cur.goals[i];
    const p = prev.goals[i];
    const r = rateWithInterval(c.converted, cur.visitors);
    const prevRate = rate(p.converted, prev.visitors);
    return {
      key: g.key,
      name: g.name,
      kind: g.kind,
      match: g.match,
      revenueGoal: g.revenue,
      converted: c.converted,
      conversions: c.conversions,
      rate: r,
      small: isSmallSample(cur.visitors),
      repeatConverters: c.repeaters,
      previous: { visitors: prev.visitors, converted: p.converted, rate: prevRate },
      change: percentChange(r.rate, prevRate),
      revenue: g.revenue
        ? { total: c.revenue ?? 0, averageOrderValue: rate(c.revenue ?? 0, c.conversions), perVisitor: rate(c.revenue ?? 0, cur.visitors) }
        : null,
      daily: days.map((day) => {
        const d = dailyByDay.get(day);
        const visitors = d?.visitors ?? 0;
        const converted = d?.converted[i] ?? 0;
        return { day, visitors, converted, rate: rate(converted, visitors) };
      }),
    };
  });

  const macro = goals.find((g) => g.kind === "macro") ?? null;
  const bm = input.template.benchmark;
  const benchmark = macro
    ? {
        goalKey: macro.key,
        sector: input.template.sector,
        rate: bm.rate,
        label: bm.label,
        quote: bm.source?.quote ?? null,
        solidRange: bm.solidRange ?? null,
        solidRangeQuote: bm.solidRangeQuote ?? null,
        verdict: bm.rate === null ? null : compareToBenchmark({ successes: macro.converted, trials: cur.visitors, benchmarkRate: bm.rate }),
      }
    : null;

  const spend = input.spend && input.spend.total > 0 ? input.spend : null;
  const pick = costGoals(input.goals, spend?.lead);
  const segments: Partial<Record<SegmentField, SegmentRow[]>> = {};
  for (const [field, rows] of Object.entries(input.segments) as [SegmentField, ({ group: string } & RawCounts)[]][]) {
    const spent = new Map([...(spend?.bySegment[field as SpendField] ?? [])].map(([value, amount]) => [segmentKey(value), amount]));
    segments[field] = rows.map((row) => {
      const amount = spent.get(segmentKey(row.group));
      return {
        value: row.group,
        visitors: row.visitors,
        small: row.visitors < MIN_VISITORS_FOR_RATE,
        goals: input.goals.map((g, i) => ({
          key: g.key,
          converted: row.goals[i].converted,
          conversions: row.goals[i].conversions,
          rate: rateWithInterval(row.goals[i].converted, row.visitors),
        })),
        ...(amount ? { costs: spendCosts(amount, row.visitors, row.goals, pick) } : {}),
      };
    });
  }
  const keyOf = (i: number | null) => (i === null ? null : input.goals[i].key);

  const facts: StageFacts = {
    ...input.facts,
    visitors: cur.visitors,
    newVisitors: cur.newVisitors,
    bounced: cur.bounced,
    stageVisitors: input.stageVisitors,
    goals,
  };
  const kpis = stageKpis(input.template, facts);

  return {
    range: { from: input.range.from.toISOString(), to: input.range.to.toISOString() },
    previousRange: { from: input.previousRange.from.toISOString(), to: input.previousRange.to.toISOString() },
    timeZone: input.timeZone,
    visitors: cur.visitors,
    newVisitors: cur.newVisitors,
    returningVisitors: cur.visitors - cur.newVisitors,
    previousVisitors: prev.visitors,
    visitorsChange: percentChange(cur.visitors, prev.visitors),
    goals,
    benchmark,
    whatIf:
      macro && macro.rate.rate !== null
        ? {
            goalKey: macro.key,
            visitors: cur.visitors,
            currentRate: macro.rate.rate,
            valuePerConversion: macro.revenue && macro.converted ? macro.revenue.total / macro.converted : null,
          }
        : null,
    stages: FUNNEL_STAGES.map((stage) => ({
      stage,
      visitors: input.stageVisitors[stage],
      share: rate(input.stageVisitors[stage], cur.visitors),
      kpis: kpis[stage],
    })),
    segments,
    spend: spend
      ? {
          ...spendCosts(spend.total, cur.visitors, cur.goals, pick),
          leadGoalKey: keyOf(pick.leadIndex),
          acquisitionGoalKey: keyOf(pick.acquisitionIndex),
          revenueGoalKey: keyOf(pick.revenueIndex),
        }
      : null,
  };
}
