import { it, expect, beforeAll, afterAll, inject } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { describeWhen, citusRequirement } from "./requirements";
import { openCitusTestDb } from "./db";
import { ownerWithProject } from "./fixtures";
import { setDbHandle, type DbHandle } from "../db/client";
import type { ProjectScope } from "../db/tenant";
import { insertEvents, type EventInput } from "../db/events/insert";
import { funnelStepCounts } from "../db/queries/funnel/engine";
import { funnelResults } from "../db/queries/funnel/funnelResults";
import { factsBuilt, factsBuildsSettled } from "../db/queries/funnel/factsUpkeep";
import { conversionsOverview } from "../db/queries/conversions/conversionsOverview";
import { goalConversions } from "../db/queries/conversions/goalConversions";
import { dropOffAudience } from "../db/queries/funnel/dropOffAudience";
import { createShareLink } from "../db/share";
import { listFunnels } from "../db/funnels";
import type { FunnelStep } from "../lib/funnel/types";

/**
 * Proof that one project's statements touch one shard on Citus. Each case runs the real code on a
 * cluster database with a listener on the connection, then asks the coordinator to EXPLAIN every
 * statement it saw, with the same parameters: a statement on tenant tables must be planned as one
 * task (router / single shard), never fanned out over the shards. The statements are captured, not
 * copied here, so the proof follows the code as it changes.
 */

type Seen = { query: string; params: unknown[] };

// Transaction control, settings and locks are not plans; EXPLAIN refuses them.
const NOT_A_PLAN = /^\s*(begin|commit|rollback|savepoint|release|set|show|analyze|reset|fetch|close)\b/i;

/** A temporary table made from a query (its name), which later statements of the code read. */
const CREATE_TEMPORARY = /^\s*create\s+temporary\s+table\s+(\w+)\s+on\s+commit\s+drop\s+as\b/i;

/** Every "Task Count" in a Citus plan (the statement's own and those of its subplans). */
function taskCounts(node: unknown, out: number[] = []): number[] {
  if (Array.isArray(node)) for (const n of node) taskCounts(n, out);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      if (k === "Task Count") out.push(Number(v));
      else taskCounts(v, out);
    }
  return out;
}

/**
 * The statement with its parameters written in as literals. Citus cannot EXPLAIN some parameterised
 * statements that it runs (an INSERT … SELECT with data-modifying CTEs: "could not create distributed
 * plan"); as literals of unknown type each takes the type its place gives it, as the parameter did.
 */
function withLiterals(query: string, params: unknown[]): string {
  return query.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    if (v === null || v === undefined) return "null";
    const text = v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v);
    return `'${text.replace(/'/g, "''")}'`;
  });
}

const FROM = new Date("2026-05-04T00:00:00Z");
const TO = new Date("2026-05-11T00:00:00Z");
const STEPS: FunnelStep[] = [{ event: "pageview" }, { event: "add_to_cart" }, { event: "purchase" }];

function someEvents(prefix: string): EventInput[] {
  const out: EventInput[] = [];
  for (let p = 0; p < 30; p++) {
    const t = FROM.getTime() + p * 3 * 3600_000;
    const anon = `${prefix}-a${p}`;
    out.push({
      anonymousId: anon,
      time: new Date(t),
      name: "pageview",
      path: "/",
      source: p % 2 ? "google" : "mail",
      messageId: `${prefix}-${p}-1`,
    });
    if (p % 2 === 0) out.push({ anonymousId: anon, time: new Date(t + 60_000), name: "add_to_cart", messageId: `${prefix}-${p}-2` });
    if (p % 4 === 0) {
      out.push({
        anonymousId: anon,
        userId: `${prefix}-u${p}`,
        time: new Date(t + 120_000),
        name: "purchase",
        revenue: 20,
        messageId: `${prefix}-${p}-3`,
      });
      out.push({
        anonymousId: anon,
        userId: `${prefix}-u${p}`,
        time: new Date(t + 130_000),
        name: "identify",
        traits: { plan: "pro" },
        messageId: `${prefix}-${p}-4`,
      });
    }
  }
  return out;
}

