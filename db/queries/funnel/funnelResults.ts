import type { ProjectScope } from "../../tenant";
import {
  GROUP_SEP as SEP,
  OTHER,
  foldPairs,
  runEngine,
  statsRows,
  timeToConvertOf,
  topValues,
  walkDefinition,
  type EngineDefinition,
  type StepCountsQuery,
  type StepCountsRow,
} from "./engine";
import { previousRange } from "../../../lib/funnel/ranges";
import { RangeParamsError } from "../../../lib/funnel/query";
import { factsBreakdownWithTrend, factsCanAnswer, factsStepsWithTrend } from "./facts";
import { readyFacts } from "./factsUpkeep";
import { sampleBuckets } from "./sample";
import { stepRates } from "../../../lib/funnel/rates";
import { wilsonInterval } from "../../../lib/stats/wilson";
import type { FunnelResults, FunnelSeries, SegmentField, SegmentFilters, TimeToConvert } from "../../../lib/funnel/types";
import { funnelCosts, segmentKey } from "../../../lib/spend/costs";
import { SPEND_FIELDS, type SpendField } from "../../../lib/spend/entry";
import { spendForOverview } from "../../spend";
import { projectReport } from "../../limits";
import { isOneOf } from "../../../lib/one-of";
import { defaultTrendUnit, fillTrend, type TrendPoint, type TrendUnit } from "../../../lib/funnel/periods";

export type FunnelQuery = EngineDefinition & {
  from: Date;
  to: Date;
  filters?: SegmentFilters;
  breakdown?: SegmentField;
  /** trend bucket, in the project's time zone; default: day for ranges up to 31 days, else week */
  trendUnit?: TrendUnit;
  compare?: boolean;
  /** add ad spend and cost per entered/converted visitor to a source, medium or campaign breakdown (not on share links) */
  spend?: boolean;
  /** the clock for marking the running period partial (tests) */
  now?: Date;
  /** a saved funnel's definition: read (and maintain) its precomputed facts where they can answer (facts.ts) */
  saved?: boolean;
  /** the time-to-convert block between these required steps (default: 1 and the last) */
  timeToConvert?: { from: number; to: number };
  /** answer first from a deterministic sample of people when the candidate rows are many (sample.ts); the answer says so in `estimate` */
  sample?: boolean;
};

export type { FunnelResults };

/** The optional flags of a definition's steps (index j−1). */
const optionalFlags = (def: EngineDefinition) => {
  const mask = walkDefinition(def).optionalMask;
  return def.steps.map((_, i) => (mask & (1 << i)) !== 0);
};

function series(rows: StepCountsRow[], def: EngineDefinition, scale = 1): FunnelSeries {
  const k = def.steps.length;
  const optional = optionalFlags(def);
  const counts = Array.from({ length: k }, (_, i) => ({
    ...(rows.find((r) => r.step === i + 1) ?? { visitors: 0, medianFromStart: null, medianFromPrevious: null }),
    optional: optional[i],
  }));
  // Rates and intervals from the counted people (a sample's own counts: honest intervals); visitors scaled to the whole.
  const steps = stepRates(counts).map((s) =>
    scale === 1 ? s : { ...s, visitors: Math.round(s.visitors * scale), dropped: Math.round(s.dropped * scale) },
  );
  const first = counts[0].visitors;
  const last = counts[k - 1].visitors;
  return { steps, overall: { rate: first ? last / first : null, interval: wilsonInterval(last, first) } };
}

const groups = (rows: StepCountsRow[]) => [...new Set(rows.map((r) => r.group))];

/** Trend points (every period of the range) from rows grouped by period. */
function trendPoints(rows: StepCountsRow[], k: number, q: FunnelQuery, unit: TrendUnit, timeZone: string, scale = 1): TrendPoint[] {
  return fillTrend(
    groups(rows).map((period) => {
      const of = rows.filter((r) => r.group === period);
      return {
        period,
        entered: Math.round((of.find((r) => r.step === 1)?.visitors ?? 0) * scale),
        converted: Math.round((of.find((r) => r.step === k)?.visitors ?? 0) * scale),
      };
    }),
    q,
    unit,
    timeZone,
    q.now,
  );
}

/** What every path computes: rows per view (main, trend, breakdown, per-value trend, previous) and the time to convert. */
type Views = {
  main: StepCountsRow[];
  trend: StepCountsRow[];
  breakdown: StepCountsRow[] | null;
  /** per-value trend: group = value (or OTHER) + SEP + period, as valueAndPeriod splits it */
  breakdownTrend: StepCountsRow[] | null;
  previous: StepCountsRow[] | null;
  /** the previous period's trend, grouped by its own periods */
  previousTrend: StepCountsRow[] | null;
  timeToConvert: TimeToConvert;
  /** the sampled share, when the answer is an estimate */
  share?: number;
};

/**
 * A funnel's results for a range: steps with rates and intervals, breakdown (with a trend per
 * value), trend, time to convert and (optionally) the previous period. Counts as one of the
 * project's concurrent reports (db/limits.ts: a 429 when the project already runs its share).
 */
