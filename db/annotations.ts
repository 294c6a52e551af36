import { and, asc, desc, eq, gte, lte } from "drizzle-orm";
import type { ProjectScope } from "./tenant";
import { isUuid } from "./tenant";
import { annotations } from "./schema";
import { notFound } from "../lib/errors";
import { localIsoDay } from "../lib/funnel/ranges";
import { annotationInputSchema, ANNOTATIONS_PER_CHART, type Annotation, type AnnotationInput } from "../lib/annotations/types";

type AnnotationRow = typeof annotations.$inferSelect;
const view = (r: AnnotationRow): Annotation => ({ id: r.id, from: r.startsOn, to: r.endsOn, note: r.note });

/**
 * The project's annotations that overlap the instants [from, to) (read as the project's calendar
 * days), first day first: for trend charts, dashboards, share pages and digests. Any scope of the
 * project (a member, a read key, a share link); at most ANNOTATIONS_PER_CHART, the newest days kept.
 */
export async function annotationsFor(scope: ProjectScope, from: Date, to: Date): Promise<Annotation[]> {
  const tz = scope.project.timeZone;
  const firstDay = localIsoDay(from, tz);
  // `to` is exclusive: its local day counts only when `to` is after that day's midnight.
  const lastDay = localIsoDay(new Date(to.getTime() - 1), tz);
  if (lastDay < firstDay) return [];
  const rows = await scope.db
    .select()
    .from(annotations)
    .where(and(eq(annotations.projectId, scope.projectId), lte(annotations.startsOn, lastDay), gte(annotations.endsOn, firstDay)))
    .orderBy(desc(annotations.startsOn), desc(annotations.createdAt))
    .limit(ANNOTATIONS_PER_CHART);
  return rows.reverse().map(view);
}

/** All of the project's annotations, newest day first (the list to manage them). Any member. */
export async function listAnnotations(scope: ProjectScope, limit = 500): Promise<Annotation[]> {
  const rows = await scope.db
    .select()
    .from(annotations)
    .where(eq(annotations.projectId, scope.projectId))
    .orderBy(desc(annotations.startsOn), asc(annotations.createdAt))
    .limit(limit);
  return rows.map(view);
}

/** Marks a day or a range of days with a note. Admins only (a viewer changes nothing). */
export async function createAnnotation(scope: ProjectScope, input: AnnotationInput): Promise<Annotation> {
  scope.require("admin");
  const data = annotationInputSchema.parse(input);
  const [row] = await scope.db
    .insert(annotations)
    .values({
      projectId: scope.projectId,
      startsOn: data.from,
      endsOn: data.to ?? data.from,
      note: data.note,
      createdBy: scope.actor.kind === "member" && isUuid(scope.actor.userId) ? scope.actor.userId : null,
    })
    .returning();
  return view(row);
}

/** Deletes an annotation. Admins only; another project's annotation is 404. */
export async function deleteAnnotation(scope: ProjectScope, annotationId: string): Promise<void> {
  scope.require("admin");
  if (!isUuid(annotationId)) throw notFound("Annotation not found");
  const done = await scope.db
    .delete(annotations)
    .where(and(eq(annotations.projectId, scope.projectId), eq(annotations.id, annotationId)))
    .returning({ id: annotations.id });
  if (!done.length) throw notFound("Annotation not found");
}
