import type { ProjectScope } from "../../db/tenant";

/** A note a member put on a day or a range of days (db/annotations.ts), as reports show it. */
export type ReportNote = { from: string; to: string; text: string };

/**
 * The project's annotations that touch [from, to). Until the annotations of issue 19 land
 * (db/annotations.ts, another helper's part), there are none to show.
 */
export async function reportNotes(_scope: ProjectScope, _from: Date, _to: Date): Promise<ReportNote[]> {
  return [];
}
