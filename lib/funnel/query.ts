import { z } from "zod";
import { windowSchema, definitionStepsSchema, funnelRulesShape, checkFunnelRules } from "./validate";
import { unknownKeys } from "./matcher-schema";
import { withoutProtoKey } from "../text/proto-key";
import {
  SEGMENT_FIELDS,
  DEFAULT_WINDOW_SECONDS,
  isBuiltinSegmentField,
  isSegmentField,
  type SegmentField,
  type SegmentFilters,
} from "./types";
import { isPreset, isRealDay, presetRange, PRESETS, zonedMidnight } from "./ranges";
import { isStorableText } from "../text/safe";
import { TREND_UNITS, isTrendUnit, type TrendUnit } from "./periods";
import { InputError } from "../errors";

/**
 * Hard caps on what one request may ask of the engine (Hardening #4: 600 `segment=` fields ran for
 * minutes). One parser for URL parameters (parseRangeParams) and the same caps in the JSON bodies.
 */
export const PARAM_LIMITS = {
  /** filter fields in one request */
  filterFields: 10,
  /** values per filter field (OR) */
  values: 20,
  /** characters per filter value */
  valueLength: 200,
  /** `segment=` tables in one request */
  segments: 10,
  /** dates outside these years are refused (PostgreSQL and JS disagree far out; nobody has data there) */
  minYear: 2000,
  maxYear: 2100,
} as const;

export const fieldSchema = z.string().refine((f) => isSegmentField(f), {
  message: `Use one of ${SEGMENT_FIELDS.join(", ")} or prop:<name>.`,
});
export const MAX_RANGE_MS = 400 * 86400_000;

/** The range rules of every query body (funnels, goals): `from` before `to`, at most 400 days apart. */
export function checkRange<T extends z.ZodType<{ from: string; to: string }>>(schema: T): T {
  return schema
    .refine((b) => Date.parse(b.from) < Date.parse(b.to), { message: "from must be before to.", path: ["from"] })
    .refine((b) => Date.parse(b.to) - Date.parse(b.from) <= MAX_RANGE_MS, { message: "The range can be at most 400 days.", path: ["to"] });
}

const filterValue = z
  .string()
  .max(PARAM_LIMITS.valueLength, `Filter values are at most ${PARAM_LIMITS.valueLength} characters.`)
  .refine((v) => isStorableText(v), "Filter values cannot contain NUL characters or lone surrogates.");

export const filtersSchema = withoutProtoKey(
  z
    .record(
      z.string(),
      z
        .array(filterValue, "Filter values are a list of strings.")
        .max(PARAM_LIMITS.values, `At most ${PARAM_LIMITS.values} values per filter.`),
      "filters is an object of field → list of values.",
    )
    .superRefine((f, ctx) => {
      const keys = Object.keys(f);
      if (keys.length > PARAM_LIMITS.filterFields)
        ctx.addIssue({ code: "custom", path: [], message: `At most ${PARAM_LIMITS.filterFields} filter fields per query.` });
      for (const key of keys)
        if (!fieldSchema.safeParse(key).success)
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `Unknown filter field "${key}". Use one of ${SEGMENT_FIELDS.join(", ")} or prop:<name>.`,
          });
    }),
  `Unknown filter field "__proto__". Use one of ${SEGMENT_FIELDS.join(", ")} or prop:<name>.`,
);

const inYears = (v: string) => {
  const y = new Date(v).getUTCFullYear();
  return y >= PARAM_LIMITS.minYear && y <= PARAM_LIMITS.maxYear;
};
const yearsText = `between ${PARAM_LIMITS.minYear} and ${PARAM_LIMITS.maxYear}`;
/** An ISO 8601 time with an offset, in the years the service accepts, for JSON bodies. */
export const instantSchema = (name: "from" | "to", example: string) =>
  z.preprocess(
    // RFC 3339 allows a lowercase "t" and "z", as the URL parameters' parser does (INSTANT below).
    (v) => (typeof v === "string" ? v.replace(/^(\d{4}-\d{2}-\d{2})t/, "$1T").replace(/z$/, "Z") : v),
    z.iso
      .datetime({ offset: true, message: `${name} must be an ISO 8601 time, like ${example}.` })
      .refine(inYears, `${name} must be a time ${yearsText}.`),
  );

/**
 * The body of POST /api/v1/funnels/query with the whole definition (DESIGN.md, "Funnel definitions"):
 * steps with lists of names, conditions, optional and within; order, exclusions, hold, timeToConvert.
 * Unknown keys are refused. `sample: true` asks for the quick estimate (db/queries/funnel/sample.ts).
 */
