import { and, eq, inArray } from "drizzle-orm";
import type { ProjectScope } from "./tenant";
import { goals } from "./schema";
import { funnelDefinitionOf, getFunnel } from "./funnels";
import { projectConversions } from "./conversions";
import { funnelResults } from "./queries/funnel/funnelResults";
import { AccessError } from "../lib/errors";
import { TooBusyError } from "../lib/semaphore";
import { sharedFunnelView, sharedOverviewView } from "../lib/share-output";
import { combinedFilters } from "../lib/dashboards/filters";
import type { TileData, TileView } from "../lib/dashboards/types";
import type { BuiltinSegmentField, FunnelResults, SegmentFilters } from "../lib/funnel/types";
import type { ConversionsOverview, GoalStat } from "../lib/conversions/types";

/** The period and locked filters a dashboard is read with (a member's chosen range, or a share link's terms). */
export type DashboardTerms = { from: Date; to: Date; filters: SegmentFilters };

/** How long a tile waits, in all, for one of its project's report slots (db/limits.ts: two at once) before it says "busy". */
const BUSY_WAIT_MS = 15_000;

/**
 * Reads the tiles of one dashboard for one request. Tiles render independently (each in its own
 * Suspense boundary), but their heavy queries run one after another here, so a dashboard of ten
 * funnels never asks for more than one of its project's two report slots (the other stays free for
 * the rest of the team); the goal, segment and stage tiles share one conversions overview.
 * Every figure leaves through lib/share-output's field-by-field views, for members and share links alike.
 */
export function dashboardReader(scope: ProjectScope, tiles: TileView[], terms: DashboardTerms) {
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(() => withBusyRetry(fn));
    chain = run.catch(() => undefined);
    return run;
  };
  const segmentFields = [...new Set(tiles.flatMap((t) => (t.kind === "segments" && t.settings.field ? [t.settings.field] : [])))];
  let overview: Promise<ConversionsOverview> | null = null;
  const readOverview = () =>
    (overview ??= serial(() =>
      projectConversions(scope, { from: terms.from, to: terms.to, filters: terms.filters, segments: segmentFields }),
    ));
  let goalKeys: Promise<Map<string, string>> | null = null;
  const goalKeyOf = async (goalId: string | null) => {
    const ids = [...new Set(tiles.flatMap((t) => (t.goalId ? [t.goalId] : [])))];
    goalKeys ??= ids.length
      ? scope.db
          .select({ id: goals.id, key: goals.key })
          .from(goals)
          .where(and(eq(goals.projectId, scope.projectId), inArray(goals.id, ids)))
          .then((rows) => new Map(rows.map((r) => [r.id, r.key])))
      : Promise.resolve(new Map());
    return goalId ? ((await goalKeys).get(goalId) ?? null) : null;
  };

  async function tile(t: TileView): Promise<TileData> {
    switch (t.kind) {
      case "note":
        return { kind: "note", text: t.settings.text ?? "" };
      case "funnel": {
        if (!t.funnelId) return { kind: "empty" };
        const filters = combinedFilters(t.settings.filters ?? {}, terms.filters);
        const funnel = await getFunnel(scope, t.funnelId).catch((err) => (err instanceof AccessError ? null : Promise.reject(err)));
        if (!funnel || !filters) return { kind: "empty" };
        const results = await serial(() =>
          funnelResults(scope, {
            ...funnelDefinitionOf(funnel),
            from: terms.from,
            to: terms.to,
            filters,
            breakdown: t.settings.breakdown,
            saved: true,
          }),
        );
        const view = sharedFunnelView(funnel, results);
        return { kind: "funnel", name: funnel.name, steps: view.funnel.steps, results: view as unknown as FunnelResults };
      }
      case "goal": {
        const key = await goalKeyOf(t.goalId);
        const o = await readOverview();
        const shared = sharedOverviewView(o, false);
        const goal = shared.goals.find((g) => g.key === key);
        return goal ? { kind: "goal", goal: goal as unknown as GoalStat, visitors: shared.visitors } : { kind: "empty" };
      }
      case "segments": {
        const field = t.settings.field as BuiltinSegmentField;
        const o = await readOverview();
        const key = (await goalKeyOf(t.goalId)) ?? o.goals.find((g) => g.kind === "macro")?.key ?? o.goals[0]?.key ?? null;
        const rows = sharedOverviewView(o, false).segments[field] ?? [];
        return { kind: "segments", field, goalKey: key, rows };
      }
      case "stages": {
        const o = await readOverview();
        return { kind: "stages", stages: sharedOverviewView(o, false).stages };
      }
    }
  }
  /** The tile's data, never a rejection: a failure becomes an error state the tile shows (the other tiles still render). */
  const settled = (t: TileView): Promise<TileData> =>
    tile(t).catch((err: unknown): TileData => {
      if (err instanceof TooBusyError) return { kind: "error", reason: "busy" };
      if (sqlState(err) === "57014") return { kind: "error", reason: "timeout" };
      console.error(`dashboard tile ${t.id} failed`, err);
      return { kind: "error", reason: "failed" };
    });
  return { tile, settled };
}

/** The SQLSTATE of a database error, also when drizzle wraps it (57014: a statement passed its time limit). */
function sqlState(err: unknown): string | null {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** Runs a heavy report, waiting for its project's slot when other requests hold both (429 from db/limits) instead of failing the tile at once. */
async function withBusyRetry<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (let wait = 200; ; wait = Math.min(wait * 2, 2000)) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof TooBusyError) || err.status !== 429 || Date.now() + wait > deadline) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
