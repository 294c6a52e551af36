/**
 * Allowed origins: which sites' pages may send events with a project's write key. A browser names
 * the page's origin in `Origin` (every POST, sendBeacon included) and usually in `Referer`; a
 * server-side library (analytics-node, curl) sends neither. The list holds origins as
 * `scheme://host[:port]` (default ports left out) or `scheme://*.domain` for any subdomain of
 * `domain` at any depth (not `domain` itself: list it too). An empty list allows every origin.
 *
 * This keeps other sites' pages from sending with a key they copied; it cannot stop a script that
 * forges headers, which the write key (public by design) never could.
 */

/** At most this many entries per project; each at most MAX_ORIGIN_LENGTH characters. */
export const MAX_ALLOWED_ORIGINS = 50;
export const MAX_ORIGIN_LENGTH = 253;

export type OriginProblem = "origin_invalid" | "origin_path" | "origin_scheme" | "origin_wildcard" | "origin_too_long";
export type ParsedOrigin = { ok: true; origin: string } | { ok: false; problem: OriginProblem };

/** An entry of the list as typed (`https://Shop.example.nl/`, `*.example.nl` with a scheme) in its normal form, or what is wrong with it. */
export function parseOriginPattern(input: string): ParsedOrigin {
  const text = input.trim();
  if (text.length > MAX_ORIGIN_LENGTH) return { ok: false, problem: "origin_too_long" };
  const m = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?(.*)$/i.exec(text);
  if (!m) return { ok: false, problem: "origin_invalid" };
  const scheme = m[1].toLowerCase();
  if (scheme !== "https" && scheme !== "http") return { ok: false, problem: "origin_scheme" };
  const wildcard = Boolean(m[2]);
  const rest = m[3];
  if (rest.includes("*")) return { ok: false, problem: "origin_wildcard" };
  let url: URL;
  try {
    url = new URL(`${scheme}://${rest}`);
  } catch {
    return { ok: false, problem: "origin_invalid" };
  }
  if (!url.hostname || url.username || url.password) return { ok: false, problem: "origin_invalid" };
  // Only an origin: a path (beyond a bare "/"), a query or a fragment would suggest a finer check than there is.
  if (!/^[^/?#]*\/?$/.test(rest) || url.search || url.hash) return { ok: false, problem: "origin_path" };
  if (wildcard && (url.hostname.startsWith("[") || /^[\d.]+$/.test(url.hostname) || !url.hostname.includes(".")))
    return { ok: false, problem: "origin_wildcard" };
  const origin = `${scheme}://${wildcard ? "*." : ""}${url.host}`;
  if (origin.length > MAX_ORIGIN_LENGTH) return { ok: false, problem: "origin_too_long" };
  return { ok: true, origin };
}

/** The origin a request was sent from: `Origin`, else the `Referer`'s origin; "opaque" for `Origin: null` without a usable Referer, null for neither. */
export function requestOriginOf(
  originHeader: string | null | undefined,
  refererHeader: string | null | undefined,
): string | "opaque" | null {
  const origin = originHeader?.trim();
  if (origin && origin !== "null") return normalOrigin(origin) ?? "opaque";
  const referer = refererHeader?.trim();
  if (referer) {
    const fromReferer = normalOrigin(referer);
    if (fromReferer) return fromReferer;
  }
  return origin === "null" || referer ? "opaque" : null;
}

function normalOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? `${url.protocol}//${url.host}` : null;
  } catch {
    return null;
  }
}

type Matcher = { exact: Set<string>; wildcards: { scheme: string; suffix: string; port: string }[] };

/** Compiled lists by their text, so a busy project's list is split once, not per request (bounded). */
const compiled = new Map<string, Matcher>();
const MAX_COMPILED = 1000;

function matcherFor(list: readonly string[]): Matcher {
  const key = list.join(" ");
  let m = compiled.get(key);
  if (m) return m;
  m = { exact: new Set(), wildcards: [] };
  for (const entry of list) {
    const w = /^(https?):\/\/\*\.([^:]+)(?::(\d+))?$/.exec(entry);
    if (w) m.wildcards.push({ scheme: w[1], suffix: `.${w[2]}`, port: w[3] ?? "" });
    else m.exact.add(entry);
  }
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(key, m);
  return m;
}

export type OriginSettings = { allowedOrigins: readonly string[]; acceptWithoutOrigin: boolean };

/**
 * Whether a request from `origin` (requestOriginOf) may send events: with no list every browser
 * origin may; a request without any origin (a server-side library) when the project accepts them.
 */
export function originAllowed(settings: OriginSettings, origin: string | "opaque" | null): boolean {
  if (origin === null) return settings.acceptWithoutOrigin;
  if (settings.allowedOrigins.length === 0) return true;
  if (origin === "opaque") return false;
  const m = matcherFor(settings.allowedOrigins);
  if (m.exact.has(origin)) return true;
  if (!m.wildcards.length) return false;
  const at = /^(https?):\/\/([^:]+|\[[^\]]+\])(?::(\d+))?$/.exec(origin);
  if (!at) return false;
  const [, scheme, host, port = ""] = at;
  return m.wildcards.some((w) => w.scheme === scheme && w.port === port && host.endsWith(w.suffix) && host.length > w.suffix.length);
}
