import type { SegmentFilters } from "../funnel/types";

/**
 * A tile's own filters under a share link's locked ones: both must hold (AND across fields; on a
 * field both name, only the values both allow). Null when no value is left on some field: the
 * tile then has nobody to count, and no query runs.
 */
export function combinedFilters(tile: SegmentFilters, locked: SegmentFilters): SegmentFilters | null {
  const out: SegmentFilters = { ...tile };
  for (const [field, values] of Object.entries(locked) as [keyof SegmentFilters, string[]][]) {
    if (!values?.length) continue;
    const mine = out[field];
    const both = mine?.length ? mine.filter((v) => values.includes(v)) : values;
    if (!both.length) return null;
    out[field] = both;
  }
  return out;
}
