import crypto from "node:crypto";
import type { z } from "zod";
import type { AgeGroup, Device } from "../funnel/types";
import { countryCode } from "../geo/country-code";
import { MESSAGE_SCHEMAS, MESSAGE_TYPES, type MessageType, type ParsedMessage } from "./schema";
import { parseUserAgent } from "./useragent";
import { attribution } from "./referrer";
import { ageGroup } from "./age";
import { eventTime } from "./time";
import { findUnstorable, sliceText, unstorableTextReason } from "../text/safe";
import { findProtoKey, PROTO_KEY_REFUSED } from "../text/proto-key";

/**
 * `events.revenue` is numeric(14, 2): twelve digits before the point. A larger amount would fail
 * the insert of its whole batch, so it is refused per message instead.
 */
export const MAX_REVENUE = 999_999_999_999.99;

/** The stored kinds of event: a `screen` call is stored as a page view. */
export type EventType = "track" | "page" | "identify" | "alias" | "group";

/** An event as ingestion stores it (db/events/insert's EventInput plus what a caller may want to log or drop). */
export type NormalizedEvent = {
  type: EventType;
  /** track: the event name; page/screen: `pageview`; identify, alias, group: the type */
  name: string;
  anonymousId: string | null;
  userId: string | null;
  /** alias: the id being merged into userId */
  previousId: string | null;
  groupId: string | null;
  /** identify calls only: a group call's traits describe the group, not the person */
  traits: Record<string, unknown> | null;
  /** as sent, else a random UUID: only sent ids are deduplicated */
  messageId: string;
  time: Date;
  path: string | null;
  url: string | null;
  referrerDomain: string | null;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
  device: Device;
  browser: string | null;
  os: string | null;
  country: string | null;
  region: string | null;
  properties: Record<string, unknown>;
  revenue: number | null;
  ageGroup: AgeGroup | null;
  /** the agent the device/browser/os came from; not meant to be stored */
  userAgent: string | null;
  /** a crawler, or a browser driven by automation (see isBotVisitor) */
  bot: boolean;
};

export type NormalizeContext = {
  receivedAt: Date;
  /** the batch's sentAt, which applies to items without their own */
  batchSentAt?: unknown;
  /** the batch's context and integrations, which apply to every item (see withBatchDefaults) */
  batchDefaults?: BatchDefaults;
  requestIp?: string | null;
  requestUserAgent?: string | null;
  lookupCountry: (ip: string) => string | null;
  /**
   * The caller already found nothing unstorable and no `__proto__` key in the message, and in the
   * batch defaults (server/ingest/store-messages.ts, handler.ts): skip the walks.
   */
  storableChecked?: boolean;
};

export type NormalizeResult = { ok: true; event: NormalizedEvent } | { ok: false; error: string };