export const funnelDefinitionQueryBodySchema = checkRange(
  z
    .strictObject(
      {
        projectId: z.string().optional(),
        steps: definitionStepsSchema,
        window: windowSchema.default(DEFAULT_WINDOW_SECONDS),
        ...funnelRulesShape,
        from: instantSchema("from", "2026-11-01T00:00:00Z"),
        to: instantSchema("to", "2026-12-01T00:00:00Z"),
        filters: filtersSchema.default({}),
        breakdown: fieldSchema.optional(),
        compare: z.boolean().default(false),
        unit: z.enum(TREND_UNITS, `unit must be one of ${TREND_UNITS.join(", ")}.`).optional(),
        /** answer from a deterministic sample of people when the funnel reads many events (the answer's `estimate` says so); also `?estimate=1` */
        sample: z.boolean("sample is true or false.").default(false),
      },
      { error: unknownKeys("The query") },
    )
    .superRefine((b, ctx) => checkFunnelRules(b, b.window, ctx)),
);

export type RangeAndSegments = {
  from: Date;
  to: Date;
  filters: SegmentFilters;
  breakdown?: SegmentField;
  compare: boolean;
  /** `unit=day|week|month`: the trend's periods (default by the range's length) */
  trendUnit?: TrendUnit;
  preset?: string;
  /** `segment=<field>` tables (the conversions overview), deduplicated */
  segments: SegmentField[];
  /** `ttc=a-b`: the steps the time-to-convert distribution runs between (1-based, a < b) */
  timeToConvert?: { from: number; to: number };
};

/** The highest step number `ttc=` may name (the most steps a funnel has, DESIGN.md "Limits"). */
const TTC_MAX_STEP = 30;

