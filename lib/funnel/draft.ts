import {
  CONDITION_OPERATORS,
  DEFAULT_WINDOW_SECONDS,
  type ConditionOperator,
  type FunnelExclusion,
  type FunnelOrder,
  type FunnelStepDefinition,
  type FunnelStepMatch,
  type PropertyValue,
  type SegmentField,
  type StepCondition,
} from "./types";

/**
 * The editor's working copy of a funnel definition: what the fields hold (text, numbers the reader
 * typed, ids that keep rows and focus while steps move), and its translation into the definition the
 * action and the preview take (`toDefinition`). Exclusions name their steps by id, so reordering the
 * steps keeps what they mean.
 */
export const UNIT_SECONDS = { minutes: 60, hours: 3600, days: 86400 } as const;
export type TimeUnit = keyof typeof UNIT_SECONDS;

export type DraftCondition = {
  id: string;
  property: string;
  operator: ConditionOperator;
  /** is, is not, contains, does not contain, starts with: the text; one of: values separated by commas */
  text: string;
  /** >, ≥, <, ≤: the number typed in the reader's locale (null while it is not one) */
  number: number | null;
};
export type DraftMatch = { events: string[]; path: string; conditions: DraftCondition[] };
export type DraftStep = DraftMatch & {
  id: string;
  label: string;
  optional: boolean;
  /** "none": no limit of its own; else "within N units of the previous step" */
  withinUnit: TimeUnit | "none";
  withinValue: number | null;
};
export type DraftExclusion = DraftMatch & { id: string; afterStep: string; beforeStep: string };
export type DraftHold = { id: string; field: string; property: string };
export type Draft = {
  name: string;
  description: string;
  windowValue: number | null;
  windowUnit: TimeUnit;
  steps: DraftStep[];
  order: FunnelOrder;
  exclusions: DraftExclusion[];
  hold: DraftHold[];
  /** the saved time-to-convert steps: kept as they are (the results page chooses others in its URL) */
  timeToConvert?: { from: number; to: number };
};

/** What the editor opens: a saved funnel's definition (or nothing, for a new one). */
export type EditorInitial = {
  id: string;
  name: string;
  description: string;
  steps: FunnelStepDefinition[];
  windowSeconds: number;
  order?: FunnelOrder;
  exclusions?: FunnelExclusion[];
  hold?: SegmentField[];
  timeToConvert?: { from: number; to: number };
};

export const NUMERIC_OPERATORS: readonly ConditionOperator[] = ["gt", "gte", "lt", "lte"];
export const VALUELESS_OPERATORS: readonly ConditionOperator[] = ["exists", "not_exists"];
export const isOperator = (v: string): v is ConditionOperator => (CONDITION_OPERATORS as readonly string[]).includes(v);

let seq = 0;
/**
 * A row id for a row added in the browser, unique in this page. Rows of the opened definition get ids
 * from their place instead (initialDraft), so the server's HTML and the browser's first render agree
 * (React keeps the server's attributes on hydration, and the reorder hook finds rows by this id).
 */
export const newId = (kind: string) => `${kind}-new-${++seq}`;

export function largestUnit(seconds: number): TimeUnit {
  return seconds % 86400 === 0 ? "days" : seconds % 3600 === 0 ? "hours" : "minutes";
}

/** Text typed for an equality: "true"/"false" are booleans, a plain decimal ("51", "-2.5", not "007") a number, else the text. */
export function scalar(raw: string): PropertyValue {
  const v = raw.trim();
  if (v === "true") return true;
  if (v === "false") return false;
  if (v !== "" && String(Number(v)) === v) return Number(v);
  return v;
}

const valueText = (v: PropertyValue | PropertyValue[] | undefined): string =>
  v === undefined ? "" : Array.isArray(v) ? v.map(String).join(", ") : String(v);

export function draftCondition(c: Partial<StepCondition> = {}, id = newId("condition")): DraftCondition {
  const operator = c.operator ?? "is";
  const numeric = NUMERIC_OPERATORS.includes(operator);
  return {
    id,
    property: c.property ?? "",
    operator,
    text: numeric ? "" : valueText(c.value),
    number:
      numeric && typeof c.value === "number"
        ? c.value
        : numeric && typeof c.value === "string" && c.value.trim() !== ""
          ? Number(c.value)
          : null,
  };
}

function draftMatch(m: Partial<FunnelStepMatch>, id: string): DraftMatch {
  const equalities = Object.entries(m.where ?? {}).map(([property, value], j) =>
    draftCondition({ property, operator: "is", value }, `${id}-where-${j}`),
  );
  return {
    events: Array.isArray(m.event) ? [...m.event] : [m.event ?? ""],
    path: m.path ?? "",
    // A saved equality is the condition "is" (DESIGN.md: `is` is equality as for `where`).
    conditions: [...equalities, ...(m.conditions ?? []).map((c, j) => draftCondition(c, `${id}-condition-${j}`))],
  };
}

