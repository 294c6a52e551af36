import { batchSchema } from "./schema";
import { MAX_EVENT_BYTES } from "./body";
import { findUnstorable } from "../text/safe";
import { normalizeMessage, protoKeyError, type NormalizeContext, type NormalizedEvent } from "./normalize";

export type RejectedMessage = { index: number; error: string };
export type BatchResult = { ok: true; accepted: NormalizedEvent[]; rejected: RejectedMessage[] } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A `/v1/batch` body: every item validated and mapped on its own, so the valid ones can be stored
 * while the others are reported by index. The batch's sentAt corrects the clock of items without
 * their own; its context and integrations fill in what an item's leave out (withBatchDefaults).
 * Fails as a whole only when the body is not a batch or its shared fields are wrong. Bots are among `accepted`, flagged `bot`.
 */
export function parseBatch(payload: unknown, ctx: Omit<NormalizeContext, "batchSentAt" | "batchDefaults">): BatchResult {
  if (!isObject(payload) || !Array.isArray(payload.batch)) return { ok: false, error: 'batch is required: send { "batch": [messages] }' };
  const parsed = batchSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue.path.join(".") || "batch"} has the wrong type` };
  }
  const shared = { context: payload.context, integrations: payload.integrations };
  const sharedFault = findUnstorable(shared);
  if (sharedFault) return { ok: false, error: `${sharedFault.path} ${sharedFault.reason}` };
  const protoKey = protoKeyError(shared);
  if (protoKey) return { ok: false, error: protoKey };
  const accepted: NormalizedEvent[] = [];
  const rejected: RejectedMessage[] = [];
  payload.batch.forEach((item, index) => {
    if (!isObject(item)) return rejected.push({ index, error: "each message must be a JSON object" });
    // Depth first: JSON.stringify recurses, and a message nested thousands deep would overflow it.
    const unstorable = findUnstorable(item);
    if (unstorable) return rejected.push({ index, error: `${unstorable.path || "message"} ${unstorable.reason}` });
    if (Buffer.byteLength(JSON.stringify(item)) > MAX_EVENT_BYTES) return rejected.push({ index, error: "message is larger than 32 KB" });
    const r = normalizeMessage(item, undefined, { ...ctx, batchSentAt: payload.sentAt, batchDefaults: shared });
    if (r.ok) accepted.push(r.event);
    else rejected.push({ index, error: r.error });
  });
  return { ok: true, accepted, rejected };
}
