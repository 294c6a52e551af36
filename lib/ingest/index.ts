// Ingestion parsing: the Segment HTTP Tracking API's bodies and messages, validated and mapped to
// stored events. Pure (no database, no Next); db/events/ingest.ts wires it to the store.
export { decodeBody, parseJsonBody, parseRequestBody, BodyError, MAX_EVENT_BYTES, MAX_BATCH_BYTES } from "./body";
export { parseBatch, type BatchResult, type RejectedMessage } from "./batch";
export { normalizeMessage, isBotVisitor, type NormalizedEvent, type NormalizeContext, type NormalizeResult, type EventType } from "./normalize";
export { eventTime, MAX_FUTURE_MS, MIN_EVENT_TIME, SKEW_TOLERANCE_MS } from "./time";
export { attribution, hostOf, knownSite, type Attribution } from "./referrer";
export { parseUserAgent, isBotUserAgent, type UserAgentInfo } from "./useragent";
export { ageGroup } from "./age";
export * from "./schema";
