import type { ProjectScope } from "../../tenant";
import { funnelStepCounts, OTHER, type StepCountsQuery, type StepCountsRow } from "./engine";
import { previousRange } from "../../../lib/funnel/ranges";
import { factsCanAnswer, factsStepCounts } from "./facts";
import { readyFacts } from "./factsUpkeep";
import { stepRates } from "../../../lib/funnel/rates";
import { wilsonInterval } from "../../../lib/stats/wilson";
import type { FunnelResults, FunnelSeries, FunnelStep, SegmentField, SegmentFilters } from "../../../lib/funnel/types";
import { funnelCosts, segmentKey } from "../../../lib/spend/costs";
import { SPEND_FIELDS, type SpendField } from "../../../lib/spend/entry";
import { spendForOverview } from "../../spend";
import { projectReport } from "../../limits";
import { isOneOf } from "../../../lib/one-of";
import { defaultTrendUnit, fillTrend, type TrendUnit } from "../../../lib/funnel/periods";

export type FunnelQuery = {
  steps: FunnelStep[];
  windowSeconds: number;
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
};

export type { FunnelResults };

function series(rows: StepCountsRow[], k: number): FunnelSeries {
  const counts = Array.from(
    { length: k },
    (_, i) => rows.find((r) => r.step === i + 1) ?? { visitors: 0, medianFromStart: null, medianFromPrevious: null },
  );
  const steps = stepRates(counts);
  const first = steps[0].visitors;
  const last = steps[k - 1].visitors;
  return { steps, overall: { rate: first ? last / first : null, interval: wilsonInterval(last, first) } };
}

const groups = (rows: StepCountsRow[]) => [...new Set(rows.map((r) => r.group))];

/**
 * A funnel's results for a range: steps with rates and intervals, breakdown, trend and (optionally)
 * the previous period. Counts as one of the project's concurrent reports (db/limits.ts: a 429 when
 * the project already runs its share).
 */
export async function funnelResults(scope: ProjectScope, q: FunnelQuery): Promise<FunnelResults> {
  return projectReport(scope.projectId, () => computeFunnelResults(scope, q));
}

async function computeFunnelResults(scope: ProjectScope, q: FunnelQuery): Promise<FunnelResults> {
  const k = q.steps.length;
  const base: StepCountsQuery = { steps: q.steps, windowSeconds: q.windowSeconds, from: q.from, to: q.to, filters: q.filters };
  const unit = q.trendUnit ?? defaultTrendUnit(q.from, q.to);
  const prevRange = previousRange(q.from, q.to, scope.project.timeZone);
  const facts = q.saved ? await readyFacts(scope, { steps: q.steps, windowSeconds: q.windowSeconds }) : null;
  const counts = (c: StepCountsQuery) =>
    facts !== null && factsCanAnswer(c, scope.project.timeZone) ? factsStepCounts(scope, facts, c) : funnelStepCounts(scope, c);
  const [main, trendRows, breakdownRows, prevRows] = await Promise.all([
    counts(base),
    counts({ ...base, groupBy: { kind: "period", unit, timeZone: scope.project.timeZone }, medians: false }),
    q.breakdown ? counts({ ...base, groupBy: { kind: "field", field: q.breakdown, limit: 10 } }) : Promise.resolve(null),
    q.compare ? counts({ ...base, ...prevRange }) : Promise.resolve(null),
  ]);
  const result: FunnelResults = {
    ...series(main, k),
    range: { from: q.from.toISOString(), to: q.to.toISOString() },
    trend: {
      unit,
      // Every period of the range, the ones without entries as 0 (lib/funnel/periods.ts).
      points: fillTrend(
        groups(trendRows).map((period) => {
          const rows = trendRows.filter((r) => r.group === period);
          return {
            period,
            entered: rows.find((r) => r.step === 1)?.visitors ?? 0,
            converted: rows.find((r) => r.step === k)?.visitors ?? 0,
          };
        }),
        q,
        unit,
        scope.project.timeZone,
        q.now,
      ),
    },
  };
  if (q.breakdown && breakdownRows) {
    const values = groups(breakdownRows);
    const ordered = values
      .map((v) => ({ v, n: breakdownRows.find((r) => r.group === v && r.step === 1)?.visitors ?? 0 }))
      .sort((a, b) => (a.v === OTHER ? 1 : b.v === OTHER ? -1 : b.n - a.n || a.v.localeCompare(b.v)));
    result.breakdown = {
      field: q.breakdown,
      series: ordered.map(({ v }) => ({
        value: v === OTHER ? null : v,
        other: v === OTHER,
        ...series(
          breakdownRows.filter((r) => r.group === v),
          k,
        ),
      })),
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
  if (prevRows) result.previous = { ...series(prevRows, k), range: { from: prevRange.from.toISOString(), to: prevRange.to.toISOString() } };
  return result;
}
