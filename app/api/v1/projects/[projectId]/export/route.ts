import { apiTeamScope } from "@/server/guard";
import { errorResponse, json, route } from "@/server/api-route";
import { EXPORT_DEADLINE_MS, exportSlot, openEventExport } from "@/db/queries/export/eventExport";
import { exportChunk, exportFileName, exportHead, parseExportQuery } from "@/lib/export/events";
import { pageStream } from "@/lib/funnel/audience-export";

/**
 * A project's events for a range of days, streamed as NDJSON (default) or CSV, for a data-access
 * request or to take the data elsewhere. A signed-in admin or owner of the project's team only:
 * read keys (bearer) are refused with 403, since a read key reads aggregates and an export hands
 * over every visitor's events. At most EXPORT_MAX_ROWS events per download (422: split the range);
 * one export per project at a time; `x-export-rows` is the number of events the file holds. With
 * `check=1` it only counts (`{ "rows": n }`, or the same errors), which the settings page asks first.
 */
export const GET = route<{ params: Promise<{ projectId: string }> }>(async (request, { params }) => {
  const { projectId } = await params;
  if (request.headers.get("authorization"))
    return errorResponse(
      403,
      "forbidden",
      "Read keys cannot export events. Sign in as an admin or owner of the project's team and download the export from its settings.",
    );
  const scope = (await (await apiTeamScope()).project(projectId)).require("admin");
  const q = parseExportQuery(new URL(request.url).searchParams, scope.project.timeZone);
  if (q.check)
    return json({ rows: (await openEventExport(scope, q, { countOnly: true })).rows }, { headers: { "cache-control": "no-store" } });
  const release = exportSlot(scope.projectId);
  let opened;
  try {
    opened = await openEventExport(scope, q);
  } catch (err) {
    release();
    throw err;
  }
  return new Response(
    pageStream(exportHead(q.format), opened.pages, (page) => exportChunk(q.format, page), {
      deadlineMs: EXPORT_DEADLINE_MS,
      onEnd: release,
    }),
    {
      headers: {
        "content-type": q.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="${exportFileName(scope.project.name, q)}"`,
        "cache-control": "no-store",
        "x-export-rows": String(opened.rows),
      },
    },
  );
});
