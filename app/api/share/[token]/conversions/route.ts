import { sharedConversions } from "@/db/share-report";
import { overviewCsv } from "@/lib/conversions/export";
import { csvDialect } from "@/lib/conversions/csv";
import { requestLocale } from "@/lib/i18n/locales";
import type { ConversionsOverview } from "@/lib/conversions/types";
import { csvResponse, json } from "@/server/api-route";
import { shareRoute, SHARE_HEADERS } from "../../open";

/** The conversions overview a share link opens (and its CSV tables), within the link's period and locked filters. */
export const GET = shareRoute("conversions", async ({ scope, link, query }, request) => {
  const overview = await sharedConversions(scope, link, query);
  if (!query.csv) return json(overview, { headers: SHARE_HEADERS });
  // The CSV writer reads the overview's figures; a previous period outside the link is null there (empty cells).
  const params = new URLSearchParams({ table: query.csv.table, ...(query.csv.field ? { field: query.csv.field } : {}) });
  const dialect = csvDialect(requestLocale(request));
  return csvResponse(overviewCsv(overview as unknown as ConversionsOverview, params, scope.project.name, dialect), SHARE_HEADERS);
});
