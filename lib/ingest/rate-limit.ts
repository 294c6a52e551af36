/**
 * Per-project token buckets for ingestion, in process memory: refilled continuously at
 * `perMinute`, holding at most a minute's worth. Returns 0 when the events may pass, else the
 * seconds to wait. In memory on purpose: a round trip per request would halve throughput, and one
 * app process serves one database here (see README for multi-process deployments).
 */
const buckets = new Map<string, { tokens: number; at: number }>();

export function takeTokens(projectId: string, count: number, perMinute: number, now = Date.now()): number {
  const bucket = buckets.get(projectId) ?? { tokens: perMinute, at: now };
  bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * perMinute);
  bucket.at = now;
  if (bucket.tokens < count) {
    buckets.set(projectId, bucket);
    return Math.max(1, Math.ceil(((count - bucket.tokens) / perMinute) * 60));
  }
  bucket.tokens -= count;
  buckets.set(projectId, bucket);
  return 0;
}
