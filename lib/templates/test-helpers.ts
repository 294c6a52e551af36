import type { StepMatch } from "../funnel/types";
import type { Localized } from "./types";

export const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** What the funnel SQL accepts and a person would type: a rooted path with `*` wildcards. */
export const PATH_PATTERN = /^\/[a-z0-9\-_./*]*$/;

/** Every `{ en, nl }` pair inside a value, however deep. */
export function localizedStrings(value: unknown, out: Localized[] = []): Localized[] {
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v.en === "string" && typeof v.nl === "string") out.push(v as Localized);
    else for (const child of Object.values(v)) localizedStrings(child, out);
  }
  return out;
}

/** The `like` semantics of the funnel SQL: `*` is any run of characters, the rest is literal. */
export function pathMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`).test(path);
}

/** Whether a concrete event (name + path) is one a step or goal would count. */
export function eventMatches(match: StepMatch, event: string, path?: string): boolean {
  if (match.event !== event) return false;
  return match.path === undefined || (path !== undefined && pathMatches(match.path, path));
}
