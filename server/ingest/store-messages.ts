import type { Db } from "../../db/client";
import type { ProjectRow } from "../../db/tenant";
import { storeAccepted, recordBotsDropped, recordOriginsRefused, type Candidate } from "../../db/events/store";
import { normalizeMessage, protoKeyError, type BatchDefaults } from "../../lib/ingest/normalize";
import type { MessageType } from "../../lib/ingest/schema";
import { MAX_EVENT_BYTES } from "../../lib/ingest/body";
import { lookupCountry } from "../../lib/geo";
import { takeTokens } from "../../lib/ingest/rate-limit";
import { originAllowed, requestOriginOf } from "../../lib/ingest/origin";
import { findUnstorable, MAX_JSON_DEPTH } from "../../lib/text/safe";
import { PROTO_KEY } from "../../lib/text/proto-key";
import { isUnavailable } from "../../db/events/errors";
import { ProjectGoneError } from "../../db/events/insert";
import { forgetWriteKeys } from "../../db/write-key-cache";
import { fail, unavailable, unknownWriteKey, type IngestResponse } from "./answers";

/**
 * The message's JSON text when findUnstorable would surely find nothing in it, else null (then the
 * walk runs). Decided on the text at a tenth of the walk's cost: JSON.stringify writes a NUL as
 * \u0000 and a lone surrogate as \ud800-\udfff (a pair stays as its characters), and a value cannot
 * nest deeper than it has opening brackets; an escape that is only text, or many brackets, get the
 * walk. Messages come from JSON.parse: no cycles, nothing JSON.stringify skips. A message nested
 * too deep for JSON.stringify's stack gets the walk too, which refuses it.
 */
function cleanJson(raw: unknown): string | null {
  if (raw === null || typeof raw !== "object") return typeof raw === "string" ? null : JSON.stringify(raw ?? null);
  let json: string;
  try {
    json = JSON.stringify(raw);
  } catch {
    return null;
  }
  if (/\\u0000|\\ud[89a-f]/i.test(json)) return null;
  let opens = 0;
  for (const bracket of ["{", "["])
    for (let i = json.indexOf(bracket); i !== -1; i = json.indexOf(bracket, i + 1)) if (++opens > MAX_JSON_DEPTH) return null;
  return json;
}

/** How many refused messages an answer lists (the first, by index); `rejectedCount` counts them all. */
export const MAX_LISTED_REJECTIONS = 100;

/** JSON.stringify writes an own `__proto__` key as this; its absence from a message's JSON saves the walk for it. */
const PROTO_KEY_JSON = JSON.stringify(PROTO_KEY) + ":";

export type IngestItem = { raw: unknown; type: MessageType | undefined };
export type StoreContext = {
  /** a /v1/batch request: items are reported by index and each is capped at 32 KB */
  batch: boolean;
  batchSentAt?: unknown;
  /** the batch's context and integrations, already checked by the caller (handler.ts) */
  batchDefaults?: BatchDefaults;
  clientIp: string | null;
  userAgent: string | null;
  /** The `Origin` and `Referer` headers: checked against the project's allowed origins. */
  origin: string | null;
  referer: string | null;
  rateLimitPerMinute: number;
};

/**
 * The messages of one request to a project, whatever API they came in by (Segment, Plausible,
 * Umami): allowed origins, rate limit, validate and map each (normalizeMessage), drop bots (counted), store the
 * rest durably (messageId dedup), and answer with what was accepted and what was refused (by
 * index). 503 with Retry-After only when the database is unavailable.
 */
