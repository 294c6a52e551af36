import { it, expect, beforeAll, afterAll, describe } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb } from "../../tests/db";
import { startIngestServer } from "../../tests/ingest-server";
import { createAccount } from "../accounts";
import { teamScopeForUser } from "../tenant";
import { createProject } from "../projects";
import { queryRows } from "../client";
import { isDataError, isUnavailable } from "./errors";

/**
 * Hardening #9: one item PostgreSQL cannot store used to fail its whole batch with 503 and
 * Retry-After, so Segment clients resent it forever and its good events were never stored. Each
 * kind below goes in a batch beside a good event: the answer is 400 naming the bad item's index,
 * the good one is stored once, and resending stores nothing new.
 */
// Built as text: JSON.stringify itself overflows the stack on such an object.
const DEEP = '{"a":'.repeat(5000) + '"leaf"' + "}".repeat(5000);
const deep = "__DEEP__";

const NASTY: [string, Record<string, unknown>, string][] = [
  ["a NUL in the event name", { event: "sign\u0000up" }, "event contains a NUL"],
  ["a NUL in a property value", { event: "x", properties: { plan: "pro\u0000" } }, "properties.plan contains a NUL"],
  ["a NUL in a property key", { event: "x", properties: { ["pl\u0000an"]: "pro" } }, "has a key that contains a NUL"],
  ["a NUL in a nested property", { event: "x", properties: { cart: [{ sku: "F\u00001" }] } }, "properties.cart.0.sku contains a NUL"],
  ["a NUL in the user id", { event: "x", userId: "u\u00001" }, "userId contains a NUL"],
  ["a NUL in an identify trait", { type: "identify", traits: { name: "An\u0000na" } }, "traits.name contains a NUL"],
  ["a NUL in the messageId", { event: "x", messageId: "m\u0000" }, "messageId contains a NUL"],
  [
    "a NUL that only percent-decoding reveals",
    { type: "page", properties: { url: "https://shop.nl/?utm_source=mail%00x" } },
    "source contains a NUL",
  ],
  ["a lone high surrogate", { event: "x", properties: { note: "half \ud83d" } }, "properties.note contains a lone surrogate"],
  ["a lone low surrogate in a key", { event: "x", properties: { ["\ude00"]: 1 } }, "has a key that contains a lone surrogate"],
  ["revenue 1e12", { event: "purchase", properties: { revenue: 1e12 } }, "properties.revenue must be between"],
  ["revenue -1e15 as text", { event: "purchase", properties: { revenue: "-1e15" } }, "properties.revenue must be between"],
  ["a year PostgreSQL cannot store", { event: "x", timestamp: "+275760-09-13T00:00:00.000Z" }, "more than a day in the future"],
  ["a negative year PostgreSQL cannot parse", { event: "x", timestamp: "-000100-01-01T00:00:00Z" }, "before 2000-01-01"],
  ["a time before 2000", { event: "x", timestamp: "1969-12-31T23:59:59Z" }, "before 2000-01-01"],
  ["seconds sent as epoch milliseconds", { event: "x", timestamp: 1_700_000_000 }, "before 2000-01-01"],
  ["properties nested 5000 deep", { event: "x", properties: { deep } }, "nests deeper than 32 levels"],
  ["an unknown type", { type: "launch" }, "type must be one of"],
];

