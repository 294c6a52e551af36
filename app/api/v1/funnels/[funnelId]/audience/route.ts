import { apiFunnel } from "@/server/guard";
import { funnelDefinitionOf } from "@/db/funnels";
import { checkAudienceStep, openDropOffAudience } from "@/db/queries/funnel/dropOffAudience";
import { audienceSlot, AUDIENCE_DEADLINE_MS } from "@/db/limits";
import { parseRangeParams } from "@/lib/funnel/query";
import { AUDIENCE_CSV_HEADER, AUDIENCE_FORMATS, audienceChunk, audienceFileName, pageStream } from "@/lib/funnel/audience-export";
import { isOneOf } from "@/lib/one-of";
import { csvDialect, csvLine } from "@/lib/conversions/csv";
import { requestLocale } from "@/lib/i18n/locales";
import { errorResponse, route } from "@/server/api-route";

/**
 * Who dropped off after a step of a saved funnel (reached `step`, not `step + 1`), streamed as CSV
 * (default) or NDJSON; read key (its own project's funnels only) or a member's session, any role.
 * One download per project at a time (429 otherwise); at most AUDIENCE_MAX_ROWS people (422: narrow
 * the range); the file must be read within AUDIENCE_DEADLINE_MS. `x-audience-size` says how many
 * people the file holds, so a client can tell a complete file from a cut-off one.
 */
export const GET = route<{ params: Promise<{ funnelId: string }> }>(async (request, { params }) => {
  const { funnelId } = await params;
  const { scope, funnel } = await apiFunnel(request, funnelId);
  const search = new URL(request.url).searchParams;
  const format = search.get("format") ?? "csv";
  if (!isOneOf(AUDIENCE_FORMATS, format))
    return errorResponse(400, "invalid_input", `format must be one of ${AUDIENCE_FORMATS.join(", ")}.`);
  const stepText = search.get("step") ?? "";
  const step = /^\d{1,3}$/.test(stepText) ? Number(stepText) : NaN;
  checkAudienceStep(step, funnel.steps.length);
  const q = parseRangeParams(search, scope.project.timeZone);
  const release = audienceSlot(scope.projectId);
  let audience;
  try {
    // The engine runs now, in one statement, so its errors (and a too large audience) are JSON answers.
    audience = await openDropOffAudience(scope, {
      ...funnelDefinitionOf(funnel),
      from: q.from,
      to: q.to,
      filters: q.filters,
      step,
    });
  } catch (err) {
    release();
    throw err;
  }
  // The reader's spreadsheet dialect (a Dutch reader: ";"); a client without cookie or Accept-Language gets RFC 4180's ",".
  const dialect = csvDialect(requestLocale(request));
  const head = format === "csv" ? csvLine(AUDIENCE_CSV_HEADER, dialect) : "";
  const filename = audienceFileName(funnel.name, step, q.from, q.to, scope.project.timeZone, format);
  return new Response(
    pageStream(head, audience.pages, (page) => audienceChunk(format, page, dialect), { deadlineMs: AUDIENCE_DEADLINE_MS, onEnd: release }),
    {
      headers: {
        "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-audience-size": String(audience.size),
      },
    },
  );
});
