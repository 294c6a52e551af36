import type { Readable } from "node:stream";

/**
 * Reading a request body without trusting its headers. A client may send no Content-Length
 * (chunked), a false one, or a gzip body; `request.arrayBuffer()`/`text()` would hold whatever
 * arrives in memory before anyone checks its size (400 MB without a key took the server to 1.3 GB).
 * Here the bytes are counted as they arrive and reading stops at the first byte past the cap.
 */

/** A body larger than the route accepts: answer 413. */
export class BodyTooLargeError extends Error {
  readonly status = 413;
  constructor(public readonly limit: number) {
    super(`The request body is larger than ${describeBytes(limit)}.`);
  }
}

/** 32 KB, 1 MB: how the limits are named in answers and the README. */
export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;
/** A fetch Request, or a node:http IncomingMessage (tests/ingest-server.ts). */
export type BodySource = { headers: Headers; body: ReadableStream<Uint8Array> | null } | (Readable & { headers: HeaderBag });

function isNodeStream(source: BodySource): source is Readable & { headers: HeaderBag } {
  return typeof (source as Readable).iterator === "function";
}

function declaredLength(headers: HeaderBag): number | null {
  const raw = headers instanceof Headers ? headers.get("content-length") : headers["content-length"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * The whole body, at most `limit` bytes (as sent, before any decompression): a declared
 * Content-Length over the cap is refused without reading, and a body that turns out longer is
 * refused at the first chunk past the cap. Throws BodyTooLargeError. The rest of the stream is left
 * unread rather than cancelled: cancelling would tear down the connection before the 413 could be
 * sent, while an unread stream only pauses the sender (the server discards the rest after answering).
 */
export async function readBodyCapped(source: BodySource, limit: number): Promise<Buffer> {
  const declared = declaredLength(source.headers);
  if (declared !== null && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const take = (chunk: Uint8Array) => {
    size += chunk.byteLength;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk);
  };
  if (!isNodeStream(source)) {
    const body = source.body;
    if (!body) return Buffer.alloc(0);
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        take(value);
      }
    } finally {
      reader.releaseLock();
    }
  } else {
    // destroyOnReturn: false keeps the socket open after an early stop, so the 413 can still be written.
    for await (const chunk of source.iterator({ destroyOnReturn: false })) {
      take(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Uint8Array));
    }
  }
  return Buffer.concat(chunks, size);
}
