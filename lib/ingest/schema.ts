import { z } from "zod";

const id = z.union([z.string().max(200, "must be at most 200 characters"), z.number()]).transform(String);
const time = z.union([z.string(), z.number()]).optional();
const obj = z.record(z.string(), z.unknown());

const context = z
  .object({
    page: z.object({ path: z.string().optional(), url: z.string().optional(), referrer: z.string().optional(), search: z.string().optional(), title: z.string().optional() }).partial().loose().optional(),
    campaign: obj.optional(),
    userAgent: z.string().optional(),
    ip: z.string().optional(),
    location: z.object({ country: z.string().optional(), region: z.string().optional(), city: z.string().optional() }).partial().loose().optional(),
    locale: z.string().optional(),
    traits: obj.optional(),
  })
  .loose();

/** One Segment message of any type; fields are checked for type, unknown fields are kept aside. */
export const messageSchema = z
  .object({
    type: z.string().optional(),
    anonymousId: id.optional().nullable(),
    userId: id.optional().nullable(),
    previousId: id.optional().nullable(),
    groupId: id.optional().nullable(),
    messageId: z.string().max(200, "must be at most 200 characters").optional(),
    event: z.string().max(200, "must be at most 200 characters").optional(),
    name: z.string().max(500).optional().nullable(),
    category: z.string().optional().nullable(),
    timestamp: time,
    originalTimestamp: time,
    sentAt: time,
    properties: obj.optional().nullable(),
    traits: obj.optional().nullable(),
    context: context.optional().nullable(),
    writeKey: z.string().optional(),
  })
  .loose();
export type SegmentMessage = z.infer<typeof messageSchema>;

export const MESSAGE_TYPES = ["track", "page", "screen", "identify", "alias", "group"] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** The message type a path names (/v1/track, /v1/t, …); batch items carry their own `type`. */
export const PATH_TYPES: Record<string, MessageType | "batch"> = {
  track: "track", t: "track", page: "page", p: "page", screen: "screen", s: "screen", identify: "identify", i: "identify",
  alias: "alias", a: "alias", group: "group", g: "group", batch: "batch", b: "batch", import: "batch",
};
