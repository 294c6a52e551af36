import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { projectForWriteKey } from "../tenant";
import { insertEvents, type EventInput } from "./insert";
import { normalizeMessage, type NormalizedEvent } from "../../lib/ingest/normalize";
import { PATH_TYPES, type MessageType } from "../../lib/ingest/schema";
import { decodeBody, parseJsonBody, BodyError, MAX_BATCH_BYTES, MAX_EVENT_BYTES } from "../../lib/ingest/body";
import { isBotUserAgent } from "../../lib/ingest/useragent";
import { lookupCountry } from "../../lib/geo";
import { takeTokens } from "../../lib/ingest/rate-limit";

export type IngestRequest = {
  kind: string;
  body: Buffer;
  contentEncoding: string | null;
  authorization: string | null;
  userAgent: string | null;
  clientIp: string | null;
};
export type IngestResponse = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

const fail = (status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): IngestResponse => ({
  status,
  body: { success: false, error: { code, message, ...extra } },
  headers,
});

/** The write key from HTTP basic auth (as the user name), else from the body's writeKey. */
export function writeKeyOf(authorization: string | null, body: unknown): string | null {
  const basic = authorization?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (basic) {
    const user = Buffer.from(basic, "base64").toString("utf8").split(":")[0];
    if (user) return user;
  }
  const fromBody = (body as { writeKey?: unknown } | null)?.writeKey;
  return typeof fromBody === "string" && fromBody ? fromBody : null;
}

function toInput(e: NormalizedEvent): EventInput {
  return {
    time: e.time, name: e.name, anonymousId: e.anonymousId, userId: e.userId, path: e.path, referrerDomain: e.referrerDomain,
    source: e.source, medium: e.medium, campaign: e.campaign, device: e.device, browser: e.browser, os: e.os, country: e.country,
    region: e.region, properties: e.properties, revenue: e.revenue, messageId: e.messageId, traits: e.traits, ageGroup: e.ageGroup,
    previousId: e.previousId,
  };
}

/**
 * Bots are judged by the visitor's user agent: the message's context.userAgent, or the request's
 * when a browser sent it; the snippet also flags automated browsers (navigator.webdriver). A server-side library (node, curl, python) posting for the customer's
 * backend is not a bot visitor.
 */
function isVisitorBot(raw: unknown, requestUserAgent: string | null): boolean {
  const context = (raw as { context?: { userAgent?: unknown; automation?: unknown } })?.context;
  if (context?.automation === true) return true;
  const ua = context?.userAgent;
  if (typeof ua === "string" && ua) return isBotUserAgent(ua);
  return Boolean(requestUserAgent?.startsWith("Mozilla/")) && isBotUserAgent(requestUserAgent);
}

/** Errors that mean "the database is not there right now": the client should retry. */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; errno?: string; cause?: { code?: string } } | null;
  const code = e?.code ?? e?.cause?.code ?? "";
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|CONNECT_TIMEOUT|CONNECTION_\w+|57P0[1-3]|08\w{3}|53300)$/.test(code) || /connect|terminat|closed|shut ?down/i.test(String((err as Error)?.message ?? ""));
}

/**
 * One Segment HTTP API request: validate, map, drop bots, store the valid messages durably, and
 * answer with what was accepted and what was rejected (with the batch index). Answers 503 with
 * Retry-After when the database is unavailable, so clients retry and messageId dedup prevents doubles.
 */
export async function ingest(db: Db, req: IngestRequest, rateLimitPerMinute: number): Promise<IngestResponse> {
  const type = PATH_TYPES[req.kind];
  if (!type) return fail(404, "unknown_endpoint", `Unknown endpoint /v1/${req.kind}. Use track, page, screen, identify, alias, group or batch.`);
  let payload: unknown;
  try {
    payload = parseJsonBody(decodeBody(req.body, req.contentEncoding, type === "batch" ? MAX_BATCH_BYTES : MAX_EVENT_BYTES));
  } catch (err) {
    if (err instanceof BodyError) return fail(err.status, "invalid_body", err.message);
    throw err;
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return fail(400, "invalid_body", "The request body must be a JSON object.");

  const writeKey = writeKeyOf(req.authorization, payload);
  if (!writeKey) return fail(401, "missing_write_key", "Send the project's write key as the basic-auth user name or as writeKey in the body.");
  let project;
  try {
    project = await projectForWriteKey(db, writeKey);
  } catch (err) {
    if (isUnavailable(err)) return fail(503, "unavailable", "The event store is unavailable; retry later.", {}, { "Retry-After": "5" });
    throw err;
  }
  if (!project) return fail(401, "unknown_write_key", "Unknown write key. Copy it from the project's settings.");

  const items: { raw: unknown; type: MessageType | undefined }[] = [];
  const p = payload as { batch?: unknown; sentAt?: unknown };
  if (type === "batch") {
    if (!Array.isArray(p.batch)) return fail(400, "invalid_body", "A batch needs a `batch` array of messages.");
    if (p.batch.length === 0) return { status: 200, body: { success: true, accepted: 0, rejected: [] } };
    for (const raw of p.batch) items.push({ raw, type: undefined });
  } else {
    items.push({ raw: payload, type });
  }

  const limited = takeTokens(project.id, items.length, rateLimitPerMinute);
  if (limited) return fail(429, "rate_limited", `This project sends more than ${rateLimitPerMinute} events a minute; slow down and retry.`, {}, { "Retry-After": String(limited) });

  const receivedAt = new Date();
  const accepted: NormalizedEvent[] = [];
  const rejected: { index: number; error: string }[] = [];
  let bots = 0;
  items.forEach(({ raw, type: t }, index) => {
    if (type === "batch" && JSON.stringify(raw ?? null).length > MAX_EVENT_BYTES) return rejected.push({ index, error: "message is larger than 32 KB" });
    const r = normalizeMessage(raw, t, { receivedAt, batchSentAt: p.sentAt, requestIp: req.clientIp, requestUserAgent: req.userAgent, lookupCountry });
    if (!r.ok) return rejected.push({ index, error: r.error });
    if (isVisitorBot(raw, req.userAgent)) return bots++;
    accepted.push(r.event);
  });

  let stored = 0;
  try {
    if (accepted.length) stored = (await insertEvents(db, project.id, accepted.map(toInput))).stored;
    if (bots) {
      await db.execute(sql`insert into ingest_stats (project_id, day, bots_dropped) values (${project.id}, ${receivedAt.toISOString().slice(0, 10)}, ${bots})
        on conflict (project_id, day) do update set bots_dropped = ingest_stats.bots_dropped + excluded.bots_dropped`);
    }
  } catch (err) {
    if (isUnavailable(err)) return fail(503, "unavailable", "The event store is unavailable; nothing was stored. Retry later.", {}, { "Retry-After": "5" });
    throw err;
  }
  const summary = { accepted: accepted.length, stored, duplicates: accepted.length - stored, bots, rejected };
  if (rejected.length) {
    const first = rejected[0];
    const where = type === "batch" ? `batch[${first.index}]: ` : "";
    return { status: 400, body: { success: false, ...summary, error: { code: "invalid_message", message: `${where}${first.error}` } } };
  }
  return { status: 200, body: { success: true, ...summary } };
}
