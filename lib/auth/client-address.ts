/**
 * The header the app's own HTTP server (server/http.ts) sets on every request to the client's
 * address, resolved from the socket and, behind a trusted proxy only, X-Forwarded-For. Any
 * incoming copy is removed first, so a client cannot choose its own address.
 */
export const CLIENT_ADDRESS_HEADER = "x-trechter-client-address";

/** The client's address for rate limits and the country lookup (never stored with events). */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER)?.trim() || "unknown";
}