export async function storeMessages(db: Db, project: ProjectRow, items: IngestItem[], ctx: StoreContext): Promise<IngestResponse> {
  // Allowed origins (lib/ingest/origin.ts), from the project row the lookup loaded: no extra query
  // unless the request is refused. Refused events take no tokens, so another site cannot use up the
  // project's rate limit.
  const from = requestOriginOf(ctx.origin, ctx.referer);
  if (!originAllowed(project, from)) {
    try {
      await recordOriginsRefused(db, project.id, new Date(), items.length);
    } catch (err) {
      if (isUnavailable(err)) return unavailable("The event store is unavailable; retry later.");
      throw err;
    }
    return from === null
      ? fail(
          403,
          "origin_required",
          "This project accepts events only from the sites in its allowed origins; requests without an Origin (server-side libraries) are turned off in the project's settings.",
        )
      : fail(
          403,
          "origin_not_allowed",
          `This project does not accept events from ${from === "opaque" ? "this page" : from}. Add the site to the allowed origins in the project's settings.`,
        );
  }

  // Every message sent takes a token, valid or not: checking it is the work the limit bounds. A
  // request of more messages than a minute's worth can never pass (the bucket holds one minute), so
  // it is told to split, not to retry: a 429 with Retry-After would have it resent forever.
  if (items.length > ctx.rateLimitPerMinute)
    return fail(
      413,
      "batch_too_large",
      `This batch has ${items.length} messages, more than this project's rate limit of ${ctx.rateLimitPerMinute} events a minute lets through at once; send batches of at most ${ctx.rateLimitPerMinute} messages.`,
    );
  const limited = takeTokens(project.id, items.length, ctx.rateLimitPerMinute);
  if (limited)
    return fail(
      429,
      "rate_limited",
      `This project sends more than ${ctx.rateLimitPerMinute} events a minute; slow down and retry.`,
      {},
      { "Retry-After": String(limited) },
    );

  const receivedAt = new Date();
  const candidates: Candidate[] = [];
  const rejected: { index: number; error: string }[] = [];
  let bots = 0;
  items.forEach(({ raw, type: t }, index) => {
    // What PostgreSQL cannot store, and nesting too deep, first: JSON.stringify below recurses.
    const clean = cleanJson(raw);
    const unstorable = clean === null ? findUnstorable(raw) : null;
    if (unstorable) return rejected.push({ index, error: `${unstorable.path || "message"} ${unstorable.reason}` });
    const json = clean ?? JSON.stringify(raw ?? null);
    // Bytes, as the limit is (a € is three); the message as sent, before the batch's context joins it.
    if (ctx.batch && Buffer.byteLength(json) > MAX_EVENT_BYTES) return rejected.push({ index, error: "message is larger than 32 KB" });
    const protoKey = json.includes(PROTO_KEY_JSON) ? protoKeyError(raw) : null;
    if (protoKey) return rejected.push({ index, error: protoKey });
    const r = normalizeMessage(raw, t, {
      receivedAt,
      batchSentAt: ctx.batchSentAt,
      batchDefaults: ctx.batchDefaults,
      requestIp: ctx.clientIp,
      requestUserAgent: ctx.userAgent,
      lookupCountry,
      storableChecked: true,
    });
    if (!r.ok) return rejected.push({ index, error: r.error });
    // Bots (lib/ingest/normalize isBotVisitor: the snippet's automation flag, the message's or a browser's agent) are counted, not stored.
    if (r.event.bot) return bots++;
    candidates.push({ index, event: r.event });
  });

  let result: Awaited<ReturnType<typeof storeAccepted>>;
  try {
    result = await storeAccepted(db, project.id, candidates);
    await recordBotsDropped(db, project.id, receivedAt, bots);
  } catch (err) {
    if (isUnavailable(err))
      return unavailable("The event store is unavailable; retry later (what was stored already is not stored twice).");
    // Deleted after its write key was looked up (the key cache): the key is unknown from now on.
    if (err instanceof ProjectGoneError) {
      forgetWriteKeys();
      return unknownWriteKey();
    }
    throw err;
  }
  const { stored } = result;
  const refused = result.refused.length;
  rejected.push(...result.refused);
  rejected.sort((a, b) => a.index - b.index);
  const accepted = candidates.length - refused;
  // A batch of 160,000 `{}` would otherwise be answered with 15 MB of the same error.
  const summary = {
    accepted,
    stored,
    duplicates: accepted - stored,
    bots,
    rejected: rejected.slice(0, MAX_LISTED_REJECTIONS),
    rejectedCount: rejected.length,
  };
  if (rejected.length) {
    const first = rejected[0];
    const where = ctx.batch ? `batch[${first.index}]: ` : "";
    return { status: 400, body: { success: false, ...summary, error: { code: "invalid_message", message: `${where}${first.error}` } } };
  }
  return { status: 200, body: { success: true, ...summary } };
}
