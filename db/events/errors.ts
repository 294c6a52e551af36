/*
 * What a failed write means for the client, decided by the error's class, never by its message
 * (a message holds the statement and its values, so an event named "connection closed" must not
 * read as an outage). 503 + Retry-After tells a Segment client to send the same batch again, so it
 * is only right when the same batch will succeed later: the database is away or overloaded.
 * A data error repeats on every retry, so it must become a 400 for the item that caused it.
 */

/** Codes of an error and everything it wraps (drizzle's DrizzleQueryError keeps the driver's error as `cause`). */
export function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length && seen.size < 20) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const { code, errno, cause, errors } = e as { code?: unknown; errno?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === "string") codes.push(code);
    if (typeof errno === "string") codes.push(errno);
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return codes;
}

/** Socket errors (Node) and postgres.js's own connection errors. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/**
 * SQLSTATEs after which the same statement may well succeed later: class 08 (connection
 * exception), 57P01-57P03 (admin/crash shutdown, cannot connect now), 57014 (cancelled, e.g. by
 * statement_timeout under load), 53000-53300 (insufficient resources: disk full, out of memory,
 * too many connections) and class 40 (serialization failure, deadlock).
 */
function isTransientSqlState(code: string): boolean {
  return (
    /^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code) || code === "57014" || /^53[0-3]00$/.test(code) || /^40[0-9A-Z]{3}$/.test(code)
  );
}

/** The database is away or overloaded: answer 503 with Retry-After; the same request will do later. */
export function isUnavailable(err: unknown): boolean {
  return errorCodes(err).some((c) => CONNECTION_CODES.has(c) || isTransientSqlState(c));
}

/**
 * The statement failed because of the values it carried: class 22 (data exception: NUL, bad
 * Unicode, numeric overflow, time out of range), 23 (integrity constraint), 54 (program limit:
 * nesting too deep, index row too large). Retrying the same values fails again.
 */
export function isDataError(err: unknown): boolean {
  return errorCodes(err).some((c) => /^(22|23|54)[0-9A-Z]{3}$/.test(c));
}

/** A short reason for the client: the SQLSTATE and PostgreSQL's message, without the statement. */
export function dataErrorReason(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === "object"; i++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && /^(22|23|54)/.test(code) && typeof message === "string")
      return `could not be stored (${code}: ${message.slice(0, 200)})`;
    e = (e as { cause?: unknown }).cause;
  }
  return "could not be stored";
}
