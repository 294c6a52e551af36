import type { Db } from "../../db/client";
import type { ProjectRow } from "../../db/tenant";
import { projectForWriteKeyCached } from "../../db/write-key-cache";
import { PATH_TYPES, batchSchema } from "../../lib/ingest/schema";
import { protoKeyError, type BatchDefaults } from "../../lib/ingest/normalize";
import { decodeBody, parseJsonBody, BodyError, MAX_BATCH_BYTES, MAX_EVENT_BYTES } from "../../lib/ingest/body";
import { findUnstorable, isStorableText } from "../../lib/text/safe";
import { BodyTooLargeError, describeBytes } from "../body";
import { isUnavailable } from "../../db/events/errors";
import { fail, unavailable, unknownWriteKey, type IngestResponse } from "./answers";
import { storeMessages, type IngestItem } from "./store-messages";

/** gzip never grows data by more than its header and a few bytes per 16 KB block: the cap on a compressed body. */
const GZIP_OVERHEAD = 1024;

export type IngestRequest = {
  kind: string;
  /**
   * Reads the body, at most `limit` bytes as sent (server/body.ts readBodyCapped): called only after
   * the path and a basic-auth write key were checked, so a stranger's upload is refused unread.
   */
  readBody: (limit: number) => Promise<Buffer>;
  contentEncoding: string | null;
  authorization: string | null;
  userAgent: string | null;
  clientIp: string | null;
  /** The `Origin` and `Referer` headers: checked against the project's allowed origins. */
  origin: string | null;
  referer: string | null;
};
export type { IngestResponse };

/** The write key from HTTP basic auth (as the user name), if the request has one. */
export function basicWriteKey(authorization: string | null): string | null {
  const basic = authorization?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (!basic) return null;
  return Buffer.from(basic, "base64").toString("utf8").split(":")[0] || null;
}

/** The write key from HTTP basic auth (as the user name), else from the body's writeKey. */
export function writeKeyOf(authorization: string | null, body: unknown): string | null {
  const basic = basicWriteKey(authorization);
  if (basic) return basic;
  const fromBody = (body as { writeKey?: unknown } | null)?.writeKey;
  return typeof fromBody === "string" && fromBody ? fromBody : null;
}

/** The project of a write key, or the answer to give instead (401 unknown, 503 database away). */
async function projectOf(db: Db, writeKey: string): Promise<ProjectRow | IngestResponse> {
  const unknown = unknownWriteKey();
  if (!isStorableText(writeKey) || writeKey.length > 200) return unknown;
  try {
    return (await projectForWriteKeyCached(db, writeKey)) ?? unknown;
  } catch (err) {
    if (isUnavailable(err)) return unavailable("The event store is unavailable; retry later.");
    throw err;
  }
}

const isAnswer = (x: ProjectRow | IngestResponse): x is IngestResponse => "status" in x && "body" in x;

/**
 * What is wrong with a batch's own `sentAt`, `context` and `integrations`, which apply to every item
 * (so a fault there is the whole batch's), or null. Checked once here, not with every item.
 */
function batchDefaultsError(p: { sentAt?: unknown; context?: unknown; integrations?: unknown }): string | null {
  const shared = { sentAt: p.sentAt, context: p.context, integrations: p.integrations };
  const unstorable = findUnstorable(shared);
  if (unstorable) return `${unstorable.path} ${unstorable.reason}`;
  const protoKey = protoKeyError(shared);
  if (protoKey) return protoKey;
  const parsed = batchSchema.pick({ sentAt: true, context: true, integrations: true }).safeParse(shared);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${issue.path.join(".")} has the wrong type${issue.code === "invalid_type" ? ` (expected ${issue.expected === "record" ? "object" : issue.expected})` : ""}`;
}

/**
 * One Segment HTTP API request: check the path and a basic-auth write key before reading the body,
 * read it under the size cap, validate, map, drop bots, store the valid messages durably, and
 * answer with what was accepted and what was rejected (with the batch index). 400 names the
 * messages that were refused (the others are stored); 503 with Retry-After only when the database
 * is unavailable, so clients retry and messageId dedup prevents doubles. Anything else throws
 * (the route answers 500 without Retry-After).
 */
export async function ingest(db: Db, req: IngestRequest, rateLimitPerMinute: number): Promise<IngestResponse> {
  // An own entry only: /v1/constructor or /v1/__proto__ must not find Object.prototype's members.
  const type = Object.hasOwn(PATH_TYPES, req.kind) ? PATH_TYPES[req.kind] : undefined;
  if (!type)
    return fail(404, "unknown_endpoint", `Unknown endpoint /v1/${req.kind}. Use track, page, screen, identify, alias, group or batch.`);

  // A key in the Authorization header is checked before a byte of the body is read.
  const headerKey = basicWriteKey(req.authorization);
  let project: ProjectRow | null = null;
  if (headerKey) {
    const found = await projectOf(db, headerKey);
    if (isAnswer(found)) return found;
    project = found;
  }

  const limit = type === "batch" ? MAX_BATCH_BYTES : MAX_EVENT_BYTES;
  const encoding = (req.contentEncoding ?? "").trim().toLowerCase();
  const gzip = encoding === "gzip" || encoding === "x-gzip";
  let payload: unknown;
  try {
    const raw = await req.readBody(gzip ? limit + GZIP_OVERHEAD : limit);
    payload = parseJsonBody(decodeBody(raw, req.contentEncoding, limit));
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      return fail(413, "invalid_body", `The request body is larger than ${describeBytes(limit)}${gzip ? " after decompression" : ""}.`);
    if (err instanceof BodyError) return fail(err.status, "invalid_body", err.message);
    throw err;
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return fail(400, "invalid_body", "The request body must be a JSON object.");

  if (!project) {
    // analytics.js and sendBeacon put the key in the body: read under the cap, checked right after.
    const writeKey = writeKeyOf(null, payload);
    if (!writeKey)
      return fail(401, "missing_write_key", "Send the project's write key as the basic-auth user name or as writeKey in the body.");
    const found = await projectOf(db, writeKey);
    if (isAnswer(found)) return found;
    project = found;
  }

  const items: IngestItem[] = [];
  const p = payload as { batch?: unknown; sentAt?: unknown; context?: unknown; integrations?: unknown };
  let batchDefaults: BatchDefaults | undefined;
  if (type === "batch") {
    if (!Array.isArray(p.batch)) return fail(400, "invalid_body", "A batch needs a `batch` array of messages.");
    const defaultsError = batchDefaultsError(p);
    if (defaultsError) return fail(400, "invalid_body", defaultsError);
    if (p.batch.length === 0) return { status: 200, body: { success: true, accepted: 0, rejected: [], rejectedCount: 0 } };
    for (const raw of p.batch) items.push({ raw, type: undefined });
    if (p.context != null || p.integrations != null) batchDefaults = { context: p.context, integrations: p.integrations };
  } else {
    items.push({ raw: payload, type });
  }

  return storeMessages(db, project, items, {
    batch: type === "batch",
    batchSentAt: p.sentAt,
    batchDefaults,
    clientIp: req.clientIp,
    userAgent: req.userAgent,
    origin: req.origin,
    referer: req.referer,
    rateLimitPerMinute,
  });
}
