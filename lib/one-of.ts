/**
 * Whether `value` is one of `list`'s entries, typed as that entry: `isOneOf(PRESETS, v)` narrows v to
 * Preset. Replaces `(LIST as readonly string[]).includes(v)`, which widens the list to check and then
 * needs a cast to narrow back.
 */
export function isOneOf<const T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (list as readonly string[]).includes(value);
}
