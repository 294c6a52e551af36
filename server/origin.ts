import { config } from "../lib/config";

/**
 * The header server/http.ts sets to the origin the client used: APP_URL when configured, else the
 * scheme and host of the request, taking X-Forwarded-Host/-Proto only from a trusted proxy. Any
 * incoming copy is removed first.
 */
export const ORIGIN_HEADER = "x-trechter-origin";
/** The path and query the browser asked for, set by the app's server (server/http.ts) whatever the client sent: a login keeps it as `next`. */
export const PATH_HEADER = "x-trechter-path";

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** A host header value when it is a plain host[:port], else null (no paths, users or spaces). */
export function cleanHost(value: string | undefined | null): string | null {
  const host = value?.split(",")[0].trim();
  return host && host.length <= 255 && HOST.test(host) ? host.toLowerCase() : null;
}

/**
 * The app's origin for links it hands out (invite, share and snippet URLs): APP_URL when set,
 * else what the app's server resolved for this request. Never an attacker's X-Forwarded-Host.
 */
export function requestOrigin(headers: Headers): string {
  const appUrl = config().APP_URL;
  if (appUrl) return new URL(appUrl).origin;
  const resolved = headers.get(ORIGIN_HEADER);
  if (resolved) return resolved;
  // Without the app's server (next dev): the Host header only.
  return `http://${cleanHost(headers.get("host")) ?? "localhost:3000"}`;
}