/** A `/v1/batch` body's `context` and `integrations`, as sent (objects, else ignored). */
export type BatchDefaults = { context?: unknown; integrations?: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The batch's object with the item's own keys over it; an item's value that is not an object is kept, so its error is its own. */
function overBatch(shared: unknown, own: unknown): unknown {
  if (!isObject(shared)) return own;
  if (own === undefined || own === null) return shared;
  return isObject(own) ? { ...shared, ...own } : own;
}

/**
 * An item of a batch with the batch's `context` and `integrations` applied, as Segment's batch spec
 * says: the item's own wins key by key at the top level, and a nested object (`campaign`, `page`,
 * `location`, …) the item sends wins as a whole, so one item's UTM tags or page are never mixed
 * with the batch's.
 */
export function withBatchDefaults(item: Record<string, unknown>, shared: BatchDefaults): Record<string, unknown> {
  const out = { ...item };
  if (isObject(shared.context)) out.context = overBatch(shared.context, item.context);
  if (isObject(shared.integrations)) out.integrations = overBatch(shared.integrations, item.integrations);
  return out;
}

/** "<path> is not accepted as a key name" for the first `__proto__` key in a client's JSON (lib/text/proto-key.ts), or null. */
export function protoKeyError(value: unknown): string | null {
  const path = findProtoKey(value);
  return path ? `${path.join(".")} ${PROTO_KEY_REFUSED}` : null;
}

/** Beyond an id: checked before the schema, so that an empty string counts as missing too. */
const REQUIRED: Record<MessageType, string[]> = {
  track: ["event"],
  page: [],
  screen: [],
  identify: [],
  alias: ["previousId", "userId"],
  group: ["groupId"],
};

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== "";
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/**
 * An http(s) URL whose path `new URL` would return as written: a plain host name (its last label
 * starts with a letter, so it is not read as an IPv4 address; no port, no punycode to check), then
 * only characters it neither escapes nor rewrites (no backslash, no space, nothing outside ASCII),
 * and no segment that starts with a dot, plain or escaped (`.`, `..`, `%2e`: dot segments, which it
 * resolves). Most pages' URLs are such; the rest are parsed (about a microsecond, on every event).
 */
const PLAIN_URL = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\.?(\/[a-z0-9\-._~!$&'()*+,;=:@/%]*)?(?:[?#]|$)/i;
const NOT_PLAIN = /\/(?:\.|%2e)|^[^/]*\/\/[^/]*xn--/i;

/** The path of a page URL, as `new URL(url, "http://x").pathname` gives it; null when it does not parse. */
export function pathOf(url: string | null): string | null {
  if (!url) return null;
  const plain = PLAIN_URL.exec(url);
  if (plain && !NOT_PLAIN.test(plain[0])) return plain[1] || "/";
  try {
    return new URL(url, "http://x").pathname;
  } catch {
    return null;
  }
}

/** The first problem zod found, as "<field> <what is wrong>". */
function describe(error: z.ZodError, raw: unknown, kind: MessageType): string {
  const issue = error.issues[0];
  const field = issue.path.join(".") || "message";
  const wrongType = issue.code === "invalid_type" || issue.code === "invalid_union";
  // Looked up here rather than with zod's reportInput, which doubles the cost of every parse.
  const input = issue.path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key], raw);
  if (wrongType && input === undefined) return `${field} is required for ${kind} calls`;
  // JSON has objects, not records: properties, traits, integrations.
  if (issue.code === "invalid_type")
    return `${field} has the wrong type (expected ${issue.expected === "record" ? "object" : issue.expected})`;
  if (issue.code === "invalid_union") return `${field} has the wrong type (expected string or number)`;
  return `${field} ${issue.message}`;
}

function revenueOf(v: unknown): number | null | "out of range" {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(n)) return null;
  return Math.abs(n) > MAX_REVENUE ? "out of range" : n;
}

/** The event's text columns: each must be storable, whatever parsing, decoding or cutting made of the message. */
const TEXT_COLUMNS = [
  "name",
  "anonymousId",
  "userId",
  "previousId",
  "messageId",
  "path",
  "referrerDomain",
  "source",
  "medium",
  "campaign",
  "browser",
  "os",
  "country",
  "region",
] as const;

/**
 * True when the visitor is a bot: the snippet's automation flag (navigator.webdriver), or the
 * isbot list applied to context.userAgent, else to the request's agent only when a browser sent
 * it ("Mozilla/…"): a server-side library posting for the customer's backend is not a bot.
 * `agent` is the parse of the agent the event took (the message's, else the request's).
 */
function isBotVisitor(
  automation: unknown,
  messageAgent: string | null,
  requestUserAgent: string | null | undefined,
  agent: { bot: boolean },
): boolean {
  if (automation === true) return true;
  return agent.bot && (messageAgent !== null || Boolean(requestUserAgent?.startsWith("Mozilla/")));
}

