import zlib from "node:zlib";

/** Size limits of the Segment HTTP API: one message 32 KB, a batch 500 KB (after decompression). */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

export class BodyError extends Error {
  constructor(
    message: string,
    public readonly status: 400 | 413 | 415,
  ) {
    super(message);
  }
}

/** Strict UTF-8: Buffer#toString would turn each invalid byte into U+FFFD and store that silently. */
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body's text, or a 400 when its bytes are not valid UTF-8 (JSON text must be, RFC 8259 §8.1). */
function utf8Text(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BodyError("The request body is not valid UTF-8.", 400);
  }
}

const tooLarge = (limit: number, after = "") =>
  new BodyError(`The request body is larger than ${Math.round(limit / 1024)} KB${after}.`, 413);

/**
 * The request body as text: gunzipped when sent gzip-encoded, refused past `limit` bytes, and
 * refused (400) when its bytes, after gunzip, are not valid UTF-8. The limit applies to the
 * decompressed size and gunzip stops at it, so a gzip bomb costs `limit` bytes of memory, not
 * gigabytes.
 */
export function decodeBody(raw: Buffer | string, contentEncoding: string | null | undefined, limit: number = MAX_BATCH_BYTES): string {
  const encoding = (contentEncoding ?? "").trim().toLowerCase();
  if (typeof raw === "string") {
    if (encoding && encoding !== "identity") throw new BodyError("A gzip body must be sent as bytes, not text.", 400);
    if (Buffer.byteLength(raw) > limit) throw tooLarge(limit);
    return raw;
  }
  let body = raw;
  if (encoding === "gzip" || encoding === "x-gzip") {
    // gzip never grows data by more than its header and a few bytes per 16 KB block.
    if (raw.length > limit + 1024) throw tooLarge(limit, " after decompression");
    try {
      body = zlib.gunzipSync(raw, { maxOutputLength: limit + 1 });
    } catch (err) {
      if (
        (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" ||
        /Cannot create a Buffer larger|maxOutputLength/i.test(String(err))
      ) {
        throw tooLarge(limit, " after decompression");
      }
      throw new BodyError("The request body is not valid gzip.", 400);
    }
    if (body.length > limit) throw tooLarge(limit, " after decompression");
  } else if (encoding && encoding !== "identity") {
    throw new BodyError(`Content-Encoding "${encoding}" is not supported; send gzip or no encoding.`, 415);
  }
  if (body.length > limit) throw tooLarge(limit);
  return utf8Text(body);
}

/** JSON from a body sent as application/json or text/plain (sendBeacon cannot set JSON). */
export function parseJsonBody(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!json.trim()) throw new BodyError("The request body is empty; send a JSON object.", 400);
  try {
    return JSON.parse(json);
  } catch {
    throw new BodyError("The request body is not valid JSON.", 400);
  }
}

/**
 * application/json, any +json type, text/plain (what sendBeacon and a no-cors fetch send), and
 * application/x-www-form-urlencoded, which is what `curl -d '{…}'` sends unless told otherwise.
 */
const JSON_TYPES = /^(application\/(json|[\w.+-]+\+json|x-www-form-urlencoded)|text\/plain)$/;

/**
 * The JSON a request carries, checking its Content-Type first (parameters such as charset are
 * ignored; a missing type is accepted, as curl and some server libraries send none).
 */
export function parseRequestBody(raw: Buffer | string, contentType: string | null | undefined): unknown {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type && !JSON_TYPES.test(type))
    throw new BodyError(`Content-Type "${type}" is not supported; send application/json or text/plain containing JSON.`, 415);
  return parseJsonBody(typeof raw === "string" ? raw : utf8Text(raw));
}
