import crypto from "node:crypto";
import type { z } from "zod";
import { messageSchema, MESSAGE_TYPES, type MessageType } from "./schema";
import { parseUserAgent } from "./useragent";
import { attribution, hostOf } from "./referrer";
import { ageGroup } from "./age";

/** An event as ingestion stores it (db/events/insert's EventInput plus its Segment type). */
export type NormalizedEvent = {
  type: MessageType;
  name: string;
  anonymousId: string | null;
  userId: string | null;
  previousId: string | null;
  messageId: string;
  time: Date;
  path: string | null;
  referrerDomain: string | null;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  device: string;
  browser: string | null;
  os: string | null;
  country: string | null;
  region: string | null;
  properties: Record<string, unknown>;
  revenue: number | null;
  traits: Record<string, unknown> | null;
  ageGroup: string | null;
  userAgent: string | null;
};

export type NormalizeContext = {
  receivedAt: Date;
  /** the batch's sentAt, which applies to items without their own */
  batchSentAt?: unknown;
  requestIp?: string | null;
  requestUserAgent?: string | null;
  lookupCountry: (ip: string) => string | null;
};

export type NormalizeResult = { ok: true; event: NormalizedEvent } | { ok: false; error: string };

const MAX_FUTURE_MS = 24 * 3600 * 1000;
/** Client clocks within this of the server are trusted as they are. */
export const SKEW_TOLERANCE_MS = 5_000;

function toDate(value: unknown): Date | null | "invalid" {
  if (value === undefined || value === null || value === "") return null;
  const d = new Date(value as string | number);
  return Number.isNaN(d.getTime()) ? "invalid" : d;
}

function pathOf(url: unknown): string | null {
  if (typeof url !== "string" || !url) return null;
  try {
    return new URL(url, "http://x").pathname;
  } catch {
    return null;
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue.path.join(".") || "message";
  return issue.code === "invalid_type" ? `${field} has the wrong type (expected ${(issue as { expected?: string }).expected})` : `${field} ${issue.message}`;
}

/** Validates one Segment message and maps it to the stored event, or says what is wrong. */
export function normalizeMessage(raw: unknown, type: MessageType | undefined, ctx: NormalizeContext): NormalizeResult {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, error: "each message must be a JSON object" };
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describe(parsed.error) };
  const m = parsed.data;
  const kind = (type ?? m.type) as MessageType | undefined;
  if (!kind || !MESSAGE_TYPES.includes(kind)) return { ok: false, error: `type must be one of ${MESSAGE_TYPES.join(", ")}` };

  const userId = m.userId || null;
  const anonymousId = m.anonymousId || null;
  if (!userId && !anonymousId) return { ok: false, error: "anonymousId or userId is required" };
  if (kind === "track" && !m.event?.trim()) return { ok: false, error: "event is required for track calls" };
  if (kind === "alias" && (!m.previousId || !userId)) return { ok: false, error: "alias needs previousId and userId" };

  // Clock skew, as Segment corrects it: the client's clock is off by (sentAt − receivedAt).
  const sent = toDate(m.sentAt ?? ctx.batchSentAt);
  const original = toDate(m.originalTimestamp ?? m.timestamp);
  if (sent === "invalid") return { ok: false, error: "sentAt is not a valid date" };
  if (original === "invalid") return { ok: false, error: "timestamp is not a valid date" };
  // A client that sends sentAt lets us correct its clock as Segment does (receivedAt − (sentAt −
  // timestamp)), also for backfilled times. Below SKEW_TOLERANCE the difference is network delay,
  // not a wrong clock: correcting it would let jitter reorder one client's events across requests.
  const skew = sent ? ctx.receivedAt.getTime() - sent.getTime() : 0;
  const time = original ? new Date(original.getTime() + (Math.abs(skew) > SKEW_TOLERANCE_MS ? skew : 0)) : ctx.receivedAt;
  if (time.getTime() > ctx.receivedAt.getTime() + MAX_FUTURE_MS) return { ok: false, error: "timestamp is more than a day in the future" };

  const c = m.context ?? {};
  const props = { ...(m.properties ?? {}) };
  const page = c.page ?? {};
  const pageUrl = (typeof props.url === "string" ? props.url : null) ?? page.url ?? null;
  const referrer = (typeof props.referrer === "string" ? props.referrer : null) ?? page.referrer ?? null;
  const path =
    kind === "page" || kind === "screen"
      ? (typeof props.path === "string" ? props.path : null) ?? page.path ?? pathOf(pageUrl) ?? (kind === "screen" ? (m.name ?? null) : null)
      : page.path ?? pathOf(page.url) ?? null;

  const campaign = c.campaign as Record<string, unknown> | undefined;
  const utm = attribution(campaign, pageUrl, referrer);
  const ua = c.userAgent ?? ctx.requestUserAgent ?? null;
  const agent = parseUserAgent(ua);
  const location = c.location ?? {};
  const ip = c.ip ?? ctx.requestIp ?? null;
  const country = typeof location.country === "string" && /^[a-z]{2}$/i.test(location.country.trim())
    ? location.country.trim().toUpperCase()
    : ip ? ctx.lookupCountry(ip) : null;

  const revenueRaw = props.revenue;
  const revenue = typeof revenueRaw === "number" ? revenueRaw : typeof revenueRaw === "string" && revenueRaw.trim() !== "" && !Number.isNaN(Number(revenueRaw)) ? Number(revenueRaw) : null;
  const traits = kind === "identify" || kind === "group" ? { ...(m.traits ?? c.traits ?? {}) } : null;
  if (kind === "group" && traits && m.groupId) traits.groupId = m.groupId;

  const name = kind === "track" ? m.event!.trim() : kind === "page" || kind === "screen" ? "pageview" : kind;
  return {
    ok: true,
    event: {
      type: kind,
      name,
      anonymousId,
      userId,
      previousId: m.previousId || null,
      messageId: m.messageId?.trim() || crypto.randomUUID(),
      time,
      path: path ? path.slice(0, 1000) : null,
      referrerDomain: hostOf(referrer),
      source: utm.source,
      medium: utm.medium,
      campaign: utm.campaign,
      device: agent.device,
      browser: agent.browser,
      os: agent.os,
      country,
      region: typeof location.region === "string" && location.region.trim() ? location.region.trim().slice(0, 100) : null,
      properties: props,
      revenue: revenue !== null && Number.isFinite(revenue) ? revenue : null,
      traits,
      ageGroup: traits ? ageGroup(traits) : null,
      userAgent: ua,
    },
  };
}
