import { z } from "zod";
import { findUnstorable } from "../text/safe";
import { findProtoKey, PROTO_KEY_REFUSED, withoutProtoKey } from "../text/proto-key";

/*
 * Plausible's Events API (`POST /api/event`), as its tracker script and its documented server-side
 * use send it: short keys from the script (`n`, `u`, `d`, `r`, `p`, `$`, `h`, `i`, `v`; `m` from
 * the legacy script; `sd` and `e` on its `engagement` events), long keys from the API reference
 * (`name`, `url`, `domain`, `referrer`, `props`, `revenue`). Either spelling is accepted, as
 * Plausible itself does. Unknown keys pass, as for the Segment messages: trackers add fields.
 */

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
/** Props: an object, or the JSON text of one (the legacy script sends `m` as text). */
const props = z.union([z.record(z.string(), z.unknown()), z.string().max(32 * 1024)]);
const revenue = z.union([
  z.object({ amount: z.union([z.number(), text(40)]), currency: text(3) }).loose(),
  // The tracker passes revenue through as given; some sites JSON-encode it.
  z.string().max(200),
]);

/** The most site domains one event may name (`d: "a.nl,b.nl"`); the project lookup reads no more. */
export const MAX_PLAUSIBLE_DOMAINS = 10;

/** A `__proto__` key anywhere is refused with its path: zod would drop it (lib/text/proto-key.ts). */
export const plausibleEventSchema = withoutProtoKey(
  z
    .object({
      n: text(200).optional(),
      name: text(200).optional(),
      u: text(2000).optional(),
      url: text(2000).optional(),
      d: text(1000).optional(),
      domain: text(1000).optional(),
      r: text(2000).nullish(),
      referrer: text(2000).nullish(),
      p: props.nullish(),
      props: props.nullish(),
      m: props.nullish(),
      meta: props.nullish(),
      $: revenue.nullish(),
      revenue: revenue.nullish(),
      h: z.union([z.number(), z.boolean()]).nullish(),
      hashMode: z.union([z.number(), z.boolean()]).nullish(),
      i: z.boolean().nullish(),
      interactive: z.boolean().nullish(),
      v: z.union([z.number(), text(40)]).nullish(),
      sd: z.number().nullish(),
      e: z.number().nullish(),
    })
    .loose(),
  PROTO_KEY_REFUSED,
  { deep: true },
);

/** A Plausible event after validation, in Trechter's words. */
export type PlausibleEvent = {
  name: string;
  url: string;
  /** The site domains it names (a tag may send to several: `data-domain="a.nl,b.nl"`), without `www.`. */
  domains: string[];
  referrer: string | null;
  /** The page's path; with hash-based routing (`h: 1`) the fragment joins it, as Plausible counts it. */
  path: string;
  props: Record<string, string | number | boolean>;
  revenue: { amount: number; currency: string } | null;
  /** Plausible's engagement pings (time on page, scroll depth): answered, not stored as events. */
  engagement: boolean;
};

export type PlausibleParse = { ok: true; event: PlausibleEvent } | { ok: false; error: string };

/** The host as Plausible compares it: lower case, trimmed, without a leading `www.`. */
export function siteDomain(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "");
}

/** Plausible keeps scalar props with a value: empty text, null, lists and objects are dropped. */
function scalarProps(raw: unknown): Record<string, string | number | boolean> | string {
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return "props is not valid JSON";
    }
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) return "props must be an object";
  // Props sent as JSON text were not seen by the body's checks.
  const protoKey = findProtoKey(value);
  if (protoKey) return `props.${protoKey.join(".")} ${PROTO_KEY_REFUSED}`;
  const unstorable = findUnstorable(value, "props");
  if (unstorable) return `${unstorable.path} ${unstorable.reason}`;
  // fromEntries defines own keys: a client's key never reaches a setter (no `out[k] = v`).
  return Object.fromEntries(
    Object.entries(value).filter(
      ([k, v]) =>
        k && k.length <= 300 && (typeof v === "string" ? v !== "" : typeof v === "number" ? Number.isFinite(v) : typeof v === "boolean"),
    ),
  ) as Record<string, string | number | boolean>;
}

