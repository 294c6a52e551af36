import { csvLine, fileSlug, CSV_STANDARD, type CsvDialect } from "../conversions/csv";
import type { AudienceMember } from "./types";

/** The audience file formats of GET /api/v1/funnels/:id/audience. */
export const AUDIENCE_FORMATS = ["csv", "ndjson"] as const;
export type AudienceFormat = (typeof AUDIENCE_FORMATS)[number];

export const AUDIENCE_CSV_HEADER = ["person_id", "user_id", "anonymous_ids", "entry_source", "entry_time", "last_seen", "traits"];

/** One audience member as CSV cells: anonymous ids space-separated, times ISO 8601 UTC, traits as JSON text. */
function csvCells(m: AudienceMember): (string | null)[] {
  return [
    m.personId,
    m.userId,
    m.anonymousIds.join(" "),
    m.entrySource,
    m.entryTime.toISOString(),
    m.lastSeen?.toISOString() ?? null,
    JSON.stringify(m.traits),
  ];
}

/** The text of one page of members in a format (CSV rows without header in the reader's dialect, or one JSON object per line). */
export function audienceChunk(format: AudienceFormat, page: AudienceMember[], dialect: CsvDialect = CSV_STANDARD): string {
  if (format === "csv") return page.map((m) => csvLine(csvCells(m), dialect)).join("");
  return page
    .map(
      (m) =>
        JSON.stringify({
          person_id: m.personId,
          user_id: m.userId,
          anonymous_ids: m.anonymousIds,
          entry_source: m.entrySource,
          entry_time: m.entryTime.toISOString(),
          last_seen: m.lastSeen?.toISOString() ?? null,
          traits: m.traits,
        }) + "\n",
    )
    .join("");
}

/** `<funnel>-dropped-after-step-<k>-<first day>_<last day>.<ext>`, days in the project's time zone (`to` is exclusive). */
export function audienceFileName(funnelName: string, step: number, from: Date, to: Date, timeZone: string, format: AudienceFormat): string {
  const day = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  return `${fileSlug(funnelName)}-dropped-after-step-${step}-${day(from)}_${day(new Date(to.getTime() - 1))}.${format}`;
}

/** The download's deadline passed before the reader finished (the stream ends with this error). */
export class AudienceDeadlineError extends Error {}

/**
 * A byte stream of `head` and then each page the generator yields, pulled one page at a time, so the
 * server holds one page's text however large the audience. The stream ends by `deadlineMs` after it
 * was made, read or not (a reader that stops reading cannot keep it, or its slot, forever);
 * `onEnd` runs exactly once when it ends in any way: done, failed, cancelled or past the deadline.
 */
export function pageStream<T>(
  head: string,
  pages: AsyncGenerator<T[]>,
  render: (page: T[]) => string,
  opts: { deadlineMs: number; onEnd: () => void },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let ended = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const end = () => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    void pages.return(undefined).catch(() => {});
    opts.onEnd();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setTimeout(() => {
        if (ended) return;
        end();
        try {
          controller.error(new AudienceDeadlineError(`The audience download was not read within ${Math.round(opts.deadlineMs / 1000)} s.`));
        } catch {
          /* already closed */
        }
      }, opts.deadlineMs);
      timer.unref?.();
      if (head) controller.enqueue(encoder.encode(head));
    },
    async pull(controller) {
      if (ended) return;
      try {
        const next = await pages.next();
        if (ended) return;
        if (next.done) {
          end();
          return controller.close();
        }
        controller.enqueue(encoder.encode(render(next.value)));
      } catch (err) {
        if (ended) return;
        console.error("[trechter] audience stream failed", err);
        end();
        controller.error(err);
      }
    },
    cancel() {
      end();
    },
  });
}
