import { it, expect, beforeAll, afterAll } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb } from "../../tests/db";
import { startIngestServer } from "../../tests/ingest-server";
import { createAccount } from "../accounts";
import { teamScopeForUser } from "../tenant";
import { createProject } from "../projects";
import { queryRows } from "../client";

/**
 * Hardening #9, as a class: generated batches (a seeded PRNG, so a failure can be replayed) mix
 * good messages (odd but storable text, extreme numbers, deep but allowed nesting, every type,
 * duplicated messageIds) with every kind of message PostgreSQL cannot store or the API refuses.
 * Over real HTTP: no answer is a 5xx, exactly the bad indexes are rejected, every good messageId
 * is stored exactly once, and sending the same batch again stores nothing new.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const BATCHES = 10;
const ITEMS = 50;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Text PostgreSQL stores, chosen to trip naive code: quotes, escapes, RTL, combining marks, controls, BOM, noncharacters, emoji (pairs). */
const ODD = [
  "a",
  "Z",
  "é",
  "ß",
  "İ",
  "😀",
  "👩‍👩‍👧",
  "\u202e",
  "\u0301",
  "\u0001",
  "\u001f",
  "\u2028",
  "\ufeff",
  "\uffff",
  "\ud83d\ude00",
  "'",
  '"',
  "\\",
  "%",
  "%00",
  "\\u0000",
  "');drop table events;--",
  " ",
  "\t",
  "\n",
  "中",
  "ﷺ",
  "\u{10ffff}",
];
const BAD_TEXT = ["\u0000", "\ud800", "\udfff", "x\ud83d", "\ude00y"];

type Case = { item: Record<string, unknown>; bad: boolean; messageId: string };

function generator(rand: () => number) {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const text = (max = 12) => Array.from({ length: 1 + int(max) }, () => pick(ODD)).join("");
  const number = () => pick([0, -0, 1, -1, 0.1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 123456789.123456789, rand() * 1e6]);
  const value = (depth: number): unknown => {
    const k = int(depth > 0 ? 6 : 4);
    if (k === 0) return text();
    if (k === 1) return number();
    if (k === 2) return pick([true, false, null]);
    if (k === 3) return text(40);
    if (k === 4) return Array.from({ length: int(4) }, () => value(depth - 1));
    return object(depth - 1);
  };
  const object = (depth: number): Record<string, unknown> =>
    Object.fromEntries(Array.from({ length: int(5) }, () => [text(6), value(depth)]));
  /** Allowed nesting: the message root plus `levels` objects stays within 32. */
  const nested = (levels: number, leaf: unknown = text()): unknown => {
    let v = leaf;
    for (let i = 0; i < levels; i++) v = { [text(3)]: v };
    return v;
  };
  const time = () => new Date(Date.UTC(2000, 0, 2) + rand() * (Date.now() - Date.UTC(2000, 0, 2))).toISOString();

  const good = (messageId: string): Record<string, unknown> => {
    const ids =
      rand() < 0.5
        ? { anonymousId: `a-${text(6)}` }
        : { userId: rand() < 0.2 ? int(1e9) : `u-${text(6)}`, anonymousId: rand() < 0.5 ? `a-${int(50)}` : null };
    const base = {
      messageId,
      ...ids,
      ...(rand() < 0.7 ? { timestamp: time() } : {}),
      context: {
        page: {
          url: `https://shop.nl/${encodeURIComponent(text())}?utm_source=${encodeURIComponent(text(8))}&utm_campaign=${encodeURIComponent(text())}`,
          referrer: pick(["https://www.google.nl/", "", "https://t.co/x"]),
        },
        location: { region: text(120) },
      },
    };
    const properties = {
      ...object(3),
      deep: nested(28),
      revenue: pick([129.5, "12.50", 999_999_999_999.99, -999_999_999_999.99, 0, null, "n/a"]),
      path: "/" + text(200),
    };
    switch (int(6)) {
      case 0:
        return { type: "track", event: `e-${text(6)}`, properties, ...base };
      case 1:
        return { type: "page", name: text(), properties, ...base };
      case 2:
        return { type: "screen", name: text(), properties, ...base };
      case 3:
        return { type: "identify", traits: { ...object(2), age: int(90), email: `${text(4)}@example.nl` }, ...base };
      case 4:
        return { type: "alias", previousId: `a-${int(50)}`, ...base, userId: `u-${text(5)}` };
      default:
        return { type: "group", groupId: text(8), traits: object(2), ...base };
    }
  };

  /** One message that must be refused, and where it hides its problem. */
  const bad = (messageId: string): Record<string, unknown> => {
    const b = good(messageId);
    const t = () => text(3) + pick(BAD_TEXT) + text(3);
    switch (int(14)) {
      case 0:
        return { ...b, type: "track", event: t() };
      case 1:
        return { ...b, properties: { ...object(1), [t()]: 1 } };
      case 2:
        return { ...b, properties: { list: [1, { x: nested(int(10), t()) }] } };
      case 3:
        return { ...b, userId: t() };
      case 4:
        return { ...b, anonymousId: t(), userId: null };
      case 5:
        return { ...b, type: "identify", traits: { name: t() } };
      case 6:
        return { ...b, context: { page: { path: t() } } };
      case 7:
        return { ...b, type: "track", event: "buy", properties: { revenue: pick([1e12, -1e13, "9e15", 1e300]) } };
      case 8:
        return {
          ...b,
          timestamp: pick([
            "1999-12-31T23:59:59Z",
            "+275760-09-13T00:00:00.000Z",
            "-000100-01-01T00:00:00Z",
            1e15,
            86_400_000,
            "2099-01-01T00:00:00Z",
          ]),
        };
      case 9:
        return { ...b, properties: { deep: nested(33 + int(200)) } };
      case 10:
        return { ...b, type: pick(["launch", "TRACK", "", 7]) };
      case 11:
        return { ...b, anonymousId: null, userId: null };
      case 12:
        return { ...b, type: "page", properties: { url: `https://shop.nl/?utm_source=${pick(["%00", "a%00b"])}` }, context: {} };
      default:
        return { ...b, type: "track", event: "x", properties: { note: t() }, integrations: { [t()]: true } };
    }
  };
  return { good, bad, int };
}

