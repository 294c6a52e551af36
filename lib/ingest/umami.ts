import { z } from "zod";
import { findUnstorable } from "../text/safe";
import { PROTO_KEY_REFUSED, withoutProtoKey } from "../text/proto-key";

/*
 * Umami's collect endpoint (`POST /api/send`), as its tracker script sends it:
 * `{ type: "event" | "identify", payload: { website, hostname, screen, language, title, url,
 * referrer, tag, id, vid, name, data } }`. A payload without `name` is a page view; with `name` it
 * is a custom event whose `data` are its properties; `identify` links `id` (the site's user id) to
 * the visitor and carries traits in `data`. Older trackers send `url` as a path; newer ones the
 * whole address. Unknown keys pass, as for the Segment messages: trackers add fields.
 */

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

const payloadSchema = z
  .object({
    website: z.uuid("must be the website id (a UUID)"),
    hostname: text(300).nullish(),
    screen: text(40).nullish(),
    language: text(40).nullish(),
    title: text(500).nullish(),
    url: text(2000).nullish(),
    referrer: text(2000).nullish(),
    tag: text(200).nullish(),
    id: z.union([text(200), z.number()]).nullish(),
    vid: text(200).nullish(),
    name: text(200).nullish(),
    data: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

/** A `__proto__` key anywhere is refused with its path: zod would drop it (lib/text/proto-key.ts). */
export const umamiBodySchema = withoutProtoKey(
  z
    .object({
      type: z.enum(["event", "identify"], "must be event or identify"),
      payload: payloadSchema,
    })
    .loose(),
  PROTO_KEY_REFUSED,
  { deep: true },
);

export type UmamiPayload = z.output<typeof payloadSchema>;
export type UmamiParse = { ok: true; type: "event" | "identify"; payload: UmamiPayload } | { ok: false; error: string };

/** Checks one Umami collect body, or says what is wrong. */
export function parseUmamiBody(raw: unknown): UmamiParse {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, error: "the body must be a JSON object" };
  // Before any lookup, and with the body's own names (payload.data.x), not those of the message it maps to.
  const unstorable = findUnstorable(raw);
  if (unstorable) return { ok: false, error: `${unstorable.path || "body"} ${unstorable.reason}` };
  const parsed = umamiBodySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".") || "body";
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    return { ok: false, error: missing ? `${field} is required` : `${field} ${issue.message}` };
  }
  return { ok: true, type: parsed.data.type, payload: parsed.data.payload };
}

/** The page's address: newer trackers send it whole, older ones as a path on `hostname`. */
function absoluteUrl(p: UmamiPayload): string | null {
  const url = p.url?.trim();
  if (!url) return p.hostname ? `https://${p.hostname}/` : null;
  try {
    return new URL(url).toString();
  } catch {
    if (!p.hostname || !url.startsWith("/")) return null;
    try {
      return new URL(url, `https://${p.hostname}`).toString();
    } catch {
      return null;
    }
  }
}

/**
 * The Segment message an Umami call stands for. `anonymousId` is the visitor the caller settled on
 * (the tracker's `vid` when it sends one, else a daily visitor hash); `id` becomes the user id.
 */
export function umamiToSegment(type: "event" | "identify", p: UmamiPayload, anonymousId: string): Record<string, unknown> {
  const url = absoluteUrl(p);
  const referrer = p.referrer?.trim() || undefined;
  const path = url ? new URL(url).pathname : undefined;
  const [width, height] = (p.screen ?? "").split("x").map(Number);
  const context = {
    page: { url: url ?? undefined, path, referrer, title: p.title ?? undefined },
    locale: p.language ?? undefined,
    screen: Number.isFinite(width) && Number.isFinite(height) && width > 0 ? { width, height } : undefined,
    library: { name: "umami", version: "collect" },
  };
  const userId = p.id !== undefined && p.id !== null && p.id !== "" ? String(p.id) : undefined;
  const data = p.data ?? {};
  if (type === "identify") return { type: "identify", anonymousId, userId, traits: data, context };
  const name = p.name?.trim();
  if (!name) {
    const properties: Record<string, unknown> = { url, path, referrer, title: p.title ?? undefined };
    if (p.tag) properties.tag = p.tag;
    return { type: "page", anonymousId, userId, properties, context };
  }
  const properties: Record<string, unknown> = { ...data };
  if (p.tag) properties.tag = p.tag;
  return { type: "track", event: name, anonymousId, userId, properties, context };
}
