import { apiProjectScope } from "@/server/guard";
import { projectConversions } from "@/db/conversions";
import { parseRangeParams } from "@/lib/funnel/query";
import { overviewCsv } from "@/lib/conversions/export";
import { csvDialect } from "@/lib/conversions/csv";
import { requestLocale } from "@/lib/i18n/locales";
import { csvResponse, json, route } from "@/server/api-route";

/**
 * The dashboard's conversions overview for the URL's range and filters (`segment=<field>` adds a
 * segment table; `lead=<micro goal key>` the goal cost per lead counts); `format=csv&table=…` downloads one table. Session or the project's read key.
 */
export const GET = route<{ params: Promise<{ projectId: string }> }>(async (request, { params }) => {
  const { projectId } = await params;
  const scope = await apiProjectScope(request, projectId);
  const search = new URL(request.url).searchParams;
  const q = parseRangeParams(search, scope.project.timeZone);
  const overview = await projectConversions(scope, {
    from: q.from,
    to: q.to,
    filters: q.filters,
    segments: q.segments,
    spend: { lead: search.get("lead") },
  });
  // In the reader's spreadsheet dialect: Dutch ";" and decimal commas for a Dutch reader (cookie or Accept-Language).
  if (search.get("format") === "csv")
    return csvResponse(overviewCsv(overview, search, scope.project.name, csvDialect(requestLocale(request))));
  return json(overview);
});
