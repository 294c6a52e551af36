/** The answers of the ingestion APIs: JSON with a code and a sentence, and headers such as Retry-After. */
export type IngestResponse = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

export const fail = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): IngestResponse => ({
  status,
  body: { success: false, error: { code, message, ...extra } },
  headers,
});

export const unavailable = (message: string) => fail(503, "unavailable", message, {}, { "Retry-After": "5" });

/** A write key no project has (any more): the project was deleted, or the key rotated. */
export const unknownWriteKey = () => fail(401, "unknown_write_key", "Unknown write key. Copy it from the project's settings.");
