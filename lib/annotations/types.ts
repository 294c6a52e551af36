import { z } from "zod";
import { isRealDay } from "../funnel/ranges";
import { hasUnstorableText } from "../text/safe";

/** A note on a day or a run of days of the project's calendar (first and last day included, YYYY-MM-DD). */
export type Annotation = { id: string; from: string; to: string; note: string };

export const ANNOTATION_NOTE_MAX = 200;
/** At most this many annotations are drawn on one chart (the newest ones win; the list says how many were left out). */
export const ANNOTATIONS_PER_CHART = 100;

const plainDay = (message: string) =>
  z
    .string(message)
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((v) => {
      const [y, m, d] = v.split("-").map(Number);
      return y >= 2000 && y <= 2100 && isRealDay(y, m, d);
    }, message);

/** An annotation as a member enters it: one day (`to` left out) or a range of at most a year. */
export const annotationInputSchema = z
  .strictObject({
    from: plainDay("Enter a start date."),
    to: plainDay("Enter an end date.").optional(),
    note: z.string().trim().min(1, "Write the note.").max(ANNOTATION_NOTE_MAX, `Keep the note under ${ANNOTATION_NOTE_MAX} characters.`),
  })
  .refine((v) => !v.to || v.to >= v.from, { message: "The end date cannot be before the start date.", path: ["to"] })
  .refine((v) => !v.to || Date.parse(v.to) - Date.parse(v.from) <= 366 * 86400_000, {
    message: "An annotation spans at most a year.",
    path: ["to"],
  })
  .refine((v) => !hasUnstorableText(v.note), { message: "unsafe_text", path: ["note"] });
export type AnnotationInput = z.input<typeof annotationInputSchema>;

/**
 * Which of a chart's periods (each the first day of a day, week or month, YYYY-MM-DD, in order) an
 * annotation falls in: the first and last index it touches, or null when it lies outside them all.
 * A period runs until the next one starts; the last one lasts `lastDays` days.
 */
export function annotationSpan(periods: string[], a: { from: string; to: string }, lastDays = 1): { start: number; end: number } | null {
  if (!periods.length) return null;
  const endOf = (i: number) =>
    i + 1 < periods.length
      ? periods[i + 1]
      : new Date(Date.parse(periods[i] + "T00:00:00Z") + lastDays * 86400_000).toISOString().slice(0, 10);
  let start = -1;
  let end = -1;
  for (let i = 0; i < periods.length; i++) {
    // Period i covers [periods[i], endOf(i)); the annotation covers [from, to] (days, inclusive).
    if (a.from < endOf(i) && a.to >= periods[i]) {
      if (start < 0) start = i;
      end = i;
    }
  }
  return start < 0 ? null : { start, end };
}
