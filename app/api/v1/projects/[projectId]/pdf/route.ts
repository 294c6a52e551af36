import { z } from "zod";
import { apiProjectScope } from "@/server/guard";
import { route } from "@/server/api-route";
import { requestLocale } from "@/lib/i18n/locales";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { segmentFieldLabel } from "@/lib/funnel/field-label";
import { SEGMENT_FIELDS } from "@/lib/funnel/types";
import { reportData } from "@/server/digest/data";
import { translator } from "@/server/digest/format";
import { reportPdf } from "@/server/pdf/report";

/** What the page's URL may carry besides the report: the dashboard's range, filter and trend parameters. */
const KNOWN = new Set<string>(["report", "funnel", "range", "from", "to", "compare", "unit", "breakdown", "segment", ...SEGMENT_FIELDS]);
const reportParams = z.strictObject({
  report: z.enum(["funnel", "conversions"]),
  funnel: z.uuid("funnel must be a funnel's id.").optional(),
});

/**
 * A report as an A4 PDF (server/pdf/report.ts), in the reader's language: `report=funnel&funnel=<id>`
 * or `report=conversions`, with the page's own range and filters (`range=30d`, `from`/`to`,
 * `device=mobile`, …; lib/funnel/query parseRangeParams). Any member of the project's team, or the
 * project's read key (`Authorization: Bearer …`).
 */
export const GET = route<{ params: Promise<{ projectId: string }> }>(async (request, { params }) => {
  const { projectId } = await params;
  const scope = await apiProjectScope(request, projectId);
  const search = new URL(request.url).searchParams;
  const unknown = [...search.keys()].find((k) => !KNOWN.has(k) && !k.startsWith("prop:"));
  if (unknown) throw new RangeParamsError(`Unknown parameter "${unknown.slice(0, 60)}".`);
  const which = reportParams.parse({ report: search.get("report") ?? undefined, funnel: search.get("funnel") ?? undefined });
  if (which.report === "funnel" && !which.funnel) throw new RangeParamsError("funnel is missing: give the funnel's id.");
  const q = parseRangeParams(search, scope.project.timeZone);
  const locale = requestLocale(request);
  const t = translator(locale);
  const data = await reportData(scope, { report: which.report, funnelId: which.funnel, filters: q.filters }, { from: q.from, to: q.to });
  const pdf = await reportPdf(data, {
    locale,
    generatedAt: new Date(),
    filterLabels: Object.fromEntries(Object.keys(q.filters).map((k) => [k, segmentFieldLabel(t, k)])),
  });
  const name = `${scope.project.name}-${data.title ?? which.report}`.replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 80);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}.pdf"`,
      "cache-control": "no-store",
    },
  });
});
