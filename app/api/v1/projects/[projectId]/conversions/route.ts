import { apiProjectScope } from "@/server/guard";
import { projectConversions } from "@/db/conversions";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { csvResponse, CsvRequestError, overviewCsv } from "@/lib/conversions/export";
import { errorResponse, json, route } from "@/server/api-route";

/**
 * The dashboard's conversions overview for the URL's range and filters (`segment=<field>` adds a
 * segment table; `lead=<micro goal key>` the goal cost per lead counts); `format=csv&table=…` downloads one table. Session or the project's read key.
 */
export const GET = route<{ params: Promise<{ projectId: string }> }>(async (request, { params }) => {
  const { projectId } = await params;
  const scope = await apiProjectScope(request, projectId);
  const search = new URL(request.url).searchParams;
  try {
    const q = parseRangeParams(search, scope.project.timeZone);
    const overview = await projectConversions(scope, { from: q.from, to: q.to, filters: q.filters, segments: q.segments, spend: { lead: search.get("lead") } });
    if (search.get("format") === "csv") return csvResponse(overviewCsv(overview, search, scope.project.name));
    return json(overview);
  } catch (err) {
    if (err instanceof RangeParamsError || err instanceof CsvRequestError) return errorResponse(400, "invalid_input", err.message);
    throw err;
  }
});
