import type { Db } from "../../db/client";
import { projectForPlausibleDomains, projectForUmamiWebsite, type ProjectRow } from "../../db/tenant";
import { visitorSalt } from "../../db/visitor-salts";
import { isUnavailable } from "../../db/events/errors";
import { decodeBody, parseJsonBody, BodyError, MAX_EVENT_BYTES } from "../../lib/ingest/body";
import { parsePlausibleEvent, plausibleToSegment } from "../../lib/ingest/plausible";
import { parseUmamiBody, umamiToSegment } from "../../lib/ingest/umami";
import { dailyVisitorId } from "../../lib/ingest/visitor";
import { BodyTooLargeError, describeBytes } from "../body";
import { fail, unavailable, type IngestResponse } from "./answers";
import { storeMessages } from "./store-messages";

/*
 * The drop-in APIs: a site that runs Plausible's or Umami's script today switches to Trechter by
 * pointing its tag (or its own calls) here. Their bodies are mapped onto Segment messages
 * (lib/ingest/plausible.ts, umami.ts) and stored by the same path as /v1 (store-messages.ts), so
 * UTM, referrer, device, country and bot rules are the same. The project is the one that claimed
 * the site domain (Plausible) or the website id (Umami) in its settings.
 */

export type DropInRequest = {
  /** Reads the body, at most `limit` bytes as sent (server/body.ts readBodyCapped). */
  readBody: (limit: number) => Promise<Buffer>;
  contentEncoding: string | null;
  userAgent: string | null;
  clientIp: string | null;
  /** The `Origin` and `Referer` headers: checked against the project's allowed origins. */
  origin: string | null;
  referer: string | null;
};

const GZIP_OVERHEAD = 1024;

async function readJson(req: DropInRequest): Promise<unknown | IngestResponse> {
  const gzip = /^(x-)?gzip$/i.test((req.contentEncoding ?? "").trim());
  try {
    const raw = await req.readBody(gzip ? MAX_EVENT_BYTES + GZIP_OVERHEAD : MAX_EVENT_BYTES);
    return parseJsonBody(decodeBody(raw, req.contentEncoding, MAX_EVENT_BYTES));
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      return fail(413, "invalid_body", `The request body is larger than ${describeBytes(MAX_EVENT_BYTES)}.`);
    if (err instanceof BodyError) return fail(err.status, "invalid_body", err.message);
    throw err;
  }
}

const isAnswer = (x: unknown): x is IngestResponse =>
  typeof x === "object" && x !== null && "status" in x && "body" in x && typeof (x as IngestResponse).status === "number";

/** A lookup or the salt, with the database away: 503 so that trackers' retries (and ours) come back. */
async function orUnavailable<T>(work: () => Promise<T>): Promise<T | IngestResponse> {
  try {
    return await work();
  } catch (err) {
    if (isUnavailable(err)) return unavailable("The event store is unavailable; retry later.");
    throw err;
  }
}

/** What storeMessages answered, with the drop-in's success status (Plausible answers 202). */
function answer(result: IngestResponse, okStatus: number): IngestResponse {
  return result.status === 200 ? { ...result, status: okStatus } : result;
}

/**
 * Plausible's Events API (`POST /api/event`). Page views become `pageview` page calls, other names
 * track calls with their props and revenue. The visitor is counted as Plausible counts one, without
 * cookies: a daily-salted hash of the site, the address and the user agent (lib/ingest/visitor.ts).
 * Plausible's `engagement` pings are answered and not stored.
 */
export async function ingestPlausible(db: Db, req: DropInRequest, rateLimitPerMinute: number): Promise<IngestResponse> {
  const body = await readJson(req);
  if (isAnswer(body)) return body;
  const parsed = parsePlausibleEvent(body);
  if (!parsed.ok) return fail(400, "invalid_body", parsed.error);
  const event = parsed.event;
  const project = await orUnavailable(() => projectForPlausibleDomains(db, event.domains));
  if (isAnswer(project)) return project;
  if (!project)
    return fail(
      404,
      "unknown_site",
      `No project receives events for ${event.domains.join(", ")}. Claim the domain in the project's settings (Switch from Plausible or Umami).`,
    );
  if (event.engagement) return { status: 202, body: { success: true, accepted: 0, stored: 0, engagement: true } };
  const salt = await orUnavailable(() => visitorSalt(db));
  if (isAnswer(salt)) return salt;
  const visitor = dailyVisitorId(salt, project.plausibleDomain ?? event.domains[0], req.clientIp, req.userAgent);
  return answer(await store(db, project, plausibleToSegment(event, visitor), req, rateLimitPerMinute), 202);
}

/**
 * Umami's collect endpoint (`POST /api/send`). The visitor is the tracker's own `vid` (kept in the
 * site's localStorage by Umami's script) when it sends one, else a daily-salted hash as for Plausible;
 * an `identify` call's `id` becomes the user id, so the visitor's events join the person.
 */
export async function ingestUmami(db: Db, req: DropInRequest, rateLimitPerMinute: number): Promise<IngestResponse> {
  const body = await readJson(req);
  if (isAnswer(body)) return body;
  const parsed = parseUmamiBody(body);
  if (!parsed.ok) return fail(400, "invalid_body", parsed.error);
  const { type, payload } = parsed;
  const project = await orUnavailable(() => projectForUmamiWebsite(db, payload.website));
  if (isAnswer(project)) return project;
  if (!project)
    return fail(
      404,
      "unknown_website",
      `No project receives events for website ${payload.website}. Enter the website id in the project's settings (Switch from Plausible or Umami).`,
    );
  let visitor: string;
  if (payload.vid) visitor = `umami-${payload.vid}`;
  else {
    const salt = await orUnavailable(() => visitorSalt(db));
    if (isAnswer(salt)) return salt;
    visitor = dailyVisitorId(salt, payload.website, req.clientIp, req.userAgent);
  }
  return answer(await store(db, project, umamiToSegment(type, payload, visitor), req, rateLimitPerMinute), 200);
}

async function store(db: Db, project: ProjectRow, message: Record<string, unknown>, req: DropInRequest, rateLimitPerMinute: number) {
  return storeMessages(db, project, [{ raw: message, type: undefined }], {
    batch: false,
    clientIp: req.clientIp,
    userAgent: req.userAgent,
    origin: req.origin,
    referer: req.referer,
    rateLimitPerMinute,
  });
}
