import { and, eq, inArray } from "drizzle-orm";
import { goals } from "../../db/schema";
import { getDashboard } from "../../db/dashboards";
import { projectConversions } from "../../db/conversions";
import type { ProjectScope } from "../../db/tenant";
import { AccessError } from "../../lib/errors";
import { combinedFilters } from "../../lib/dashboards/filters";
import { previousRange } from "../../lib/funnel/ranges";
import type { BuiltinSegmentField, FunnelStage, SegmentFilters } from "../../lib/funnel/types";
import type { Interval } from "../../lib/stats/wilson";
import type { ConversionsOverview } from "../../lib/conversions/types";
import { reportData, type ReportData } from "./data";
import { reportNotes, type ReportNote } from "./notes";

/** A goal's card: its converted visitors and rate with interval against the period before, and the benchmark's verdict when it is the benchmark's goal. */
export type GoalCard = {
  name: string;
  converted: number;
  visitors: number;
  rate: Interval;
  previousRate: number | null;
  change: number | null;
  benchmark: ReportData["benchmark"];
};

/** One tile's figures for a digest or a PDF; `title` is the tile's own or its funnel's/goal's name (null: the kind's name in the reader's language). */
export type DashboardTileData = { title: string | null } & (
  | { kind: "funnel"; data: ReportData }
  | { kind: "goal"; goal: GoalCard }
  | { kind: "stages"; stages: { stage: FunnelStage; visitors: number; share: number | null }[] }
  | {
      kind: "segments";
      field: BuiltinSegmentField;
      goalName: string | null;
      rows: { value: string; visitors: number; rate: Interval | null }[];
    }
  | { kind: "note"; text: string }
  /** its funnel or goal is gone, or its filters cannot meet the locked ones */
  | { kind: "empty"; was: "funnel" | "goal" }
);

export type DashboardData = {
  projectName: string;
  timeZone: string;
  dashboardName: string;
  description: string | null;
  period: { from: Date; to: Date };
  previous: { from: Date; to: Date };
  filters: SegmentFilters;
  notes: ReportNote[];
  tiles: DashboardTileData[];
};

/** Rows of a segment table in a mail or a PDF: the largest segments. */
const SEGMENT_ROWS = 10;

/**
 * A dashboard's tiles for [from, to) through the project's scope, in grid order, with `filters`
 * locked on top of each tile's own (a tile whose filters cannot meet them is empty, as on a share
 * page). Funnel tiles are full reports (server/digest/data.ts: figures against the period before,
 * intervals, benchmark, trend); goal, segment and stage tiles share one conversions overview.
 * Reads run one after another: a digest never takes more than one of the project's report slots.
 */
export async function dashboardData(
  scope: ProjectScope,
  dashboardId: string,
  period: { from: Date; to: Date },
  filters: SegmentFilters = {},
  now = new Date(),
): Promise<DashboardData> {
  const dashboard = await getDashboard(scope, dashboardId);
  const goalIds = [...new Set(dashboard.tiles.flatMap((t) => (t.goalId ? [t.goalId] : [])))];
  const goalRows = goalIds.length
    ? await scope.db
        .select({ id: goals.id, key: goals.key, name: goals.name })
        .from(goals)
        .where(and(eq(goals.projectId, scope.projectId), inArray(goals.id, goalIds)))
    : [];
  const goalById = new Map(goalRows.map((g) => [g.id, g]));
  const fields = [...new Set(dashboard.tiles.flatMap((t) => (t.kind === "segments" && t.settings.field ? [t.settings.field] : [])))];
  let overview: ConversionsOverview | null = null;
  const readOverview = async () =>
    (overview ??= await projectConversions(scope, { from: period.from, to: period.to, filters, segments: fields }));

  const tiles: DashboardTileData[] = [];
  for (const t of dashboard.tiles) {
    const own = t.settings.title ?? null;
    if (t.kind === "note") tiles.push({ title: own, kind: "note", text: t.settings.text ?? "" });
    else if (t.kind === "funnel") {
      const tileFilters = combinedFilters(t.settings.filters ?? {}, filters);
      const data =
        t.funnelId && tileFilters
          ? await reportData(scope, { report: "funnel", funnelId: t.funnelId, filters: tileFilters }, period, now).catch((err) =>
              err instanceof AccessError ? null : Promise.reject(err),
            )
          : null;
      tiles.push(data ? { title: own ?? data.title, kind: "funnel", data } : { title: own, kind: "empty", was: "funnel" });
    } else if (t.kind === "goal") {
      const row = t.goalId ? goalById.get(t.goalId) : undefined;
      const o = await readOverview();
      const g = row ? o.goals.find((x) => x.key === row.key) : undefined;
      if (!g) tiles.push({ title: own ?? row?.name ?? null, kind: "empty", was: "goal" });
      else {
        const bm = o.benchmark;
        const benchmark =
          bm && bm.goalKey === g.key && bm.verdict && bm.rate !== null ? { rate: bm.rate, label: bm.label, verdict: bm.verdict } : null;
        tiles.push({
          title: own ?? g.name,
          kind: "goal",
          goal: {
            name: g.name,
            converted: g.converted,
            visitors: o.visitors,
            rate: g.rate,
            previousRate: g.previous.rate,
            change: g.change,
            benchmark,
          },
        });
      }
    } else if (t.kind === "stages") {
      const o = await readOverview();
      tiles.push({ title: own, kind: "stages", stages: o.stages.map((s) => ({ stage: s.stage, visitors: s.visitors, share: s.share })) });
    } else {
      const field = (t.settings.field ?? "source") as BuiltinSegmentField;
      const o = await readOverview();
      const key = (t.goalId ? goalById.get(t.goalId)?.key : null) ?? o.goals.find((g) => g.kind === "macro")?.key ?? o.goals[0]?.key;
      const rows = [...(o.segments[field] ?? [])].sort((a, b) => b.visitors - a.visitors).slice(0, SEGMENT_ROWS);
      tiles.push({
        title: own,
        kind: "segments",
        field,
        goalName: o.goals.find((g) => g.key === key)?.name ?? null,
        rows: rows.map((r) => ({ value: r.value, visitors: r.visitors, rate: r.goals.find((g) => g.key === key)?.rate ?? null })),
      });
    }
  }
  return {
    projectName: scope.project.name,
    timeZone: scope.project.timeZone,
    dashboardName: dashboard.name,
    description: dashboard.description,
    period,
    previous: previousRange(period.from, period.to, scope.project.timeZone),
    filters,
    notes: await reportNotes(scope, period.from, period.to),
    tiles,
  };
}
