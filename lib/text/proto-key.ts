import { z } from "zod";

/**
 * The one object key a client's JSON may not use. JSON.parse keeps `__proto__` as an own key, but
 * zod's objects and records copy keys onto a plain object and leave that one out (and
 * `obj[key] = value` would set the prototype instead), so whatever it holds would vanish without a
 * word: it is refused, with its path, wherever a client's JSON is read.
 */
export const PROTO_KEY = "__proto__";

/** What an API says about it, after the key's dotted path: "properties.__proto__ is not accepted as a key name". */
export const PROTO_KEY_REFUSED = "is not accepted as a key name";

/**
 * The path of the first own `__proto__` key in a JSON value (objects and arrays at any depth, or
 * only its top level with `deep: false`), or null when there is none. Walks without recursion.
 */
export function findProtoKey(value: unknown, { deep = true } = {}): string[] | null {
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (!Array.isArray(v) && Object.hasOwn(v, PROTO_KEY)) return [...path, PROTO_KEY];
    if (!deep) return null;
    const keys = Array.isArray(v) ? v.map((_, i) => String(i)) : Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) stack.push({ v: (v as Record<string, unknown>)[keys[i]], path: [...path, keys[i]] });
  }
  return null;
}

/**
 * A schema that refuses the key `__proto__` in its input, at its top level (a record of names:
 * the query API's filters and conditions) or with `deep` anywhere inside (a whole request body),
 * reporting `message` at the key's path.
 */
export function withoutProtoKey<T extends z.ZodType>(schema: T, message: string, { deep = false } = {}) {
  return z.preprocess((v, ctx) => {
    const path = findProtoKey(v, { deep });
    if (path) ctx.addIssue({ code: "custom", path, message, input: v });
    return v;
  }, schema);
}
