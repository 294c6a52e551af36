import { it, expect, beforeAll } from "vitest";
import { sql } from "drizzle-orm";
import { ownerWithProject } from "../fixtures";
import { describeEachDb } from "../db";
import { queryRows, setDbHandle } from "../../db/client";
import { setQueryLimits } from "../../db/limits";
import { insertEvents } from "../../db/events/insert";
import { listFunnels } from "../../db/funnels";
import { createShareLink } from "../../db/share";
import { AudienceTooLargeError, openDropOffAudience } from "../../db/queries/funnel/dropOffAudience";
import { GET as audience } from "../../app/api/v1/funnels/[funnelId]/audience/route";
import { GET as results } from "../../app/api/v1/funnels/[funnelId]/results/route";
import { POST as funnelQuery } from "../../app/api/v1/funnels/query/route";
import { POST as goalsQuery } from "../../app/api/v1/goals/query/route";
import { GET as conversions } from "../../app/api/v1/projects/[projectId]/conversions/route";
import { GET as segments } from "../../app/api/v1/projects/[projectId]/segments/route";
import { GET as shareResults } from "../../app/api/share/[token]/results/route";
import { POST as ingest } from "../../app/v1/[kind]/route";

// Hardening #2, #4 and the query parts of #10: no request can freeze the service, attacked as a
// client would, with real Requests into the route handlers on a real database.
describeEachDb("query limits", (db, kind) => {
  type Owner = Awaited<ReturnType<typeof ownerWithProject>> & { funnelId: string };
  const owners: Owner[] = [];
  let shareToken: string;
  const range = "from=2026-05-01&to=2026-05-31";
  const steps = [{ event: "pageview" }, { event: "purchase" }];

  beforeAll(async () => {
    setDbHandle({ db: db(), kind, close: async () => {} });
    // Six projects: one more than the test database's pool (tests/db.ts opens 5 connections).
    for (let i = 0; i < 6; i++) {
      const o = await ownerWithProject(db(), `limits-${i}@example.nl`);
      const [funnel] = await listFunnels(o.scope);
      await insertEvents(db(), o.project.id, [
        { anonymousId: `v${i}`, name: "pageview", path: "/", time: new Date("2026-05-10T10:00:00Z"), messageId: `m${i}` },
      ]);
      owners.push({ ...o, funnelId: funnel.id });
    }
    shareToken = (
      await createShareLink(owners[0].scope, { report: "funnel", funnelId: owners[0].funnelId, range: { kind: "rolling", days: 30 } })
    ).token;
  });

  const bearer = (o: Owner) => ({ authorization: `Bearer ${o.readKey}` });
  const getAudience = (o: Owner, qs = `step=1&${range}`) =>
    audience(new Request(`http://x/api/v1/funnels/${o.funnelId}/audience?${qs}`, { headers: bearer(o) }), {
      params: Promise.resolve({ funnelId: o.funnelId }),
    });
  const getResults = (o: Owner, qs = range) =>
    results(new Request(`http://x/api/v1/funnels/${o.funnelId}/results?${qs}`, { headers: bearer(o) }), {
      params: Promise.resolve({ funnelId: o.funnelId }),
    });
  const getConversions = (o: Owner, qs = range, projectId = o.project.id) =>
    conversions(new Request(`http://x/api/v1/projects/${projectId}/conversions?${qs}`, { headers: bearer(o) }), {
      params: Promise.resolve({ projectId }),
    });
  const getSegments = (o: Owner, qs: string, projectId = o.project.id) =>
    segments(new Request(`http://x/api/v1/projects/${projectId}/segments?${qs}`, { headers: bearer(o) }), {
      params: Promise.resolve({ projectId }),
    });
  const post = (handler: (r: Request, c: never) => Promise<Response>, o: Owner, body: unknown) =>
    handler(
      new Request("http://x/api", {
        method: "POST",
        headers: { ...bearer(o), "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      undefined as never,
    );
  const queryBody = { steps, from: "2026-05-01T00:00:00Z", to: "2026-06-01T00:00:00Z" };
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  it("refuses unbounded segment, filter and breakdown parameters with a 400 that names them", async () => {
    const o = owners[0];
    const manySegments = Array.from({ length: 11 }, (_, i) => `segment=prop:p${i}`).join("&");
    let res = await getConversions(o, `${range}&${manySegments}`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain("segment");
    res = await getConversions(o, `${range}&${Array.from({ length: 600 }, (_, i) => `segment=prop:x${i}`).join("&")}`);
    expect(res.status).toBe(400);
    res = await getConversions(o, `${range}&segment=prop:${"a".repeat(101)}`);
    expect(res.status).toBe(400);

    const manyValues = Array.from({ length: 21 }, (_, i) => `source=s${i}`).join("&");
    res = await getResults(o, `${range}&${manyValues}`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain("source: at most 20 values");
    const manyFields = Array.from({ length: 11 }, (_, i) => `prop:f${i}=x`).join("&");
    res = await getResults(o, `${range}&${manyFields}`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain("filter fields");
    res = await getResults(o, `${range}&source=${"x".repeat(201)}`);
    expect(res.status).toBe(400);
    res = await getResults(o, `${range}&source=a%00b`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain("source");
    res = await getResults(o, `${range}&breakdown=prop:a%00b`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain("breakdown");

    // The JSON bodies have the same caps.
    res = await post(goalsQuery, o, { ...queryBody, segments: Array.from({ length: 11 }, (_, i) => `prop:p${i}`) });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain("segments");
    res = await post(funnelQuery, o, { ...queryBody, filters: { source: Array.from({ length: 21 }, (_, i) => `s${i}`) } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain("filters.source");
    res = await post(funnelQuery, o, { ...queryBody, filters: { source: ["a\u0000b"] } });
    expect(res.status).toBe(400);

    // Within the caps, still answered.
    expect((await getConversions(o, `${range}&segment=source&segment=device&segment=prop:plan`)).status).toBe(200);
    expect((await getResults(o, `${range}&source=google,bing&prop:plan=pro&breakdown=prop:plan`)).status).toBe(200);
  });

  it.each([
    ["from=275760-01-01&to=2026-05-31", "from"],
    ["from=2026-05-01&to=275760-01-01", "to"],
    ["from=1999-12-31&to=2000-01-02", "from"],
    ["from=2026-05-01&to=2101-01-01", "to"],
    ["from=%2B275760-09-13T00:00:00Z&to=2026-05-31", "from"],
    ["from=9999-12-31T00:00:00Z&to=9999-12-31T12:00:00Z", "from"],
  ])("answers out-of-range dates (%s) with a 400 naming the parameter on results, conversions, audience and segments", async (qs, name) => {
    const o = owners[0];
    for (const res of [
      await getResults(o, qs),
      await getConversions(o, qs),
      await getAudience(o, `step=1&${qs}`),
      await getSegments(o, `field=source&${qs}`),
    ]) {
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toContain(`${name} must be a date between 2000 and 2100`);
    }
  });

  it("answers out-of-range times in query bodies with a 400 naming the field", async () => {
    const o = owners[0];
    for (const handler of [funnelQuery, goalsQuery]) {
      const res = await post(handler, o, { ...queryBody, from: "9999-01-01T00:00:00Z", to: "9999-02-01T00:00:00Z" });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/^from: from must be a time between 2000 and 2100/);
    }
  });

  it.each([
    ["a NUL in an event name", { event: "page\u0000view" }, "steps.0.event"],
    ["a lone surrogate in a label", { event: "pageview", label: "bad \ud800 label" }, "steps.0.label"],
    ["a NUL in a path", { event: "pageview", path: "/a\u0000" }, "steps.0.path"],
    ["a lone surrogate in a property value", { event: "pageview", where: { plan: "\udc00" } }, "steps.0.where.plan"],
    ["a NUL in a property name", { event: "pageview", where: { "pl\u0000an": "x" } }, "steps.0.where"],
  ])("refuses %s in a query API step with a 400 naming the step", async (_what, step, path) => {
    const res = await post(funnelQuery, owners[0], { ...queryBody, steps: [step, { event: "purchase" }] });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/NUL character|lone surrogate/);
  });

  it("answers ids that are not UUIDs with a 404, never a 500", async () => {
    const o = owners[0];
    for (const id of ["not-a-uuid", "1", "'; drop table funnels; --", "%00"]) {
      const enc = encodeURIComponent(id);
      expect(
        (
          await results(new Request(`http://x/api/v1/funnels/${enc}/results`, { headers: bearer(o) }), {
            params: Promise.resolve({ funnelId: id }),
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await audience(new Request(`http://x/api/v1/funnels/${enc}/audience?step=1`, { headers: bearer(o) }), {
            params: Promise.resolve({ funnelId: id }),
          })
        ).status,
      ).toBe(404);
      expect((await getConversions(o, range, id)).status).toBe(404);
      expect((await getSegments(o, "field=source", id)).status).toBe(404);
      expect((await post(funnelQuery, o, { ...queryBody, projectId: id })).status).toBe(404);
      expect((await post(goalsQuery, o, { ...queryBody, projectId: id })).status).toBe(404);
    }
  });

  it("allows one audience download per project at a time: a second is 429 with Retry-After until the first ends", async () => {
    const o = owners[1];
    const first = await getAudience(o);
    expect(first.status).toBe(200);
    const second = await getAudience(o);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await errorOf(second)).code).toBe("too_many_requests");
    // Another project is not held up by this one.
    const other = await getAudience(owners[2]);
    expect(other.status).toBe(200);
    await other.body!.cancel();
    await first.body!.cancel();
    const third = await getAudience(o);
    expect(third.status).toBe(200);
    expect(third.headers.get("x-audience-size")).toBe("1");
    expect((await third.text()).split("\r\n")[1]).toMatch(/^v1,/);
  });

  // These need PostgreSQL's own connections and statement cancelling (PGlite runs one statement at a
  // time in-process and cannot cancel one), so they are registered on PostgreSQL only: a skipped
  // test would fail CI, which runs every suite on both databases.
  const postgresOnly = (name: string, fn: () => Promise<void>, timeout?: number) => {
    if (kind === "postgres") it(name, fn, timeout);
  };

  it("refuses an audience larger than its cap instead of cutting the file off", async () => {
    const o = owners[2];
    const [funnel] = await listFunnels(o.scope);
    const q = {
      steps: funnel.steps,
      windowSeconds: funnel.windowSeconds,
      from: new Date("2026-05-01T00:00:00Z"),
      to: new Date("2026-06-01T00:00:00Z"),
      step: 1,
    };
    expect((await openDropOffAudience(o.scope, q, { maxRows: 1 })).size).toBe(1);
    await expect(openDropOffAudience(o.scope, q, { maxRows: 0 })).rejects.toBeInstanceOf(AudienceTooLargeError);
  });

  postgresOnly("audience downloads nobody reads hold no connection: the dashboard, share links and ingestion still answer", async () => {
    // More unread downloads than the pool has connections (one per project: the per-project cap).
    const downloads = await Promise.all(owners.map((o) => getAudience(o)));
    expect(downloads.map((r) => r.status)).toEqual(owners.map(() => 200));
    try {
      const dashboard = await getResults(owners[0]);
      expect(dashboard.status).toBe(200);
      const shared = await shareResults(new Request(`http://x/api/share/${shareToken}/results`), {
        params: Promise.resolve({ token: shareToken }),
      });
      expect(shared.status).toBe(200);
      const tracked = await ingest(
        new Request("http://x/v1/track", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Basic ${Buffer.from(`${owners[3].writeKey}:`).toString("base64")}`,
          },
          body: JSON.stringify({ event: "purchase", anonymousId: "v3", messageId: "pool-test" }),
        }),
        { params: Promise.resolve({ kind: "track" }) },
      );
      expect(tracked.status).toBe(200);
    } finally {
      await Promise.all(downloads.map((r) => r.body!.cancel()));
    }
  });

  /** A second connection that holds an exclusive lock on events until `release`: statements that read events wait. */
  async function lockEvents() {
    const [{ name }] = await queryRows<{ name: string }>(db(), sql`select current_database() as name`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const { default: postgres } = await import("postgres");
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const reserved = await client.reserve();
    await reserved`begin`;
    await reserved`lock table events in access exclusive mode`;
    const waiting = async () => {
      const [{ n }] = await queryRows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from pg_stat_activity where datname = ${name} and wait_event_type = 'Lock'`,
      );
      return Number(n);
    };
    return {
      waiting,
      release: async () => {
        await reserved`rollback`;
        reserved.release();
        await client.end({ timeout: 5 });
      },
    };
  }

  postgresOnly("a statement over its time limit answers 503 query_timeout that says to narrow the query", async () => {
    const restore = setQueryLimits({ heavyMs: 300 });
    const lock = await lockEvents();
    try {
      for (const res of [await post(funnelQuery, owners[4], queryBody), await getConversions(owners[4])]) {
        expect(res.status).toBe(503);
        const error = await errorOf(res);
        expect(error.code).toBe("query_timeout");
        expect(error.message).toContain("Narrow the date range or the filters");
      }
    } finally {
      restore();
      await lock.release();
    }
    // Every connection has a default limit too.
    const [{ statement_timeout }] = await queryRows<{ statement_timeout: string }>(db(), sql`show statement_timeout`);
    expect(statement_timeout).toBe("30s");
  });

  postgresOnly("allows two heavy reports per project at a time: a third is 429, other projects are not held up", async () => {
    const lock = await lockEvents();
    let running: Promise<Response>[] = [];
    try {
      running = [post(funnelQuery, owners[5], queryBody), post(funnelQuery, owners[5], queryBody)];
      // Both are inside their statement (one engine run each: steps and trend together), waiting for the lock.
      while ((await lock.waiting()) < 2) await new Promise((r) => setTimeout(r, 20));
      const third = await post(funnelQuery, owners[5], queryBody);
      expect(third.status).toBe(429);
      expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await errorOf(third)).message).toContain("already has 2 reports running");
    } finally {
      await lock.release();
    }
    expect((await Promise.all(running)).map((r) => r.status)).toEqual([200, 200]);
    expect((await post(funnelQuery, owners[5], queryBody)).status).toBe(200);
  });
});