export function draftStep(s: Partial<FunnelStepDefinition> = {}, id = newId("step")): DraftStep {
  const unit = s.within ? largestUnit(s.within) : "none";
  return {
    ...draftMatch(s, id),
    id,
    label: s.label ?? "",
    optional: s.optional === true,
    withinUnit: unit,
    withinValue: s.within && unit !== "none" ? s.within / UNIT_SECONDS[unit] : null,
  };
}

export function initialDraft(initial: EditorInitial | null): Draft {
  const w = initial?.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  const unit = largestUnit(w);
  const steps = (initial?.steps ?? [{ event: "pageview" }, { event: "" }]).map((s, i) => draftStep(s, `step-${i}`));
  const stepId = (n: number) => steps[n - 1]?.id ?? "";
  return {
    name: initial?.name ?? "",
    description: initial?.description ?? "",
    windowValue: w / UNIT_SECONDS[unit],
    windowUnit: unit,
    steps,
    order: initial?.order ?? "ordered",
    exclusions: (initial?.exclusions ?? []).map((x, i) => ({
      ...draftMatch(x, `exclusion-${i}`),
      id: `exclusion-${i}`,
      afterStep: stepId(x.between[0]),
      beforeStep: stepId(x.between[1]),
    })),
    ...(initial?.timeToConvert ? { timeToConvert: { ...initial.timeToConvert } } : {}),
    hold: (initial?.hold ?? []).map((h, i) => ({
      id: `hold-${i}`,
      field: h.startsWith("prop:") ? "prop" : h,
      property: h.startsWith("prop:") ? h.slice(5) : "",
    })),
  };
}

function conditionValue(c: DraftCondition): PropertyValue | PropertyValue[] | undefined {
  if (VALUELESS_OPERATORS.includes(c.operator)) return undefined;
  // NaN is not a number the schema takes: an unreadable number is refused beside its field, not dropped.
  if (NUMERIC_OPERATORS.includes(c.operator)) return c.number ?? Number.NaN;
  if (c.operator === "in")
    return c.text
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean)
      .map(scalar);
  if (c.operator === "is" || c.operator === "is_not") return scalar(c.text);
  return c.text;
}

function matchDefinition(m: DraftMatch): FunnelStepMatch {
  const events = m.events.map((e) => e.trim());
  return {
    event: events.length === 1 ? events[0] : events,
    ...(m.path.trim() ? { path: m.path.trim() } : {}),
    ...(m.conditions.length
      ? {
          conditions: m.conditions.map((c) => {
            const value = conditionValue(c);
            return { property: c.property.trim(), operator: c.operator, ...(value === undefined ? {} : { value }) };
          }),
        }
      : {}),
  };
}

function ttcStillFits(d: Draft, { from, to }: { from: number; to: number }): boolean {
  const required = (n: number) => n >= 1 && n <= d.steps.length && !d.steps[n - 1].optional;
  return from < to && required(from) && required(to);
}

/** The definition the draft stands for, in the shape of the query API and saved funnels (DESIGN.md, "Funnel definitions"). */
export function toDefinition(d: Draft) {
  const position = (id: string) => d.steps.findIndex((s) => s.id === id) + 1;
  const hold = d.hold.map((h) => (h.field === "prop" ? `prop:${h.property.trim()}` : h.field));
  return {
    name: d.name,
    description: d.description || undefined,
    windowSeconds: d.windowValue === null ? Number.NaN : Math.round(d.windowValue * UNIT_SECONDS[d.windowUnit]),
    steps: d.steps.map((s): FunnelStepDefinition => ({
      ...matchDefinition(s),
      ...(s.label.trim() ? { label: s.label } : {}),
      ...(s.optional ? { optional: true } : {}),
      ...(s.withinUnit !== "none"
        ? { within: s.withinValue === null ? Number.NaN : Math.round(s.withinValue * UNIT_SECONDS[s.withinUnit]) }
        : {}),
    })),
    ...(d.order !== "ordered" ? { order: d.order } : {}),
    ...(d.exclusions.length
      ? {
          exclusions: d.exclusions.map((x): FunnelExclusion => ({
            ...matchDefinition(x),
            between: [position(x.afterStep), position(x.beforeStep)],
          })),
        }
      : {}),
    // A field that is not one is refused beside the held field by the schema, not dropped here.
    ...(hold.length ? { hold: hold as SegmentField[] } : {}),
    // Kept while it still names two required steps; after removing or marking steps, the report's default (1 to last) instead.
    ...(d.timeToConvert && ttcStillFits(d, d.timeToConvert) ? { timeToConvert: d.timeToConvert } : {}),
  };
}
export type EditorDefinition = ReturnType<typeof toDefinition>;