export async function funnelResults(scope: ProjectScope, q: FunnelQuery): Promise<FunnelResults> {
  return projectReport(scope.projectId, () => computeFunnelResults(scope, q));
}

/** A `ttc=a-b` from a URL names steps of this funnel, neither of them optional (a 400 otherwise). */
function checkTimeToConvertSteps(q: FunnelQuery): void {
  const t = q.timeToConvert;
  if (!t) return;
  const k = q.steps.length;
  if (t.from < 1 || t.from >= t.to || t.to > k)
    throw new RangeParamsError(`ttc names steps ${t.from} to ${t.to}, but this funnel has ${k} steps: give ttc=a-b with 1 ≤ a < b ≤ ${k}.`);
  const optional = optionalFlags(q);
  const which = [t.from, t.to].find((j) => optional[j - 1]);
  if (which) throw new RangeParamsError(`ttc cannot start or end at step ${which}: it is optional.`);
}

/** The time-to-convert steps of a query: as asked, or the first and the last step. */
export function timeToConvertSteps(q: FunnelQuery): { from: number; to: number } {
  return q.timeToConvert ?? { from: 1, to: q.steps.length };
}

/** The engine's views: one run over the range grouped by (breakdown value, period), one over the previous period. */
async function engineViews(scope: ProjectScope, q: FunnelQuery, unit: TrendUnit): Promise<Views> {
  const tz = scope.project.timeZone;
  const k = q.steps.length;
  const optionalMask = walkDefinition(q).optionalMask;
  const ttc = timeToConvertSteps(q);
  const base: StepCountsQuery = { ...q };
  const buckets = q.sample ? await sampleBuckets(scope, base) : 1;
  const opts = buckets > 1 ? { sampleBuckets: buckets } : {};
  const prevRange = previousRange(q.from, q.to, tz);
  const [pairs, prevPairs] = await Promise.all([
    runEngine(scope, base, { field: q.breakdown, period: { unit, timeZone: tz } }, opts),
    q.compare ? runEngine(scope, { ...base, ...prevRange }, { period: { unit, timeZone: tz } }, opts) : Promise.resolve(null),
  ]);
  // Groups are "value<SEP>period" with a breakdown, else "period".
  const parts = pairs.groups.map(valueAndPeriod);
  const period = (g: number) => parts[g][1];
  const mainStats = foldPairs(pairs, () => "", { medians: true, optionalMask, timeToConvert: ttc });
  const views: Views = {
    main: statsRows(mainStats, k, true),
    trend: statsRows(foldPairs(pairs, period, { medians: false, optionalMask }), k, false),
    breakdown: null,
    breakdownTrend: null,
    previous: prevPairs
      ? statsRows(
          foldPairs(prevPairs, () => "", { medians: true, optionalMask }),
          k,
          true,
        )
      : null,
    previousTrend: prevPairs
      ? statsRows(
          foldPairs(prevPairs, (g) => valueAndPeriod(prevPairs.groups[g])[1], { medians: false, optionalMask }),
          k,
          false,
        )
      : null,
    timeToConvert: timeToConvertOf(mainStats.get(""), ttc.from, ttc.to),
    ...(buckets > 1 ? { share: 1 / buckets } : {}),
  };
  if (q.breakdown) {
    const value = (g: number) => parts[g][0];
    const top = topValues(foldPairs(pairs, value, { medians: false, optionalMask }), 10);
    const named = (g: number) => (top.has(value(g)) ? value(g) : OTHER);
    views.breakdown = statsRows(foldPairs(pairs, named, { medians: true, optionalMask }), k, true);
    views.breakdownTrend = statsRows(
      foldPairs(pairs, (g) => `${named(g)}${SEP}${period(g)}`, { medians: false, optionalMask }),
      k,
      false,
    );
  }
  return views;
}

/**
 * A group's value and period ("value<SEP>period", or "period" alone: the value is then ""). Split at
 * the last separator: the period never holds one, but a value may (only NUL is refused at
 * ingestion), and splitting at the first mislabelled such a value and merged it with its prefix.
 */
function valueAndPeriod(group: string): [string, string] {
  const i = group.lastIndexOf(SEP);
  return [group.slice(0, Math.max(i, 0)), group.slice(i + 1)];
}

