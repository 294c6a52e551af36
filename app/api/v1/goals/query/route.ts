import type { SegmentField } from "@/lib/funnel/types";
import { apiProjectScope } from "@/server/guard";
import { savedOverviewGoals } from "@/db/conversions";
import { conversionsOverview } from "@/db/queries/conversions/conversionsOverview";
import { goalsQueryBodySchema, resolveGoals, UnknownGoalError } from "@/lib/conversions/query";
import { errorResponse, json, readJson, route } from "@/server/api-route";

/** The conversions overview as JSON: read key as bearer token (its own project), or a member's session with projectId. */
export const POST = route(async (request) => {
  const raw = await readJson(request);
  const projectId = typeof (raw as { projectId?: unknown })?.projectId === "string" ? (raw as { projectId: string }).projectId : null;
  const scope = await apiProjectScope(request, projectId);
  const body = goalsQueryBodySchema.parse(raw);
  let goals;
  try {
    goals = resolveGoals(body.goals, await savedOverviewGoals(scope));
  } catch (err) {
    if (err instanceof UnknownGoalError) return errorResponse(400, "invalid_input", `goals: ${err.message}`);
    throw err;
  }
  const overview = await conversionsOverview(scope, { goals, from: new Date(body.from), to: new Date(body.to), filters: body.filters, segments: body.segments as SegmentField[], spend: { lead: body.lead ?? null } });
  return json({ projectId: scope.projectId, ...overview });
});
