/** Where to go after login or sign-up when `next` is missing or unsafe. */
export const DEFAULT_NEXT = "/projects";

// Control characters, whitespace and backslashes: browsers drop or turn them into "/" while
// parsing, which makes "/\evil.example" or "/%09/evil.example" leave the origin.
const SUSPICIOUS = /[\u0000-\u0020\u007f-\u009f\\]/;

/**
 * A `next` redirect target that stays on the app's origin: a same-origin path (with query and
 * fragment), re-serialised from `new URL(next, origin)`, or `fallback`. Anything that names
 * another origin, a scheme, or hides one behind encoded or dropped characters is refused.
 */
export function safeNext(next: unknown, fallback: string = DEFAULT_NEXT): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2048) return fallback;
  if (!next.startsWith("/") || next.startsWith("//") || SUSPICIOUS.test(next)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return fallback;
  }
  if (SUSPICIOUS.test(decoded) || decoded.startsWith("//") || /^\/[^/]*:/.test(decoded.split("?")[0])) return fallback;
  const origin = "https://app.trechter.invalid";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}
