import { and, eq } from "drizzle-orm";
import { projectConversions } from "./conversions";
import { funnelDefinitionOf, getFunnel } from "./funnels";
import { funnels } from "./schema";
import { funnelResults } from "./queries/funnel/funnelResults";
import { segmentValues } from "./queries/funnel/segmentValues";
import { shareRange, type ShareLinkRow } from "./share";
import type { ProjectScope } from "./tenant";
import { forbidden } from "../lib/errors";
import { parseShareQuery, previousInside, type ShareEndpoint, type ShareTerms, type SharedQuery } from "../lib/share-query";
import { sharedFunnelView, sharedOverviewView } from "../lib/share-output";

/** The link's terms today: its period (fixed, or the last N local days), its locked filters, breakdown and comparison. */
export function shareTerms(link: ShareLinkRow, timeZone: string, now = new Date()): ShareTerms {
  return { ...shareRange(link, timeZone, now), filters: link.filters ?? {}, breakdown: link.breakdown ?? null, compare: link.compare };
}

/** Parses a share API request strictly against its link (see lib/share-query for the rules). */
export function sharedQuery(
  scope: ProjectScope,
  link: ShareLinkRow,
  endpoint: ShareEndpoint,
  params: URLSearchParams,
  now = new Date(),
): SharedQuery {
  return parseShareQuery(endpoint, params, shareTerms(link, scope.project.timeZone, now), scope.project.timeZone, now);
}

/** Whether the report a link shares still exists: a funnel link's funnel may have been deleted since. */
export async function sharedReportExists(scope: ProjectScope, link: ShareLinkRow): Promise<boolean> {
  if (link.report !== "funnel") return true;
  if (!link.funnelId) return false;
  const [row] = await scope.db
    .select({ id: funnels.id })
    .from(funnels)
    .where(and(eq(funnels.projectId, scope.projectId), eq(funnels.id, link.funnelId)));
  return Boolean(row);
}

/** The shared funnel report: results (with trend, breakdown and a previous period inside the link) in the page's shape. */
export async function sharedFunnelResults(scope: ProjectScope, link: ShareLinkRow, q: SharedQuery) {
  if (link.report !== "funnel" || !link.funnelId) throw forbidden("This link does not share a funnel.");
  const funnel = await getFunnel(scope, link.funnelId);
  const results = await funnelResults(scope, {
    ...funnelDefinitionOf(funnel),
    from: q.from,
    to: q.to,
    filters: q.filters,
    breakdown: q.breakdown,
    compare: q.compare,
    trendUnit: q.trendUnit,
    saved: true,
  });
  return sharedFunnelView(funnel, results);
}

/** Filter options of a shared report: the field's values within the link's period and locked filters. */
export async function sharedSegmentValues(scope: ProjectScope, q: SharedQuery & { field: NonNullable<SharedQuery["field"]> }) {
  return segmentValues(scope, q.field, q.from, q.to, { filters: q.filters });
}

/** The conversions overview a "conversions" link shares: within its period, with its filters, in the page's shape. */
export async function sharedConversions(scope: ProjectScope, link: ShareLinkRow, q: SharedQuery, now = new Date()) {
  if (link.report !== "conversions") throw forbidden("This link does not share the conversions overview.");
  const overview = await projectConversions(scope, { from: q.from, to: q.to, filters: q.filters, segments: q.segments });
  return sharedOverviewView(overview, previousInside(q, shareTerms(link, scope.project.timeZone, now), scope.project.timeZone));
}