function revenueOf(raw: unknown): PlausibleEvent["revenue"] | string {
  if (raw === null || raw === undefined) return null;
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return "revenue is not valid JSON";
    }
  }
  const r = value as { amount?: unknown; currency?: unknown };
  const amount = typeof r?.amount === "number" ? r.amount : typeof r?.amount === "string" ? Number(r.amount.trim()) : NaN;
  if (!Number.isFinite(amount)) return "revenue.amount must be a number";
  if (typeof r.currency !== "string" || !/^[A-Za-z]{3}$/.test(r.currency)) return "revenue.currency must be a three-letter ISO 4217 code";
  return { amount, currency: r.currency.toUpperCase() };
}

/** Checks one Plausible Events API body and puts it in Trechter's words, or says what is wrong. */
export function parsePlausibleEvent(raw: unknown): PlausibleParse {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, error: "the body must be a JSON object" };
  // Before any lookup: a NUL in `d` would fail the domain query (PostgreSQL 22021), not answer 400.
  const unstorable = findUnstorable(raw);
  if (unstorable) return { ok: false, error: `${unstorable.path || "body"} ${unstorable.reason}` };
  const parsed = plausibleEventSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue.path.join(".") || "body"} ${issue.message}` };
  }
  const b = parsed.data;
  const name = (b.n ?? b.name ?? "").trim();
  if (!name) return { ok: false, error: "name is required (n or name)" };
  const rawUrl = b.u ?? b.url;
  if (!rawUrl) return { ok: false, error: "url is required (u or url)" };
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, error: "url must be an absolute URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, error: "url must be an http(s) URL" };
  const rawDomain = b.d ?? b.domain;
  const domains = [...new Set((rawDomain !== undefined ? rawDomain.split(",") : [url.hostname]).map(siteDomain).filter(Boolean))];
  if (domains.length === 0) return { ok: false, error: "domain is required (d or domain)" };
  if (domains.length > MAX_PLAUSIBLE_DOMAINS)
    return {
      ok: false,
      error: `${b.d !== undefined ? "d" : "domain"} names ${domains.length} domains; send at most ${MAX_PLAUSIBLE_DOMAINS}`,
    };
  const p = scalarProps(b.m ?? b.meta ?? b.p ?? b.props);
  if (typeof p === "string") return { ok: false, error: p };
  const rev = revenueOf(b.$ ?? b.revenue);
  if (typeof rev === "string") return { ok: false, error: rev };
  const hash = b.h ?? b.hashMode;
  let path = url.pathname || "/";
  if ((hash === 1 || hash === true) && url.hash) path += url.hash;
  return {
    ok: true,
    event: {
      name,
      url: url.toString(),
      domains,
      referrer: (b.r ?? b.referrer) || null,
      path,
      props: p,
      revenue: rev,
      engagement: name === "engagement",
    },
  };
}

/**
 * The Segment message a Plausible event stands for: `pageview` as a page call, anything else as a
 * track call with its props; revenue as `properties.revenue` (the amount) and `currency`.
 */
export function plausibleToSegment(e: PlausibleEvent, anonymousId: string): Record<string, unknown> {
  const page = { url: e.url, path: e.path, referrer: e.referrer ?? undefined };
  const library = { name: "plausible", version: "events-api" };
  if (e.name === "pageview") return { type: "page", anonymousId, properties: { ...e.props, ...page }, context: { page, library } };
  const properties: Record<string, unknown> = { ...e.props };
  if (e.revenue) {
    properties.revenue = e.revenue.amount;
    properties.currency = e.revenue.currency;
  }
  return { type: "track", event: e.name, anonymousId, properties, context: { page, library } };
}
