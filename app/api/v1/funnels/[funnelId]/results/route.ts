import { z } from "zod";
import { apiFunnel } from "@/server/guard";
import { funnelResults } from "@/db/queries/funnel/funnelResults";
import { parseRangeParams } from "@/lib/funnel/query";
import { json, route } from "@/server/api-route";
import { funnelDefinitionOf } from "@/db/funnels";

/** `estimate=1`: the quick answer (a sample of people, when the facts are not ready and the funnel reads many events). */
const estimateParam = z
  .array(z.enum(["1", "true", "0", "false"], "estimate is 1 or 0."))
  .max(1, "Give estimate once.")
  .transform((v) => v[0] === "1" || v[0] === "true");

/** A saved funnel's results; read key (its own project's funnels only) or a member's session. */
export const GET = route<{ params: Promise<{ funnelId: string }> }>(async (request, { params }) => {
  const { funnelId } = await params;
  const { scope, funnel } = await apiFunnel(request, funnelId);
  const search = new URL(request.url).searchParams;
  const q = parseRangeParams(search, scope.project.timeZone);
  const estimate = estimateParam.parse(search.getAll("estimate"));
  const results = await funnelResults(scope, { ...funnelDefinitionOf(funnel), ...q, spend: true, saved: true, sample: estimate });
  return json({
    funnel: { id: funnel.id, name: funnel.name, steps: funnel.steps, window: funnel.windowSeconds, ...funnel.rules },
    ...results,
  });
});