describeWhen("one project's statements touch one shard on Citus", [citusRequirement()], () => {
  let handle: DbHandle & { url: string };
  let explainer: postgres.Sql;
  let scope: ProjectScope;
  let seen: Seen[] = [];
  const shardsHit = new Set<number>();
  /** shard id → the hash range it holds (co-located shards of one project share it); reference shards have none */
  let shardRange = new Map<number, string>();

  beforeAll(async () => {
    if (!inject("citusTemplate")) throw new Error("CITUS_DATABASE_URL is set, but the global setup made no Citus template");
    handle = await openCitusTestDb({
      onQuery: (query, params) => seen.push({ query, params }),
      // Citus reports each command it sends to a worker, naming the shard: the executed side of the proof.
      onNotice: (message) => {
        for (const m of message.matchAll(/\b[a-z_]+_(\d{5,})\b/g)) shardsHit.add(Number(m[1]));
      },
      settings: { "citus.log_remote_commands": "on", client_min_messages: "log" },
    });
    setDbHandle(handle);
    explainer = postgres(handle.url, { max: 1, onnotice: () => {} });
    const shards = await explainer<
      { id: string; min: string | null }[]
    >`select shardid::text as id, shardminvalue as min from pg_dist_shard`;
    shardRange = new Map(shards.filter((r) => r.min !== null).map((r) => [Number(r.id), r.min!]));
    // Two projects, so that a statement that forgot its project would have a second shard to visit.
    const other = await ownerWithProject(handle.db, "other-shard@example.nl");
    await insertEvents(other.scope.db, other.scope.projectId, someEvents("o"));
    scope = (await ownerWithProject(handle.db, "one-shard@example.nl")).scope;
  });

  afterAll(async () => {
    await factsBuildsSettled();
    setDbHandle(undefined);
    await explainer?.end();
    await handle?.close();
  });

  /**
   * Runs `fn`, then EXPLAINs each tenant statement it sent; returns those planned as more than one
   * task, and the hash ranges of the tenant shards the workers were actually sent commands for (an
   * INSERT … SELECT that Citus pulls to the coordinator shows no tasks in EXPLAIN, but is seen here).
   */
  async function fannedOut(fn: () => Promise<unknown>): Promise<{ planned: number; fanned: string[]; ranges: string[] }> {
    seen = [];
    shardsHit.clear();
    await fn();
    const ranges = [...new Set([...shardsHit].map((id) => shardRange.get(id)).filter((r) => r !== undefined))];
    const captured = seen;
    seen = [];
    let planned = 0;
    const fanned: string[] = [];
    for (const { query, params } of captured) {
      if (NOT_A_PLAN.test(query)) continue;
      let row;
      try {
        [row] = await explainer.unsafe(`explain (format json) ${withLiterals(query, params)}`);
      } catch (err) {
        fanned.push(
          `not planned (${(err as Error).message}): ${query.replace(/\s+/g, " ").slice(0, 400)} ${JSON.stringify(params).slice(0, 200)}`,
        );
        continue;
      }
      const temporary = CREATE_TEMPORARY.exec(query);
      if (temporary) {
        // A temporary table the code reads next (a facts build's segments): made in the explainer's
        // session too, kept until another of its name, so that the statements reading it can be planned.
        await explainer.unsafe(`drop table if exists ${temporary[1]}`);
        await explainer.unsafe(withLiterals(query, params).replace(/\bon\s+commit\s+drop\b/i, ""));
      }
      const counts = taskCounts(row["QUERY PLAN"]);
      if (counts.length === 0) continue; // no distributed or reference table: runs on the coordinator alone
      planned++;
      if (counts.some((n) => n !== 1)) fanned.push(`${counts.join("+")} tasks: ${query.replace(/\s+/g, " ").slice(0, 300)}`);
    }
    return { planned, fanned, ranges };
  }

  it("ingestion: a batch with page views, carts, purchases, identify calls and links", async () => {
    const r = await fannedOut(() => insertEvents(scope.db, scope.projectId, someEvents("p")));
    expect(r.fanned).toEqual([]);
    expect(r.ranges).toHaveLength(1);
    expect(r.planned).toBeGreaterThan(2);
  });

  it("funnels through the engine (steps, medians, a breakdown)", async () => {
    const r = await fannedOut(async () => {
      await funnelStepCounts(scope, { steps: STEPS, windowSeconds: 86400, from: FROM, to: TO });
      await funnelStepCounts(scope, {
        steps: STEPS,
        windowSeconds: 86400,
        from: FROM,
        to: TO,
        groupBy: { kind: "field", field: "source", limit: 5 },
      });
    });
    expect(r.fanned).toEqual([]);
    expect(r.ranges).toHaveLength(1);
    expect(r.planned).toBeGreaterThan(0);
  });

  it("funnels through the facts of a saved funnel (build, refresh, read)", async () => {
    const [saved] = await listFunnels(scope);
    const q = { steps: saved.steps, windowSeconds: saved.windowSeconds, from: FROM, to: TO, saved: true };
    const r = await fannedOut(async () => {
      await funnelResults(scope, q);
      await factsBuilt(scope, saved);
      await insertEvents(scope.db, scope.projectId, [
        { anonymousId: "late", time: FROM, name: "pageview", path: "/", messageId: "late-1" },
      ]);
      await funnelResults(scope, { ...q, breakdown: "source" });
    });
    expect(r.fanned).toEqual([]);
    expect(r.ranges).toHaveLength(1);
    expect(r.planned).toBeGreaterThan(3);
  });

  it("conversions: the overview and goal conversions by device", async () => {
    const goals = [{ key: "buy", name: "Buy", kind: "macro" as const, revenue: true, match: { event: "purchase" } }];
    const r = await fannedOut(async () => {
      await conversionsOverview(scope, { from: FROM, to: TO, goals });
      await goalConversions(scope, { goals: [{ event: "purchase" }], from: FROM, to: TO, groupBy: "device" });
    });
    expect(r.fanned).toEqual([]);
    expect(r.ranges).toHaveLength(1);
    expect(r.planned).toBeGreaterThan(0);
  });

  it("audiences: the people who dropped off after step 1", async () => {
    const r = await fannedOut(async () => {
      for await (const page of dropOffAudience(scope, { steps: STEPS, windowSeconds: 86400, from: FROM, to: TO, step: 1 })) void page;
    });
    expect(r.fanned).toEqual([]);
    expect(r.ranges).toHaveLength(1);
    expect(r.planned).toBeGreaterThan(1);
  });

  it("share pages: opening a link and its funnel and conversions reports", async () => {
    const { GET: results } = await import("../app/api/share/[token]/results/route");
    const { GET: conversions } = await import("../app/api/share/[token]/conversions/route");
    const [funnel] = await listFunnels(scope);
    const { token } = await createShareLink(scope, { report: "funnel", funnelId: funnel.id, range: { kind: "rolling", days: 30 } });
    const conv = await createShareLink(scope, { report: "conversions", range: { kind: "rolling", days: 30 } });
    const r = await fannedOut(async () => {
      const a = await results(new Request(`http://x/api/share/${token}/results`), { params: Promise.resolve({ token }) });
      const b = await conversions(new Request(`http://x/api/share/${conv.token}/conversions`), {
        params: Promise.resolve({ token: conv.token }),
      });
      expect([a.status, b.status]).toEqual([200, 200]);
    });
    expect(r.fanned).toEqual([]);
    expect(r.ranges).toHaveLength(1);
    expect(r.planned).toBeGreaterThan(3);
  });

  it("catches a statement that forgets its project: a share link looked up by its token alone visits every shard", async () => {
    const r = await fannedOut(() => handle.db.execute(sql`select id from share_links where token_hash = ${"not-a-token"}`));
    expect(r.fanned).toEqual([expect.stringMatching(/^8 tasks: select id from share_links/)]);
    expect(r.ranges).toHaveLength(8);
  });
});
