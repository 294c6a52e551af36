import { z } from "zod";

/*
 * The Segment HTTP Tracking API's messages, as analytics.js and the server libraries send them.
 * Fields are checked for type; unknown fields pass (`loose`) because clients add their own.
 * Optional fields accept null: several libraries send `"userId": null` for anonymous visitors.
 */

const MAX_ID = "must be at most 200 characters";
/** Ids may be sent as numbers (a database key); they are stored as text. */
const id = z.union([z.string().max(200, MAX_ID), z.number()]).transform(String);
/** ISO 8601 text or epoch milliseconds; checked as a date when normalised. */
const time = z.union([z.string(), z.number()]);
const record = z.record(z.string(), z.unknown());
const text = z.string().nullish();

export const contextSchema = z
  .object({
    page: z.object({ path: text, url: text, referrer: text, search: text, title: text }).loose().nullish(),
    campaign: z.object({ source: text, medium: text, name: text, term: text, content: text }).loose().nullish(),
    userAgent: text,
    ip: text,
    location: z.object({ country: text, region: text, city: text }).loose().nullish(),
    locale: text,
    library: z.object({ name: text, version: text }).loose().nullish(),
    traits: record.nullish(),
  })
  .loose();

const common = z
  .object({
    type: z.string().optional(),
    anonymousId: id.nullish(),
    userId: id.nullish(),
    messageId: z.string().max(200, MAX_ID).nullish(),
    timestamp: time.nullish(),
    originalTimestamp: time.nullish(),
    sentAt: time.nullish(),
    context: contextSchema.nullish(),
    integrations: record.nullish(),
    writeKey: z.string().nullish(),
    // Every type: an identify, alias or group call's properties are stored as its event's too.
    properties: record.nullish(),
  })
  .loose();

export const trackSchema = common.extend({ event: z.string().max(200, MAX_ID) });
export const pageSchema = common.extend({
  name: z.string().max(500).nullish(),
  category: z.string().max(500).nullish(),
});
export const identifySchema = common.extend({ traits: record.nullish() });
export const aliasSchema = common.extend({ previousId: id, userId: id });
export const groupSchema = common.extend({ groupId: id, traits: record.nullish() });

/**
 * `/v1/batch`: items are checked one by one (by normalizeMessage), so that one bad item is
 * reported by index while the others are stored, as Segment does. Batch-level `sentAt`, `context`
 * and `integrations` apply to every item (lib/ingest/normalize.ts withBatchDefaults).
 */
export const batchSchema = z
  .object({
    batch: z.array(z.unknown()),
    sentAt: time.nullish(),
    context: contextSchema.nullish(),
    writeKey: z.string().nullish(),
    integrations: record.nullish(),
  })
  .loose();

export const MESSAGE_TYPES = ["track", "page", "screen", "identify", "alias", "group"] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const MESSAGE_SCHEMAS = {
  track: trackSchema,
  page: pageSchema,
  screen: pageSchema, // mobile libraries' page view: stored like a page
  identify: identifySchema,
  alias: aliasSchema,
  group: groupSchema,
} as const satisfies Record<MessageType, z.ZodType>;

/** Any message after validation: the union of every type's fields, all but the common ones optional. */
export type ParsedMessage = z.output<typeof common> &
  Partial<
    z.output<typeof trackSchema> &
      z.output<typeof pageSchema> &
      z.output<typeof identifySchema> &
      z.output<typeof aliasSchema> &
      z.output<typeof groupSchema>
  >;

/** The message type a path names (/v1/track, /v1/t, …); batch items carry their own `type`. */
export const PATH_TYPES: Record<string, MessageType | "batch"> = {
  track: "track",
  t: "track",
  page: "page",
  p: "page",
  screen: "screen",
  s: "screen",
  identify: "identify",
  i: "identify",
  alias: "alias",
  a: "alias",
  group: "group",
  g: "group",
  batch: "batch",
  b: "batch",
  import: "batch",
};
