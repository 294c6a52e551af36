import { z } from "zod";
import { apiProjectScope } from "@/server/guard";
import { route } from "@/server/api-route";
import { requestLocale } from "@/lib/i18n/locales";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { lastDays } from "@/lib/funnel/ranges";
import { segmentFieldLabel } from "@/lib/funnel/field-label";
import { SEGMENT_FIELDS } from "@/lib/funnel/types";
import { dashboardLogo } from "@/db/dashboards-share";
import { dashboardData } from "@/server/digest/dashboard-data";
import { translator } from "@/server/digest/format";
import { dashboardPdf } from "@/server/pdf/dashboard";
import { pdfLogo } from "@/server/pdf/document";

/** What the dashboard page's URL may carry: its period (`days=7|30|90`, or `range`/`from`/`to`) and built-in filters. */
const KNOWN = new Set<string>(["days", "range", "from", "to", ...SEGMENT_FIELDS]);
const daysParam = z.strictObject({ days: z.enum(["7", "30", "90"], "days must be 7, 30 or 90.").optional() });

/**
 * A dashboard as an A4 PDF (server/pdf/dashboard.ts) in the reader's language, with the client logo
 * of its share link when it has one. Session members of the project's team, or the project's read key
 * (`Authorization: Bearer …`); a share link's token opens nothing here (the shared page offers no PDF).
 */
export const GET = route<{ params: Promise<{ projectId: string; dashboardId: string }> }>(async (request, { params }) => {
  const { projectId, dashboardId } = await params;
  const scope = await apiProjectScope(request, projectId);
  const search = new URL(request.url).searchParams;
  const unknown = [...search.keys()].find((k) => !KNOWN.has(k));
  if (unknown) throw new RangeParamsError(`Unknown parameter "${unknown.slice(0, 60)}".`);
  const { days } = daysParam.parse({ days: search.get("days") ?? undefined });
  if (days && (search.has("range") || search.has("from") || search.has("to")))
    throw new RangeParamsError("Give days, or range or from/to, not both.");
  const tz = scope.project.timeZone;
  const q = parseRangeParams(search, tz, { allowProps: false });
  const period = days ? lastDays(Number(days), tz) : { from: q.from, to: q.to };
  const locale = requestLocale(request);
  const t = translator(locale);
  const data = await dashboardData(scope, dashboardId, period, q.filters);
  const logo = await dashboardLogo(scope, dashboardId);
  const pdf = await dashboardPdf(data, {
    locale,
    generatedAt: new Date(),
    logo: logo ? await pdfLogo(logo.bytes, logo.type) : null,
    filterLabels: Object.fromEntries(Object.keys(q.filters).map((k) => [k, segmentFieldLabel(t, k)])),
  });
  const name = `${scope.project.name}-${data.dashboardName}`.replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 80);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}.pdf"`,
      "cache-control": "no-store",
    },
  });
});
