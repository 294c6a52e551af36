import { wilsonInterval, type Interval } from "../stats/wilson";

export type StepResult = {
  visitors: number;
  conversionFromStart: number | null;
  conversionFromPrevious: number | null;
  dropOff: number | null;
  dropped: number;
  intervalFromStart: Interval;
  intervalFromPrevious: Interval;
  medianSecondsFromStart: number | null;
  medianSecondsFromPrevious: number | null;
  /** an optional step (DESIGN.md, "Funnel definitions"): counts the people some chain took through it, so it may be lower than the next step */
  optional?: true;
};

/**
 * Rates of a funnel from its per-step counts: from start, from previous, drop-off, each with a 95 %
 * Wilson interval. "Previous" is the nearest required step before (an optional step is skipped).
 */
export function stepRates(
  counts: { visitors: number; medianFromStart?: number | null; medianFromPrevious?: number | null; optional?: boolean }[],
): StepResult[] {
  const first = counts[0]?.visitors ?? 0;
  return counts.map((c, i) => {
    let p = i - 1;
    while (p > 0 && counts[p].optional) p--;
    const prev = i === 0 ? c.visitors : counts[p].visitors;
    const fromPrevious = prev > 0 ? c.visitors / prev : null;
    return {
      visitors: c.visitors,
      conversionFromStart: first > 0 ? c.visitors / first : null,
      conversionFromPrevious: fromPrevious,
      dropOff: fromPrevious === null ? null : 1 - fromPrevious,
      dropped: prev - c.visitors,
      intervalFromStart: wilsonInterval(c.visitors, first),
      intervalFromPrevious: wilsonInterval(c.visitors, prev),
      medianSecondsFromStart: i === 0 ? null : (c.medianFromStart ?? null),
      medianSecondsFromPrevious: i === 0 ? null : (c.medianFromPrevious ?? null),
      ...(c.optional ? { optional: true as const } : {}),
    };
  });
}