describeEachDb("ingestion fuzz: nasty batches never cost a good event", (db) => {
  let server: Awaited<ReturnType<typeof startIngestServer>>;
  let writeKey: string;
  let projectId: string;

  beforeAll(async () => {
    const { user } = await createAccount(db(), { name: "Fuzz", email: "fuzz@example.nl", password: "long enough pw" });
    const created = await createProject((await teamScopeForUser(db(), user.id))!, { name: "Shop", sector: "ecommerce" });
    writeKey = created.writeKey;
    projectId = created.project.id;
    server = await startIngestServer(db);
  });
  afterAll(() => server.close());

  const post = async (batch: unknown[]) => {
    const res = await fetch(`${server.url}/v1/batch`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Basic " + Buffer.from(writeKey + ":").toString("base64") },
      body: JSON.stringify({ batch }),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get("retry-after"),
      body: (await res.json()) as { stored: number; rejected: { index: number; error: string }[] },
    };
  };

  it(`stores every good message once and refuses exactly the bad ones (seed ${SEED})`, async () => {
    const rand = mulberry32(SEED);
    const gen = generator(rand);
    const goodIds = new Set<string>();
    const badOnlyIds = new Set<string>();
    for (let b = 0; b < BATCHES; b++) {
      const cases: Case[] = [];
      for (let i = 0; i < ITEMS; i++) {
        const r = rand();
        const earlierGood = cases.filter((c) => !c.bad);
        if (r < 0.1 && earlierGood.length) {
          // The same messageId again (a client's retry inside one batch): not stored twice, not refused.
          const twin = earlierGood[gen.int(earlierGood.length)];
          cases.push({ item: { ...gen.good(twin.messageId) }, bad: false, messageId: twin.messageId });
        } else if (r < 0.45) {
          // A bad message that shares its id with a later good one must not block it.
          const messageId = `f${SEED}-${b}-${i}`;
          cases.push({ item: gen.bad(messageId), bad: true, messageId });
        } else {
          const messageId = `f${SEED}-${b}-${i}`;
          cases.push({ item: gen.good(messageId), bad: false, messageId });
        }
      }
      const twinOfBad = cases.find((c) => c.bad);
      if (twinOfBad) cases.push({ item: gen.good(twinOfBad.messageId), bad: false, messageId: twinOfBad.messageId });

      const batch = cases.map((c) => c.item);
      expect(Buffer.byteLength(JSON.stringify({ batch }))).toBeLessThan(500 * 1024);
      const badIndexes = cases.flatMap((c, i) => (c.bad ? [i] : []));
      for (const c of cases) (c.bad ? badOnlyIds : goodIds).add(c.messageId);
      for (const id of goodIds) badOnlyIds.delete(id);

      const first = await post(batch);
      expect(first.status, JSON.stringify(first.body).slice(0, 500)).toBe(badIndexes.length ? 400 : 200);
      expect(first.retryAfter).toBeNull();
      expect(first.body.rejected.map((r) => r.index)).toEqual(badIndexes);

      const again = await post(batch);
      expect(again.status).toBe(first.status);
      expect(again.body.stored).toBe(0);
      expect(again.body.rejected).toEqual(first.body.rejected);
    }

    const rows = await queryRows<{ message_id: string; n: number }>(
      db(),
      sql`select message_id, count(*)::int as n from events where project_id = ${projectId} group by message_id`,
    );
    const stored = new Map(rows.map((r) => [r.message_id, r.n]));
    expect([...goodIds].filter((id) => stored.get(id) !== 1)).toEqual([]);
    expect([...badOnlyIds].filter((id) => stored.has(id))).toEqual([]);
    expect(stored.size).toBe(goodIds.size);
  });
});
