/** A message more than this far ahead of the server's clock (after correction) is refused. */
export const MAX_FUTURE_MS = 24 * 3600 * 1000;
/**
 * The earliest time an event may have (after correction). Older times are a broken clock or a
 * unit mistake (seconds sent as milliseconds lands in 1970), and the range keeps every stored
 * time well inside what both JS Date (±275,760 years) and PostgreSQL's timestamptz (4713 BC to
 * 294,276 AD) can hold: a time either could not store would otherwise fail its whole batch.
 */
export const MIN_EVENT_TIME = Date.UTC(2000, 0, 1);
/** Client clocks within this of the server are trusted as they are. */
export const SKEW_TOLERANCE_MS = 5_000;

/**
 * The last text read as a date, per role (a batch's sentAt, an item's timestamp): a batch's items
 * share their sentAt and often their timestamps, and reading ISO text costs more than the rest of
 * this function.
 */
type Memo = { text: string | undefined; ms: number };
const sentMemo: Memo = { text: undefined, ms: NaN };
const originalMemo: Memo = { text: undefined, ms: NaN };

function toDate(value: unknown, memo: Memo): Date | null | "invalid" {
  if (value === undefined || value === null || value === "") return null;
  let ms: number;
  if (typeof value === "string") {
    if (value !== memo.text) {
      memo.ms = new Date(value).getTime();
      memo.text = value;
    }
    ms = memo.ms;
  } else ms = new Date(value as number).getTime();
  return Number.isNaN(ms) ? "invalid" : new Date(ms);
}

type Times = { timestamp?: unknown; originalTimestamp?: unknown; sentAt?: unknown };

/**
 * When the event happened, or an error message. Segment's correction: when the client sent
 * `sentAt`, its clock is off by (sentAt − receivedAt), so the time is
 * receivedAt − (sentAt − originalTimestamp); this also holds for backfilled times. Without
 * sentAt the timestamp is taken as sent (a server library's import); without any, receivedAt.
 * Below SKEW_TOLERANCE the difference is network delay, not a wrong clock: correcting it would
 * let jitter reorder one client's events sent in separate requests.
 */
export function eventTime(m: Times, batchSentAt: unknown, receivedAt: Date): Date | string {
  const sent = toDate(m.sentAt ?? batchSentAt, sentMemo);
  if (sent === "invalid") return "sentAt is not a valid date";
  const original = toDate(m.originalTimestamp ?? m.timestamp, originalMemo);
  if (original === "invalid") return `${m.originalTimestamp != null ? "originalTimestamp" : "timestamp"} is not a valid date`;
  if (!original) return receivedAt;
  const skew = sent ? receivedAt.getTime() - sent.getTime() : 0;
  const corrected = Math.abs(skew) > SKEW_TOLERANCE_MS;
  const time = corrected ? new Date(original.getTime() + skew) : original;
  const t = time.getTime();
  const wrong = Number.isNaN(t)
    ? "out of range"
    : t > receivedAt.getTime() + MAX_FUTURE_MS
      ? "more than a day in the future"
      : t < MIN_EVENT_TIME
        ? "before 2000-01-01"
        : null;
  if (!wrong) return time;
  // A time that is fine as sent and wrong only once corrected is sentAt's fault (a clock at 0001-01-01).
  const own = original.getTime();
  if (corrected && own >= MIN_EVENT_TIME && own <= receivedAt.getTime() + MAX_FUTURE_MS)
    return `sentAt does not fit the timestamp: corrected by it, the time is ${wrong}`;
  return `timestamp is ${wrong}`;
}
