import { funnelDefinitionOf, getFunnel } from "../../db/funnels";
import { stepEventsText } from "../../lib/funnel/step-name";
import { projectConversions } from "../../db/conversions";
import { funnelResults } from "../../db/queries/funnel/funnelResults";
import type { ProjectScope } from "../../db/tenant";
import { previousRange } from "../../lib/funnel/ranges";
import { getTemplate } from "../../lib/templates";
import type { Localized } from "../../lib/templates/types";
import type { FunnelStage, SegmentFilters } from "../../lib/funnel/types";
import { compareToBenchmark, wilsonInterval, type BenchmarkVerdict, type Interval } from "../../lib/stats/wilson";
import { percentChange } from "../../lib/stats/rates";
import { reportNotes, type ReportNote } from "./notes";

/**
 * What a digest or a PDF reports, before any language: the period's figures against the period
 * before (rates with their 95 % Wilson intervals), per step or per goal, the trend, the sector's
 * benchmark verdict and the period's notes. One read per report; every language renders from it.
 */
export type ReportData = {
  projectName: string;
  timeZone: string;
  report: "funnel" | "conversions";
  /** the funnel's name; null for the conversions overview (its title is in the reader's language) */
  title: string | null;
  period: { from: Date; to: Date };
  previous: { from: Date; to: Date };
  filters: SegmentFilters;
  headline: {
    entered: number;
    converted: number;
    rate: Interval;
    previousEntered: number;
    previousConverted: number;
    previousRate: Interval;
    change: number | null;
  };
  steps: { name: string; visitors: number; fromStart: number | null; fromPrevious: number | null; interval: Interval }[];
  goals: { name: string; converted: number; rate: Interval; previousRate: number | null; change: number | null }[];
  stages: { stage: FunnelStage; visitors: number }[];
  trend: { period: string; entered: number; converted: number; rate: number | null; partial: boolean }[];
  benchmark: { rate: number; label: Localized; verdict: BenchmarkVerdict } | null;
  notes: ReportNote[];
};

/** The figures of a saved funnel or of the conversions overview for [from, to) with the report's filters. */
export async function reportData(
  scope: ProjectScope,
  r: { report: "funnel" | "conversions"; funnelId?: string | null; filters?: SegmentFilters },
  period: { from: Date; to: Date },
  now = new Date(),
): Promise<ReportData> {
  const tz = scope.project.timeZone;
  const filters = r.filters ?? {};
  const previous = previousRange(period.from, period.to, tz);
  const bm = getTemplate(scope.project.sector).benchmark;
  const notes = await reportNotes(scope, period.from, period.to);
  const base = { projectName: scope.project.name, timeZone: tz, period, previous, filters, notes };
  const verdict = (converted: number, visitors: number) =>
    bm.rate === null
      ? null
      : { rate: bm.rate, label: bm.label, verdict: compareToBenchmark({ successes: converted, trials: visitors, benchmarkRate: bm.rate }) };

  if (r.report === "funnel") {
    const funnel = await getFunnel(scope, r.funnelId ?? "");
    const res = await funnelResults(scope, {
      ...funnelDefinitionOf(funnel),
      from: period.from,
      to: period.to,
      filters,
      compare: true,
      trendUnit: "day",
      saved: true,
      now,
    });
    const k = res.steps.length;
    const entered = res.steps[0].visitors;
    const converted = res.steps[k - 1].visitors;
    const pEntered = res.previous?.steps[0].visitors ?? 0;
    const pConverted = res.previous?.steps[k - 1].visitors ?? 0;
    return {
      ...base,
      report: "funnel",
      title: funnel.name,
      headline: {
        entered,
        converted,
        rate: res.overall.interval,
        previousEntered: pEntered,
        previousConverted: pConverted,
        previousRate: wilsonInterval(pConverted, pEntered),
        change: percentChange(res.overall.rate, res.previous?.overall.rate ?? null),
      },
      steps: res.steps.map((s, i) => ({
        name: funnel.steps[i].label || stepEventsText(funnel.steps[i]),
        visitors: s.visitors,
        fromStart: s.conversionFromStart,
        fromPrevious: s.conversionFromPrevious,
        interval: s.intervalFromStart,
      })),
      goals: [],
      stages: [],
      trend: res.trend.points,
      benchmark: verdict(converted, entered),
    };
  }

  const o = await projectConversions(scope, { from: period.from, to: period.to, filters, segments: [] });
  const macro = o.goals.find((g) => g.kind === "macro") ?? o.goals[0] ?? null;
  const visitors = o.visitors;
  const converted = macro?.converted ?? 0;
  return {
    ...base,
    report: "conversions",
    title: null,
    headline: {
      entered: visitors,
      converted,
      rate: wilsonInterval(converted, visitors),
      previousEntered: o.previousVisitors,
      previousConverted: macro?.previous.converted ?? 0,
      previousRate: wilsonInterval(macro?.previous.converted ?? 0, o.previousVisitors),
      change: macro?.change ?? null,
    },
    steps: [],
    goals: o.goals.map((g) => ({ name: g.name, converted: g.converted, rate: g.rate, previousRate: g.previous.rate, change: g.change })),
    stages: o.stages.map((s) => ({ stage: s.stage, visitors: s.visitors })),
    trend: (macro?.daily ?? []).map((d) => ({ period: d.day, entered: d.visitors, converted: d.converted, rate: d.rate, partial: false })),
    benchmark:
      o.benchmark?.verdict && o.benchmark.rate !== null
        ? { rate: o.benchmark.rate, label: o.benchmark.label, verdict: o.benchmark.verdict }
        : null,
  };
}
