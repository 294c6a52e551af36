import { apiFunnel } from "@/server/guard";
import { funnelResults } from "@/db/queries/funnel/funnelResults";
import { parseRangeParams } from "@/lib/funnel/query";
import { json, route } from "@/server/api-route";
import { funnelDefinitionOf } from "@/db/funnels";

/** A saved funnel's results; read key (its own project's funnels only) or a member's session. */
export const GET = route<{ params: Promise<{ funnelId: string }> }>(async (request, { params }) => {
  const { funnelId } = await params;
  const { scope, funnel } = await apiFunnel(request, funnelId);
  const q = parseRangeParams(new URL(request.url).searchParams, scope.project.timeZone);
  const results = await funnelResults(scope, { ...funnelDefinitionOf(funnel), ...q, spend: true, saved: true });
  return json({
    funnel: { id: funnel.id, name: funnel.name, steps: funnel.steps, window: funnel.windowSeconds, ...funnel.rules },
    ...results,
  });
});
