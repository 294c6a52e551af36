import type { FunnelStepMatch, PropertyValue, StepCondition } from "./types";

/**
 * DESIGN.md, "Funnel definitions", Step matchers, in JavaScript: what an event matches. The engine
 * evaluates the same rules in SQL; this is the reference its tests compare with.
 */

/** A string that compares as a number: optional minus, digits, optional fraction ("51", "120.5", "-3"). */
export const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** The number a property value compares as (gt, gte, lt, lte), or null when it never compares. */
export function numericValue(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && DECIMAL_TEXT.test(v)) return Number(v);
  return null;
}

/** Equality as for `where` (jsonb containment of a scalar: types kept, numbers by value). */
function equal(a: unknown, b: PropertyValue): boolean {
  return a === b;
}

/** The property's text as PostgreSQL's `->>` gives it (null when missing or JSON null). */
function textOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** Whether one condition holds on an event's properties. */
export function conditionHolds(properties: Record<string, unknown>, c: StepCondition): boolean {
  const v = Object.hasOwn(properties, c.property) ? properties[c.property] : undefined;
  switch (c.operator) {
    case "is":
      return equal(v, c.value as PropertyValue);
    case "is_not":
      return !equal(v, c.value as PropertyValue);
    case "in":
      return (c.value as PropertyValue[]).some((x) => equal(v, x));
    case "contains":
    case "not_contains":
    case "starts_with": {
      const text = textOf(v)?.toLowerCase();
      const needle = String(c.value).toLowerCase();
      const holds = text !== undefined && (c.operator === "starts_with" ? text.startsWith(needle) : text.includes(needle));
      return c.operator === "not_contains" ? !holds : holds;
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const x = numericValue(v);
      const y = Number(c.value);
      if (x === null) return false;
      return c.operator === "gt" ? x > y : c.operator === "gte" ? x >= y : c.operator === "lt" ? x < y : x <= y;
    }
    case "exists":
      return v !== undefined && v !== null;
    case "not_exists":
      return v === undefined || v === null;
  }
}

/** A path pattern's test: `*` matches any run of characters, everything else itself. */
function pathMatches(pattern: string, path: string | null): boolean {
  if (path === null) return false;
  const re = new RegExp(
    "^" +
      pattern
        .split("*")
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*") +
      "$",
    "s",
  );
  return re.test(path);
}

/** Whether an event matches a step's (or an exclusion's) matcher: name, path, equalities and conditions. */
export function matchesStep(
  event: { name: string; path?: string | null; properties?: Record<string, unknown> },
  m: FunnelStepMatch,
): boolean {
  const names = typeof m.event === "string" ? [m.event] : m.event;
  if (!names.includes(event.name)) return false;
  if (m.path && !pathMatches(m.path, event.path ?? null)) return false;
  const props = event.properties ?? {};
  for (const [k, v] of Object.entries(m.where ?? {})) if (!Object.hasOwn(props, k) || !equal(props[k], v)) return false;
  return (m.conditions ?? []).every((c) => conditionHolds(props, c));
}
