import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER } from "../lib/auth/client-address";
import { peerIsTrusted, resolveClientAddress, type TrustProxy } from "../lib/auth/trust-proxy";
import { ORIGIN_HEADER, PATH_HEADER, cleanHost } from "./origin";

/** What the app's HTTP server needs from the configuration (see lib/config.ts). */
export type ServerSettings = { trustProxy: TrustProxy; appUrl?: string };

/** Headers only a trusted proxy may set; from anyone else they are removed before the app sees them. */
const FORWARDED = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"];

/**
 * Next.js documents two CSP setups: per-request nonces set by a proxy, which make every page
 * dynamically rendered, and a fixed header "without nonces", whose script-src needs
 * 'unsafe-inline' for the framework's inline bootstrap scripts. We use the fixed header: it is set
 * here at run time (so HSTS can follow APP_URL) and keeps static pages static. What it still
 * enforces: scripts, styles, frames, fetches and form posts only from this origin, no plugins, no
 * <base> hijacking, and no framing by other sites (clickjacking).
 */
export function contentSecurityPolicy(secure: boolean): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(secure ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The security headers every response carries; HSTS only when the app is reached over HTTPS. */
export function securityHeaders(secure: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(secure),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(secure ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

function firstValue(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value[0] : value;
  return (text ?? "").split(",")[0].trim().toLowerCase();
}

/** The page a browser asked for, without the framework's own `_rsc` parameter (what a login returns to). */
function requestedPath(url: string | undefined): string {
  const [path, query = ""] = (url ?? "/").split("?", 2);
  const params = new URLSearchParams(query);
  params.delete("_rsc");
  const rest = params.toString();
  return rest ? `${path}?${rest}` : path;
}

/**
 * Rewrites an incoming request before the app sees it: the forwarded headers survive only from a
 * trusted proxy, and CLIENT_ADDRESS_HEADER is set from the socket (and the trusted chain) whatever
 * the client sent. Returns whether the client reached us over HTTPS.
 */
export function prepareRequest(req: IncomingMessage, settings: ServerSettings): { clientAddress: string; secure: boolean; origin: string } {
  const peer = req.socket.remoteAddress;
  const trustedPeer = peerIsTrusted(settings.trustProxy, peer);
  const clientAddress = resolveClientAddress(settings.trustProxy, peer, trustedPeer ? req.headers["x-forwarded-for"] : undefined);
  const encrypted = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const forwardedProto = trustedPeer ? firstValue(req.headers["x-forwarded-proto"]) : "";
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : encrypted ? "https" : "http";
  const forwardedHost = trustedPeer ? cleanHost(firstValue(req.headers["x-forwarded-host"])) : null;
  const host = forwardedHost ?? cleanHost(req.headers.host) ?? "localhost";
  const origin = settings.appUrl ? new URL(settings.appUrl).origin : `${proto}://${host}`;
  if (!trustedPeer) for (const name of FORWARDED) delete req.headers[name];
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress;
  req.headers[ORIGIN_HEADER] = origin;
  req.headers[PATH_HEADER] = requestedPath(req.url);
  return { clientAddress, secure: origin.startsWith("https://"), origin };
}

/**
 * The largest body any request outside the routes that read their own capped stream may carry:
 * server actions (the spend CSV upload is at most 1,000,000 characters, JSON-escaped), sign-in and
 * sign-out forms. Next and next-auth read such bodies whole before anything checks them.
 */
export const MAX_OTHER_BODY_BYTES = 2 * 1024 * 1024;

/** Routes that read their body themselves as a capped stream (server/body.ts). */
const OWN_BODY_CAP = /^\/(v1|api\/v1)\//;

/**
 * Refuses what must not reach the framework: a path whose percent-escapes are not valid UTF-8
 * (Next answers those with a 500), and a body outside the self-capped routes that is chunked
 * (411: a browser always sends a length) or longer than MAX_OTHER_BODY_BYTES (413). Node's parser
 * never reads past a declared Content-Length, so checking the header bounds the read.
 */
export function refusal(req: IncomingMessage): { status: 400 | 411 | 413; code: string; message: string } | null {
  const path = (req.url ?? "/").split("?")[0];
  try {
    decodeURIComponent(path);
  } catch {
    return { status: 400, code: "invalid_path", message: "The address has an invalid percent-escape." };
  }
  if (OWN_BODY_CAP.test(path)) return null;
  const length = req.headers["content-length"];
  if (length === undefined) {
    return req.headers["transfer-encoding"]
      ? { status: 411, code: "length_required", message: "Send a Content-Length with the body." }
      : null;
  }
  if (!/^\d+$/.test(length) || Number(length) > MAX_OTHER_BODY_BYTES) {
    return { status: 413, code: "too_large", message: `The request body is larger than ${MAX_OTHER_BODY_BYTES / 1024 / 1024} MB.` };
  }
  return null;
}

/** Wraps the framework's handler: rewrite the request, set the security headers, hand over. */
export function withSecurity(settings: ServerSettings, handle: (req: IncomingMessage, res: ServerResponse) => unknown) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const { secure } = prepareRequest(req, settings);
    for (const [name, value] of Object.entries(securityHeaders(secure))) res.setHeader(name, value);
    const refused = refusal(req);
    if (refused) {
      // The unread body is not drained: close the connection after answering.
      res.writeHead(refused.status, { "content-type": "application/json; charset=utf-8", connection: "close" });
      res.end(JSON.stringify({ error: { code: refused.code, message: refused.message } }));
      return;
    }
    return handle(req, res);
  };
}
