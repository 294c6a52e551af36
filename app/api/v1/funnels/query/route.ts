import { apiBodyProjectScope } from "@/server/guard";
import { funnelResults } from "@/db/queries/funnel/funnelResults";
import { funnelDefinitionQueryBodySchema } from "@/lib/funnel/query";
import { json, readJson, route } from "@/server/api-route";
import type { SegmentField } from "@/lib/funnel/types";

/**
 * Ad-hoc funnel: read key as bearer token (its own project), or a member's session with projectId.
 * `"sample": true` in the body, or `?estimate=1`, asks for the quick estimate (README: Query API).
 */
export const POST = route(async (request) => {
  const raw = await readJson(request);
  const scope = await apiBodyProjectScope(request, raw);
  const body = funnelDefinitionQueryBodySchema.parse(raw);
  const estimate = new URL(request.url).searchParams.get("estimate");
  const results = await funnelResults(scope, {
    steps: body.steps,
    windowSeconds: body.window,
    ...(body.order ? { order: body.order } : {}),
    ...(body.exclusions?.length ? { exclusions: body.exclusions } : {}),
    ...(body.hold?.length ? { hold: body.hold } : {}),
    ...(body.timeToConvert ? { timeToConvert: body.timeToConvert } : {}),
    from: new Date(body.from),
    to: new Date(body.to),
    filters: body.filters,
    breakdown: body.breakdown as SegmentField | undefined,
    compare: body.compare,
    trendUnit: body.unit,
    sample: body.sample || estimate === "1" || estimate === "true",
  });
  return json({ projectId: scope.projectId, window: body.window, ...results });
});
