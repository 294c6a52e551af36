import { annotationsFor } from "../../db/annotations";
import type { ProjectScope } from "../../db/tenant";

/** A note a member put on a day or a range of days (db/annotations.ts), as reports show it. */
export type ReportNote = { from: string; to: string; text: string };

/**
 * The project's annotations that touch the instants [from, to) (read as the project's calendar
 * days), first day first, through the report's own scope: a digest's operator scope or a member's.
 */
export async function reportNotes(scope: ProjectScope, from: Date, to: Date): Promise<ReportNote[]> {
  return (await annotationsFor(scope, from, to)).map((a) => ({ from: a.from, to: a.to, text: a.note }));
}
