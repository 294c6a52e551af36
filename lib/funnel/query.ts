import { z } from "zod";
import { funnelStepsSchema, windowSchema } from "./validate";
import { SEGMENT_FIELDS, DEFAULT_WINDOW_SECONDS, type SegmentField, type SegmentFilters } from "./types";
import { isPreset, presetRange, PRESETS, zonedMidnight } from "./ranges";

export const fieldSchema = z.string().refine((f) => (SEGMENT_FIELDS as readonly string[]).includes(f) || /^prop:[\w.-]{1,100}$/.test(f), {
  message: `Use one of ${SEGMENT_FIELDS.join(", ")} or prop:<name>.`,
});
export const MAX_RANGE_MS = 400 * 86400_000;

export const filtersSchema = z
  .record(z.string(), z.array(z.string().max(200), "Filter values are a list of strings.").max(50, "At most 50 values per filter."), "filters is an object of field → list of values.")
  .superRefine((f, ctx) => {
    for (const key of Object.keys(f)) if (!fieldSchema.safeParse(key).success) ctx.addIssue({ code: "custom", path: [key], message: `Unknown filter field "${key}". Use one of ${SEGMENT_FIELDS.join(", ")} or prop:<name>.` });
  });

/** The body of POST /api/v1/funnels/query (see README: Query API). */
export const funnelQueryBodySchema = z
  .object({
    projectId: z.string().optional(),
    steps: funnelStepsSchema,
    window: windowSchema.default(DEFAULT_WINDOW_SECONDS),
    from: z.iso.datetime({ offset: true, message: "from must be an ISO 8601 time, like 2026-11-01T00:00:00Z." }),
    to: z.iso.datetime({ offset: true, message: "to must be an ISO 8601 time, like 2026-12-01T00:00:00Z." }),
    filters: filtersSchema.default({}),
    breakdown: fieldSchema.optional(),
    compare: z.boolean().default(false),
  })
  .refine((b) => Date.parse(b.from) < Date.parse(b.to), { message: "from must be before to.", path: ["from"] })
  .refine((b) => Date.parse(b.to) - Date.parse(b.from) <= MAX_RANGE_MS, { message: "The range can be at most 400 days.", path: ["to"] });

export type RangeAndSegments = { from: Date; to: Date; filters: SegmentFilters; breakdown?: SegmentField; compare: boolean; preset?: string };

/**
 * Range, filters, breakdown and compare from URL parameters (the dashboard's and GET results'):
 * `from`/`to` (ISO) or `range` (a preset, default 30d), `compare=1`, `breakdown=<field>`, and a
 * parameter per filter field, repeated for OR (`source=google&source=facebook`).
 */
export function parseRangeParams(params: URLSearchParams, timeZone: string, now = new Date()): RangeAndSegments {
  const errors: string[] = [];
  let from: Date;
  let to: Date;
  const preset = params.get("range") ?? undefined;
  if (params.get("from") || params.get("to")) {
    // Plain dates are whole local days in the project's time zone; `to` is the last day, included.
    const day = (v: string | null, add: number) => {
      const m = v?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
      return m ? zonedMidnight(Number(m[1]), Number(m[2]), Number(m[3]) + add, timeZone) : new Date(v ?? "");
    };
    from = day(params.get("from"), 0);
    to = day(params.get("to"), 1);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) errors.push("from and to must both be ISO 8601 times, like 2026-11-01T00:00:00Z.");
    else if (from >= to) errors.push("from must be before to.");
    else if (to.getTime() - from.getTime() > MAX_RANGE_MS) errors.push("The range can be at most 400 days.");
  } else {
    if (preset && !isPreset(preset)) errors.push(`range must be one of ${PRESETS.join(", ")}.`);
    ({ from, to } = presetRange(isPreset(preset) ? preset : "30d", timeZone, now));
  }
  const filters: SegmentFilters = {};
  for (const key of new Set(params.keys())) {
    if ((SEGMENT_FIELDS as readonly string[]).includes(key) || key.startsWith("prop:")) {
      if (!fieldSchema.safeParse(key).success) errors.push(`Unknown filter field "${key}".`);
      filters[key as SegmentField] = params.getAll(key).flatMap((v) => v.split(",")).filter(Boolean).slice(0, 50);
    }
  }
  const breakdown = params.get("breakdown") || undefined;
  if (breakdown && !fieldSchema.safeParse(breakdown).success) errors.push(`Unknown breakdown field "${breakdown}". Use one of ${SEGMENT_FIELDS.join(", ")} or prop:<name>.`);
  if (errors.length) throw new RangeParamsError(errors.join(" "));
  return { from: from!, to: to!, filters, breakdown: breakdown as SegmentField | undefined, compare: params.get("compare") === "1" || params.get("compare") === "true", preset };
}

export class RangeParamsError extends Error {}
