import { z } from "zod";
import { SEGMENT_FIELDS } from "../funnel/types";
import { SEGMENT_TABLES } from "../conversions/query";
import { splitFilterValues } from "../share-form";
import { shareFiltersProblem } from "../share-query";
import { hasUnstorableText } from "../text/safe";
import { NOTE_MAX, TILE_HEIGHTS, TILE_WIDTHS } from "./types";

/** Built-in segment filters, as a share link takes them (`source=a,b` is two sources; lib/share-query caps them). */
export const tileFiltersSchema = z
  .record(z.string(), z.array(z.string()))
  .transform(splitFilterValues)
  .superRefine((f, ctx) => {
    const problem = shareFiltersProblem(f);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const title = z.string().trim().max(100, "Keep the title under 100 characters.").optional();
const size = {
  width: z.union(TILE_WIDTHS.map((w) => z.literal(w))).default(1),
  height: z.union(TILE_HEIGHTS.map((h) => z.literal(h))).default(1),
};

/** A tile as an admin adds it: its kind and what that kind needs. */
export const tileInputSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("funnel"),
      funnelId: z.uuid("Choose a funnel."),
      title,
      filters: tileFiltersSchema.default({}),
      breakdown: z.enum(SEGMENT_FIELDS, "Break down by a built-in field.").optional(),
      ...size,
    }),
    z.strictObject({ kind: z.literal("goal"), goalId: z.uuid("Choose a goal."), title, ...size }),
    z.strictObject({
      kind: z.literal("segments"),
      field: z.enum(SEGMENT_TABLES, "Choose a segment field."),
      goalId: z.uuid("Choose a goal.").optional(),
      title,
      ...size,
    }),
    z.strictObject({ kind: z.literal("stages"), title, ...size }),
    z.strictObject({
      kind: z.literal("note"),
      text: z.string().trim().min(1, "Write the note.").max(NOTE_MAX, `Keep the note under ${NOTE_MAX} characters.`),
      title,
      ...size,
    }),
  ])
  .refine((v) => !hasUnstorableText(v), { message: "unsafe_text" });
export type TileInput = z.input<typeof tileInputSchema>;

export const tileSizeSchema = z.strictObject(size);
export type TileSize = z.input<typeof tileSizeSchema>;

export const dashboardInputSchema = z.strictObject({
  name: z.string().trim().min(1, "Name the dashboard.").max(100, "Keep the name under 100 characters."),
  description: z.string().trim().max(500, "Keep the description under 500 characters.").optional(),
});
export type DashboardInput = z.input<typeof dashboardInputSchema>;