/** Validates one Segment message (its type from `type`, else its own `type` field) and maps it to the stored event, or says what is wrong. */
export function normalizeMessage(raw: unknown, type: MessageType | undefined, ctx: NormalizeContext): NormalizeResult {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, error: "each message must be a JSON object" };
  // Before anything else walks the message: a NUL or lone surrogate anywhere (values or keys), or
  // nesting deeper than MAX_JSON_DEPTH, is what PostgreSQL cannot store (and deep nesting is what
  // would overflow a recursive walk such as JSON.stringify).
  const unstorable = ctx.storableChecked ? null : findUnstorable(raw);
  if (unstorable) return { ok: false, error: `${unstorable.path || "message"} ${unstorable.reason}` };
  // zod drops a `__proto__` key (lib/text/proto-key.ts): refused rather than lost.
  const protoKey = ctx.storableChecked ? null : protoKeyError(raw);
  if (protoKey) return { ok: false, error: protoKey };
  const r = ctx.batchDefaults ? withBatchDefaults(raw as Record<string, unknown>, ctx.batchDefaults) : (raw as Record<string, unknown>);
  const kind = type ?? r.type;
  if (kind === undefined || kind === null || kind === "")
    return { ok: false, error: `type is required (one of ${MESSAGE_TYPES.join(", ")})` };
  if (!MESSAGE_TYPES.includes(kind as MessageType)) return { ok: false, error: `type must be one of ${MESSAGE_TYPES.join(", ")}` };
  const k = kind as MessageType;
  if (!present(r.userId) && !present(r.anonymousId)) return { ok: false, error: "anonymousId or userId is required" };
  for (const field of REQUIRED[k]) if (!present(r[field])) return { ok: false, error: `${field} is required for ${k} calls` };

  const parsed = MESSAGE_SCHEMAS[k].safeParse(r);
  if (!parsed.success) return { ok: false, error: describe(parsed.error, r, k) };
  const m = parsed.data as ParsedMessage;
  if (k === "track" && !m.event?.trim()) return { ok: false, error: "event is required for track calls" };

  const time = eventTime(m, ctx.batchSentAt, ctx.receivedAt);
  if (typeof time === "string") return { ok: false, error: time };

  const c = m.context ?? {};
  const page = c.page ?? {};
  const props: Record<string, unknown> = { ...(m.properties ?? {}) };
  const isPage = k === "page" || k === "screen";
  const pageUrl = str(props.url) ?? str(page.url);
  const referrer = str(props.referrer) ?? str(page.referrer);
  const path = isPage
    ? (str(props.path) ?? str(page.path) ?? pathOf(pageUrl) ?? (k === "screen" ? str(m.name) : null))
    : (str(page.path) ?? pathOf(str(page.url)));

  const utm = attribution(c.campaign, pageUrl, referrer);
  const messageAgent = str(c.userAgent);
  const ua = messageAgent ?? ctx.requestUserAgent ?? null;
  const agent = parseUserAgent(ua);
  const location = c.location ?? {};
  // The address is used for this look-up only; it is not part of the event.
  const ip = str(c.ip) ?? ctx.requestIp ?? null;
  const country = countryCode(location.country) ?? (ip ? ctx.lookupCountry(ip) : null);
  // A group call's traits describe the group (the company), not the person: Segment's spec.
  const traits = k === "identify" ? { ...(m.traits ?? c.traits ?? {}) } : null;
  const revenue = revenueOf(props.revenue);
  if (revenue === "out of range") return { ok: false, error: `properties.revenue must be between -${MAX_REVENUE} and ${MAX_REVENUE}` };

  const event: NormalizedEvent = {
    type: isPage ? "page" : (k as EventType),
    name: k === "track" ? m.event!.trim() : isPage ? "pageview" : k,
    anonymousId: m.anonymousId || null,
    userId: m.userId || null,
    previousId: m.previousId || null,
    groupId: m.groupId || null,
    traits,
    messageId: m.messageId?.trim() || crypto.randomUUID(),
    time,
    path: path ? sliceText(path, 1000) : null,
    url: pageUrl ? sliceText(pageUrl, 2000) : null,
    referrerDomain: utm.referrerDomain,
    source: utm.source,
    medium: utm.medium,
    campaign: utm.campaign,
    term: utm.term,
    content: utm.content,
    device: agent.device,
    browser: agent.browser,
    os: agent.os,
    country,
    region: location.region?.trim() ? sliceText(location.region.trim(), 100) : null,
    properties: props,
    revenue,
    ageGroup: k === "identify" && traits ? ageGroup(traits) : null,
    userAgent: ua,
    bot: isBotVisitor((c as { automation?: unknown }).automation, messageAgent, ctx.requestUserAgent, agent),
  };
  // Percent-decoding (utm_source=%00) can make text that was not in the message as sent.
  for (const column of TEXT_COLUMNS) {
    const value = event[column];
    const reason = typeof value === "string" ? unstorableTextReason(value) : null;
    if (reason) return { ok: false, error: `${column} ${reason}` };
  }
  return { ok: true, event };
}