describeEachDb("ingestion refuses per item what PostgreSQL cannot store", (db) => {
  let server: Awaited<ReturnType<typeof startIngestServer>>;
  let writeKey: string;
  let projectId: string;
  const auth = () => "Basic " + Buffer.from(writeKey + ":").toString("base64");
  const post = (kind: string, body: unknown) =>
    fetch(`${server.url}/v1/${kind}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: auth() },
      body: JSON.stringify(body).replace(`"${deep}"`, DEEP),
    });
  const count = async (messageId: string) =>
    (
      await queryRows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from events where project_id = ${projectId} and message_id = ${messageId}`,
      )
    )[0].n;

  beforeAll(async () => {
    const { user } = await createAccount(db(), { name: "Nasty", email: "nasty@example.nl", password: "long enough pw" });
    const created = await createProject((await teamScopeForUser(db(), user.id))!, { name: "Shop", sector: "ecommerce" });
    writeKey = created.writeKey;
    projectId = created.project.id;
    server = await startIngestServer(db);
  });
  afterAll(() => server.close());

  it.each(NASTY.map(([what, item, error], i) => [what, item, error, i] as const))(
    "%s: 400 naming the index, the good item stored once",
    async (_what, item, error, i) => {
      const good = { type: "track", event: "good", anonymousId: "g", messageId: `good-${i}` };
      const bad = { type: "track", anonymousId: "n", messageId: `bad-${i}`, ...item };
      const batch = { batch: [good, bad] };
      const res = await post("batch", batch);
      expect(res.status).toBe(400);
      expect(res.headers.get("retry-after")).toBeNull();
      const body = await res.json();
      expect(body.rejected).toEqual([{ index: 1, error: expect.stringContaining(error) }]);
      expect(body.stored).toBe(1);
      expect(await count(`good-${i}`)).toBe(1);
      const again = await (await post("batch", batch)).json();
      expect(again.stored).toBe(0);
      expect(await count(`good-${i}`)).toBe(1);
    },
  );

  it("a single /v1/track call with a NUL is a 400 that says where, not a 503", async () => {
    const res = await post("track", { event: "x", anonymousId: "s", properties: { q: "\u0000" } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("properties.q contains a NUL character (\\u0000)");
  });

  it("stores what is odd but storable, and cuts long text without splitting an emoji", async () => {
    let nested: unknown = "leaf";
    for (let i = 0; i < 30; i++) nested = { a: nested };
    const region = "x".repeat(99) + "😀";
    const res = await post("batch", {
      batch: [
        {
          type: "track",
          event: "odd 😀 \u202e\ufeff\uffff\u0001",
          anonymousId: "o",
          messageId: "odd-1",
          properties: { revenue: 999_999_999_999.99, big: 1e308, tiny: -5e-324, nested, "": "empty key", __proto__x: 1 },
        },
        {
          type: "page",
          anonymousId: "o",
          messageId: "odd-2",
          timestamp: "2000-01-01T00:00:00Z",
          context: { location: { region } },
          properties: { path: "/" + "p".repeat(998) + "😀" },
        },
      ],
    });
    expect(res.status).toBe(200);
    const rows = await queryRows<{ message_id: string; revenue: string | null; region: string | null; path: string | null }>(
      db(),
      sql`select message_id, revenue, region, path from events where project_id = ${projectId} and anonymous_id = 'o' order by message_id`,
    );
    expect(rows.map((r) => r.message_id)).toEqual(["odd-1", "odd-2"]);
    expect(Number(rows[0].revenue)).toBe(999_999_999_999.99);
    expect(rows[1].region).toBe("x".repeat(99));
    expect(rows[1].path).toBe("/" + "p".repeat(998));
  });

  it("an unknown data error that slips past validation fails only its item, not the batch (400, never 503)", async () => {
    // A check the validation does not know about stands in for any data error PostgreSQL may raise.
    await db().execute(sql`alter table events add constraint events_no_forbidden check (name <> 'forbidden') not valid`);
    try {
      const batch = {
        batch: ["before", "forbidden", "after"].map((event, i) => ({ type: "track", event, anonymousId: "slip", messageId: `slip-${i}` })),
      };
      const res = await post("batch", batch);
      expect(res.status).toBe(400);
      expect(res.headers.get("retry-after")).toBeNull();
      const body = await res.json();
      expect(body).toMatchObject({ stored: 2, rejected: [{ index: 1, error: expect.stringContaining("23514") }] });
      expect([await count("slip-0"), await count("slip-1"), await count("slip-2")]).toEqual([1, 0, 1]);
      expect((await (await post("batch", batch)).json()).stored).toBe(0);
    } finally {
      await db().execute(sql`alter table events drop constraint events_no_forbidden`);
    }
  });

  it("an error that is neither the data nor an outage is a 500 without Retry-After, so clients do not resend at once", async () => {
    await db().execute(
      sql`create or replace function events_refuse_bug() returns trigger language plpgsql as $$ begin if new.name = 'bug' then raise exception 'a bug' using errcode = 'XX000'; end if; return new; end $$`,
    );
    await db().execute(sql`create trigger events_refuse_bug before insert on events for each row execute function events_refuse_bug()`);
    try {
      const res = await post("track", { event: "bug", anonymousId: "bug" });
      expect(res.status).toBe(500);
      expect(res.headers.get("retry-after")).toBeNull();
    } finally {
      await db().execute(sql`drop trigger events_refuse_bug on events`);
      await db().execute(sql`drop function events_refuse_bug()`);
    }
  });
});

describe("what counts as the database being away", () => {
  const wrapped = (cause: unknown) =>
    Object.assign(new Error("Failed query: insert into events … connection closed terminating"), { cause });
  it.each([
    ["a refused connection", wrapped(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })), true, false],
    [
      "postgres.js losing its connection",
      wrapped(Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" })),
      true,
      false,
    ],
    ["an admin shutdown (57P01)", wrapped({ code: "57P01", message: "terminating connection due to administrator command" }), true, false],
    ["too many connections (53300)", wrapped({ code: "53300", message: "sorry, too many clients already" }), true, false],
    [
      "a NUL in a value (22P05) whose statement mentions 'connection closed'",
      wrapped({ code: "22P05", message: "unsupported Unicode escape sequence" }),
      false,
      true,
    ],
    ["a numeric overflow (22003)", wrapped({ code: "22003", message: "numeric field overflow" }), false, true],
    ["stack depth (54001)", wrapped({ code: "54001", message: "stack depth limit exceeded" }), false, true],
    ["an error without a code, whatever its message says", new Error("connection terminated: server shut down"), false, false],
  ])("%s", (_what, err, unavailable, data) => {
    expect(isUnavailable(err)).toBe(unavailable);
    expect(isDataError(err)).toBe(data);
  });
});
