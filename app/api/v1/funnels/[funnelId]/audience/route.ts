import { apiFunnel } from "@/db/guard";
import { checkAudienceStep, dropOffAudience } from "@/db/queries/funnel/dropOffAudience";
import { parseRangeParams, RangeParamsError } from "@/lib/funnel/query";
import { AUDIENCE_CSV_HEADER, AUDIENCE_FORMATS, audienceChunk, audienceFileName, pageStream, type AudienceFormat } from "@/lib/funnel/audienceExport";
import { csvLine } from "@/lib/conversions/csv";
import { errorResponse, route } from "@/lib/http";

/**
 * Who dropped off after a step of a saved funnel (reached `step`, not `step + 1`), streamed as CSV
 * (default) or NDJSON; read key (its own project's funnels only) or a member's session, any role.
 */
export const GET = route<{ params: Promise<{ funnelId: string }> }>(async (request, { params }) => {
  const { funnelId } = await params;
  const { scope, funnel } = await apiFunnel(request, funnelId);
  const search = new URL(request.url).searchParams;
  const format = (search.get("format") ?? "csv") as AudienceFormat;
  if (!AUDIENCE_FORMATS.includes(format)) return errorResponse(400, "invalid_input", `format must be one of ${AUDIENCE_FORMATS.join(", ")}.`);
  const stepText = search.get("step") ?? "";
  const step = /^\d{1,3}$/.test(stepText) ? Number(stepText) : NaN;
  checkAudienceStep(step, funnel.steps.length);
  let q;
  try {
    q = parseRangeParams(search, scope.project.timeZone);
  } catch (err) {
    if (err instanceof RangeParamsError) return errorResponse(400, "invalid_input", err.message);
    throw err;
  }
  const pages = dropOffAudience(scope, { steps: funnel.steps, windowSeconds: funnel.windowSeconds, from: q.from, to: q.to, filters: q.filters, step });
  // The first page before answering: the engine runs now, so its errors still become JSON answers.
  const first = await pages.next();
  const head = format === "csv" ? csvLine(AUDIENCE_CSV_HEADER) : "";
  const filename = audienceFileName(funnel.name, step, q.from, q.to, scope.project.timeZone, format);
  return new Response(pageStream(head, first, pages, (page) => audienceChunk(format, page)), {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});
