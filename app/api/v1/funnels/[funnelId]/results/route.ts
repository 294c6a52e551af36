import { apiProjectScope, apiTeamScope } from "@/db/guard";
import { findTeamFunnel, getFunnel } from "@/db/funnels";
import { funnelResults } from "@/db/queries/funnel/funnelResults";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { errorResponse, json, route } from "@/lib/http";

/** A saved funnel's results; read key (its own project's funnels only) or a member's session. */
export const GET = route<{ params: Promise<{ funnelId: string }> }>(async (request, { params }) => {
  const { funnelId } = await params;
  const { scope, funnel } = request.headers.get("authorization")
    ? await (async () => {
        const s = await apiProjectScope(request);
        return { scope: s, funnel: await getFunnel(s, funnelId) };
      })()
    : await findTeamFunnel(await apiTeamScope(), funnelId);
  let q;
  try {
    q = parseRangeParams(new URL(request.url).searchParams, scope.project.timeZone);
  } catch (err) {
    if (err instanceof RangeParamsError) return errorResponse(400, "invalid_input", err.message);
    throw err;
  }
  const results = await funnelResults(scope, { steps: funnel.steps, windowSeconds: funnel.windowSeconds, ...q, spend: true });
  return json({ funnel: { id: funnel.id, name: funnel.name, steps: funnel.steps, window: funnel.windowSeconds }, ...results });
});
