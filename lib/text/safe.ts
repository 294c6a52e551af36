import { z } from "zod";

/**
 * Text that PostgreSQL can store. `text` and `jsonb` refuse U+0000 (NUL), and a UTF-16 surrogate
 * without its partner has no UTF-8 form, so both make a whole INSERT fail. Check every string a
 * client sends (values and object keys, at any depth) before it reaches the database.
 */

/** How deep a client's JSON (properties, traits, context) may nest; PostgreSQL's jsonb parser runs out of stack far deeper, but nobody needs more. */
export const MAX_JSON_DEPTH = 32;

// With the `u` flag a well-formed surrogate pair is one code point, so \p{Cs} only matches a lone half.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why this string cannot be stored, or null when it can. */
export function unstorableTextReason(s: string): string | null {
  if (s.includes("\u0000")) return "contains a NUL character (\\u0000)";
  if (LONE_SURROGATE.test(s)) return "contains a lone surrogate (not valid Unicode)";
  return null;
}

/** True when PostgreSQL can store this string as text or inside jsonb. */
export function isStorableText(s: string): boolean {
  return unstorableTextReason(s) === null;
}

export type Unstorable = { path: string; reason: string };

/**
 * The first part of a JSON-like value that PostgreSQL cannot store: a string value or object key with a
 * NUL or lone surrogate, or nesting deeper than `maxDepth` (objects and arrays). Numbers are not judged here:
 * jsonb holds any JSON number; a column with a narrower type needs its own bound (see lib/ingest/normalize.ts).
 * `path` is dotted (`properties.items.3.name`), relative to `at`. Walks without recursion, so any depth is safe.
 */
export function findUnstorable(value: unknown, at = "", maxDepth = MAX_JSON_DEPTH): Unstorable | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: at, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      const reason = unstorableTextReason(v);
      if (reason) return { path, reason };
    } else if (v !== null && typeof v === "object") {
      if (depth >= maxDepth) return { path, reason: `nests deeper than ${maxDepth} levels` };
      const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const shown = key.replace(/\u0000/g, "\\u0000").replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
        const childPath = path ? `${path}.${shown}` : shown;
        const keyReason = Array.isArray(v) ? null : unstorableTextReason(key);
        if (keyReason) return { path: childPath, reason: `has a key that ${keyReason}` };
        stack.push({ v: child, path: childPath, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** True when some string (or key) in the value cannot be stored, or it nests too deep. */
export function hasUnstorableText(value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  return findUnstorable(value, "", maxDepth) !== null;
}

/** Refinement for zod string schemas: `z.string().max(200).refine(...storableText)`. */
export const storableText = [(s: string) => isStorableText(s), { message: "must not contain NUL characters or lone surrogates" }] as const;

/** A zod string that PostgreSQL can store (no NUL, no lone surrogate). Chain `.min/.max` before use: `storableString().max(200)` works too. */
export function storableString() {
  return z.string().refine(...storableText);
}

/** The first `max` UTF-16 units of a string, one fewer when the cut would split a surrogate pair (which would leave a lone half). */
export function sliceText(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
