import zlib from "node:zlib";

/** Size limits of the Segment HTTP API: one message 32 KB, a batch 500 KB (after decompression). */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

export class BodyError extends Error {
  constructor(message: string, public readonly status: 400 | 413 | 415) {
    super(message);
  }
}

/** The request body as text: gunzipped when sent gzip-encoded, refused past `limit` bytes (a gzip bomb too). */
export function decodeBody(raw: Buffer, contentEncoding: string | null, limit: number): string {
  const encoding = (contentEncoding ?? "").trim().toLowerCase();
  let body = raw;
  if (encoding === "gzip" || encoding === "x-gzip") {
    try {
      body = zlib.gunzipSync(raw, { maxOutputLength: limit + 1 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || /Cannot create a Buffer larger|maxOutputLength/i.test(String(err))) {
        throw new BodyError(`The request body is larger than ${Math.round(limit / 1024)} KB after decompression.`, 413);
      }
      throw new BodyError("The request body is not valid gzip.", 400);
    }
  } else if (encoding && encoding !== "identity") {
    throw new BodyError(`Content-Encoding "${encoding}" is not supported; send gzip or no encoding.`, 415);
  }
  if (body.length > limit) throw new BodyError(`The request body is larger than ${Math.round(limit / 1024)} KB.`, 413);
  return body.toString("utf8");
}

/** JSON from a body sent as application/json or text/plain (sendBeacon cannot set JSON). */
export function parseJsonBody(text: string): unknown {
  if (!text.trim()) throw new BodyError("The request body is empty; send a JSON object.", 400);
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError("The request body is not valid JSON.", 400);
  }
}