export type RangeParamsOptions = {
  now?: Date;
  /** false: `prop:` fields are refused everywhere (share links: they would list raw property values) */
  allowProps?: boolean;
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_DAY = /^(\d{4})-(\d{2})-(\d{2})T/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Range, filters, breakdown, compare and segment tables from URL parameters (the dashboard's, GET
 * results', the audience's, the conversions overview's): `from`/`to` (YYYY-MM-DD, whole local days,
 * `to` included; or ISO 8601 times with an offset) or `range` (a preset, default 30d), `compare=1`,
 * `breakdown=<field>`, `unit=day|week|month` (the trend), `segment=<field>` (repeated), and a parameter per filter field, repeated or
 * comma-separated for OR (`source=google&source=facebook`). Everything is capped (PARAM_LIMITS);
 * anything wrong is a RangeParamsError (a 400) that names the parameter.
 */
export function parseRangeParams(params: URLSearchParams, timeZone: string, options: Date | RangeParamsOptions = {}): RangeAndSegments {
  const opts: RangeParamsOptions = options instanceof Date ? { now: options } : options;
  const now = opts.now ?? new Date();
  const allowProps = opts.allowProps ?? true;
  const fieldsText = allowProps ? `${SEGMENT_FIELDS.join(", ")} or prop:<name>` : SEGMENT_FIELDS.join(", ");
  const errors: string[] = [];
  let from: Date | undefined;
  let to: Date | undefined;
  const preset = params.get("range") ?? undefined;
  if (params.has("from") || params.has("to")) {
    // Plain dates are whole local days in the project's time zone; `to` is the last day, included.
    const instant = (name: "from" | "to", add: number): Date | undefined => {
      const v = params.getAll(name);
      if (v.length !== 1) {
        errors.push(v.length ? `Give ${name} once.` : `${name} is missing: give both from and to, like from=2026-11-01&to=2026-11-30.`);
        return undefined;
      }
      const day = v[0].match(DAY) ?? v[0].match(INSTANT_DAY);
      // 2026-02-30 would roll over into March: a day that does not exist is named, not reordered.
      if (day && !isRealDay(Number(day[1]), Number(day[2]), Number(day[3]))) {
        errors.push(`${name}: ${v[0].slice(0, 40)} is not a real date; give a day that exists, like 2026-11-01.`);
        return undefined;
      }
      const plain = v[0].match(DAY);
      const y = Number(v[0].slice(0, 4));
      const parsed = plain
        ? zonedMidnight(y, Number(plain[2]), Number(plain[3]) + add, timeZone)
        : INSTANT.test(v[0])
          ? new Date(v[0])
          : new Date(NaN);
      const valid = !Number.isNaN(parsed.getTime());
      if (!valid || y < PARAM_LIMITS.minYear || y > PARAM_LIMITS.maxYear) {
        errors.push(`${name} must be a date ${yearsText}, like 2026-11-01, or an ISO 8601 time like 2026-11-01T00:00:00Z.`);
        return undefined;
      }
      return parsed;
    };
    from = instant("from", 0);
    to = instant("to", 1);
    if (from && to) {
      if (from >= to) errors.push("from must be before to.");
      else if (to.getTime() - from.getTime() > MAX_RANGE_MS) errors.push("The range can be at most 400 days.");
    }
  } else {
    if (preset && !isPreset(preset)) errors.push(`range must be one of ${PRESETS.join(", ")}.`);
    ({ from, to } = presetRange(isPreset(preset) ? preset : "30d", timeZone, now));
  }

  const filters: SegmentFilters = {};
  const keys = [...new Set(params.keys())].filter((k) => isBuiltinSegmentField(k) || k.startsWith("prop:"));
  if (keys.length > PARAM_LIMITS.filterFields) errors.push(`At most ${PARAM_LIMITS.filterFields} filter fields per request.`);
  for (const key of keys.slice(0, PARAM_LIMITS.filterFields)) {
    if (!isSegmentField(key, allowProps)) {
      errors.push(
        allowProps
          ? `Unknown filter field "${key}". Property filters are prop:<name> with letters, digits, _ . or -.`
          : `Filter "${key}" is not allowed here. Filter on ${fieldsText}.`,
      );
      continue;
    }
    const values = [
      ...new Set(
        params
          .getAll(key)
          .flatMap((v) => v.split(","))
          .filter(Boolean),
      ),
    ];
    if (values.length > PARAM_LIMITS.values) errors.push(`${key}: at most ${PARAM_LIMITS.values} values per filter.`);
    else if (values.some((v) => v.length > PARAM_LIMITS.valueLength))
      errors.push(`${key}: filter values are at most ${PARAM_LIMITS.valueLength} characters.`);
    else if (values.some((v) => !isStorableText(v))) errors.push(`${key}: filter values cannot contain NUL characters or lone surrogates.`);
    else filters[key] = values;
  }

  const breakdowns = params.getAll("breakdown").filter(Boolean);
  const breakdown = breakdowns[0];
  if (breakdowns.length > 1) errors.push("Give breakdown once.");
  else if (breakdown && !isSegmentField(breakdown, allowProps))
    errors.push(`Unknown breakdown field "${breakdown.slice(0, 120)}". Use one of ${fieldsText}.`);

  const segments = [
    ...new Set(
      params
        .getAll("segment")
        .flatMap((v) => v.split(","))
        .filter(Boolean),
    ),
  ];
  if (segments.length > PARAM_LIMITS.segments) errors.push(`At most ${PARAM_LIMITS.segments} segment tables per request.`);
  else {
    const bad = segments.find((f) => !isSegmentField(f, allowProps));
    if (bad !== undefined) errors.push(`Unknown segment field "${bad.slice(0, 120)}". Use one of ${fieldsText}.`);
  }

  const units = params.getAll("unit");
  if (units.length > 1) errors.push("Give unit once.");
  else if (units.length && !isTrendUnit(units[0])) errors.push(`unit must be one of ${TREND_UNITS.join(", ")}.`);

  // `ttc=a-b`: the time-to-convert chart between steps a and b (the report checks them against the funnel's steps).
  const ttcs = params.getAll("ttc");
  const ttc = ttcs[0]?.match(/^(\d{1,2})-(\d{1,2})$/);
  if (ttcs.length > 1) errors.push("Give ttc once.");
  else if (ttcs.length && (!ttc || Number(ttc[1]) < 1 || Number(ttc[1]) >= Number(ttc[2]) || Number(ttc[2]) > TTC_MAX_STEP))
    errors.push(`ttc is two step numbers, the first before the second, like ttc=1-3 (steps 1 to ${TTC_MAX_STEP}).`);

  if (errors.length) throw new RangeParamsError(errors.join(" "));
  return {
    from: from!,
    to: to!,
    filters,
    breakdown: breakdown as SegmentField | undefined,
    compare: params.get("compare") === "1" || params.get("compare") === "true",
    ...(units.length ? { trendUnit: units[0] as TrendUnit } : {}),
    ...(ttc ? { timeToConvert: { from: Number(ttc[1]), to: Number(ttc[2]) } } : {}),
    preset,
    segments: segments as SegmentField[],
  };
}

/** A URL parameter of a report is wrong (named in the message): a 400. */
export class RangeParamsError extends InputError {}
