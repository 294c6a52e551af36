import { projectConversions } from "./conversions";
import { getFunnel } from "./funnels";
import { funnelResults } from "./queries/funnel/funnelResults";
import { segmentValues } from "./queries/funnel/segmentValues";
import { shareRange, type ShareLinkRow } from "./share";
import type { ProjectScope } from "./tenant";
import { forbidden } from "./errors";
import type { SegmentField, SegmentFilters } from "../lib/funnel/types";
import type { RangeAndSegments } from "../lib/funnel/query";

/**
 * The one report a share link opens, within what the link allows: a fixed range stays fixed; a
 * rolling link lets the client pick a shorter preset; the link's own filters always apply.
 */
export function allowedRange(link: ShareLinkRow, timeZone: string, requested: RangeAndSegments, now = new Date()): { from: Date; to: Date } {
  const allowed = shareRange(link, timeZone, now);
  if (link.fixedFrom) return allowed;
  const from = requested.from < allowed.from ? allowed.from : requested.from;
  const to = requested.to > allowed.to ? allowed.to : requested.to;
  return from < to ? { from, to } : allowed;
}

function mergeFilters(locked: SegmentFilters, requested: SegmentFilters): SegmentFilters {
  return { ...requested, ...locked };
}

export async function sharedFunnelResults(scope: ProjectScope, link: ShareLinkRow, requested: RangeAndSegments) {
  if (link.report !== "funnel" || !link.funnelId) throw forbidden("This link does not share a funnel.");
  const funnel = await getFunnel(scope, link.funnelId);
  const range = allowedRange(link, scope.project.timeZone, requested);
  const results = await funnelResults(scope, {
    steps: funnel.steps,
    windowSeconds: funnel.windowSeconds,
    ...range,
    filters: mergeFilters(link.filters, requested.filters),
    breakdown: requested.breakdown,
    compare: requested.compare,
    saved: true,
  });
  return { funnel: { name: funnel.name, steps: funnel.steps, window: funnel.windowSeconds }, ...results };
}

export async function sharedSegmentValues(scope: ProjectScope, link: ShareLinkRow, field: SegmentField, requested: RangeAndSegments) {
  const { from, to } = allowedRange(link, scope.project.timeZone, requested);
  return segmentValues(scope, field, from, to);
}

/** The conversions overview a "conversions" link shares, within the link's range and with its filters. */
export async function sharedConversions(scope: ProjectScope, link: ShareLinkRow, requested: RangeAndSegments & { segments: SegmentField[] }) {
  if (link.report !== "conversions") throw forbidden("This link does not share the conversions overview.");
  const range = allowedRange(link, scope.project.timeZone, requested);
  return projectConversions(scope, { ...range, filters: mergeFilters(link.filters, requested.filters), segments: requested.segments });
}
