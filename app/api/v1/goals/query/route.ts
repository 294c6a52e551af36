import type { SegmentField } from "@/lib/funnel/types";
import { apiBodyProjectScope } from "@/server/guard";
import { savedOverviewGoals } from "@/db/conversions";
import { conversionsOverview } from "@/db/queries/conversions/conversionsOverview";
import { goalsQueryBodySchema, resolveGoals } from "@/lib/conversions/query";
import { json, readJson, route } from "@/server/api-route";

/** The conversions overview as JSON: read key as bearer token (its own project), or a member's session with projectId. */
export const POST = route(async (request) => {
  const raw = await readJson(request);
  const scope = await apiBodyProjectScope(request, raw);
  const body = goalsQueryBodySchema.parse(raw);
  const goals = resolveGoals(body.goals, await savedOverviewGoals(scope));
  const overview = await conversionsOverview(scope, {
    goals,
    from: new Date(body.from),
    to: new Date(body.to),
    filters: body.filters,
    segments: body.segments as SegmentField[],
    spend: { lead: body.lead ?? null },
  });
  return json({ projectId: scope.projectId, ...overview });
});