/** The facts' views (a saved definition over whole local days on the facts' fields): the statements of before, plus the per-value trend and the time to convert. */
async function factsViews(scope: ProjectScope, q: FunnelQuery, unit: TrendUnit, factsId: number): Promise<Views | null> {
  const tz = scope.project.timeZone;
  const base: StepCountsQuery = { ...q };
  const prevRange = previousRange(q.from, q.to, tz);
  const trendQ: StepCountsQuery = { ...base, groupBy: { kind: "period", unit, timeZone: tz }, medians: false };
  const breakdownQ: StepCountsQuery | null = q.breakdown ? { ...base, groupBy: { kind: "field", field: q.breakdown, limit: 10 } } : null;
  const prevQ: StepCountsQuery | null = q.compare ? { ...base, ...prevRange } : null;
  if (![base, trendQ, breakdownQ, prevQ].every((c) => c === null || factsCanAnswer(c, tz))) return null;
  const ttc = timeToConvertSteps(q);
  const prevTrendQ: StepCountsQuery | null = prevQ ? { ...prevQ, groupBy: trendQ.groupBy, medians: false } : null;
  if (prevTrendQ && !factsCanAnswer(prevTrendQ, tz)) return null;
  // The breakdown and its per-value trend in one statement (the trend's values are the breakdown's
  // top ones), so that nothing waits for another statement's answer; the counts, the time to convert
  // and (unfiltered, by day) the trend in one too (the times come from the per-person rows the counts
  // combine), and the previous period's counts with its trend.
  const [{ rows: main, trend, timeToConvert }, broken, prev] = await Promise.all([
    factsStepsWithTrend(scope, factsId, base, unit, ttc),
    breakdownQ ? factsBreakdownWithTrend(scope, factsId, breakdownQ, unit) : Promise.resolve(null),
    prevQ ? factsStepsWithTrend(scope, factsId, prevQ, unit) : Promise.resolve(null),
  ]);
  return {
    main,
    trend,
    breakdown: broken?.breakdown ?? null,
    breakdownTrend: broken?.trend ?? null,
    previous: prev?.rows ?? null,
    previousTrend: prev?.trend ?? null,
    timeToConvert: timeToConvert!,
  };
}

async function computeFunnelResults(scope: ProjectScope, q: FunnelQuery): Promise<FunnelResults> {
  const k = q.steps.length;
  checkTimeToConvertSteps(q);
  const tz = scope.project.timeZone;
  const unit = q.trendUnit ?? defaultTrendUnit(q.from, q.to);
  const prevRange = previousRange(q.from, q.to, tz);
  const facts = q.saved ? await readyFacts(scope, q) : null;
  const views = (facts !== null ? await factsViews(scope, q, unit, facts) : null) ?? (await engineViews(scope, q, unit));
  const scale = views.share ? 1 / views.share : 1;
  const result: FunnelResults = {
    ...series(views.main, q, scale),
    range: { from: q.from.toISOString(), to: q.to.toISOString() },
    trend: { unit, points: trendPoints(views.trend, k, q, unit, tz, scale) },
    timeToConvert: views.share ? scaleTimeToConvert(views.timeToConvert, scale) : views.timeToConvert,
    ...(views.share ? { estimate: { share: views.share } } : {}),
  };
  if (q.breakdown && views.breakdown) {
    const rows = views.breakdown;
    const perValueTrend = views.breakdownTrend ?? [];
    const ordered = groups(rows)
      .map((v) => ({ v, n: rows.find((r) => r.group === v && r.step === 1)?.visitors ?? 0 }))
      .sort((a, b) => (a.v === OTHER ? 1 : b.v === OTHER ? -1 : b.n - a.n || a.v.localeCompare(b.v)));
    result.breakdown = {
      field: q.breakdown,
      series: ordered.map(({ v }) => {
        const trendRows = perValueTrend.flatMap((r) => {
          const [value, period] = valueAndPeriod(r.group);
          return value === v ? [{ ...r, group: period }] : [];
        });
        return {
          value: v === OTHER ? null : v,
          other: v === OTHER,
          ...series(
            rows.filter((r) => r.group === v),
            q,
            scale,
          ),
          trend: { unit, points: trendPoints(trendRows, k, q, unit, tz, scale) },
        };
      }),
    };
  }
  const field = result.breakdown?.field;
  if (q.spend && result.breakdown && field && isOneOf(SPEND_FIELDS, field)) {
    const spend = await spendForOverview(scope, { from: q.from, to: q.to, fields: [field as SpendField] });
    const byValue = new Map([...(spend.bySegment[field as SpendField] ?? [])].map(([v, amount]) => [segmentKey(v), amount]));
    for (const s of result.breakdown.series) {
      const amount = s.value === null ? undefined : byValue.get(segmentKey(s.value));
      if (amount) s.costs = funnelCosts(amount, s.steps[0].visitors, s.steps[k - 1].visitors);
    }
  }
  if (views.previous)
    result.previous = {
      ...series(views.previous, q, scale),
      range: { from: prevRange.from.toISOString(), to: prevRange.to.toISOString() },
      trend: { unit, points: trendPoints(views.previousTrend ?? [], k, { ...q, ...prevRange }, unit, tz, scale) },
    };
  return result;
}

/** A sample's time to convert, its visitor counts scaled to the whole (the percentiles are the sample's). */
function scaleTimeToConvert(t: TimeToConvert, scale: number): TimeToConvert {
  return {
    ...t,
    visitors: Math.round(t.visitors * scale),
    bins: t.bins.map((b) => ({ ...b, visitors: Math.round(b.visitors * scale) })),
  };
}
