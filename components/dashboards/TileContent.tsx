"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { DropOffChart } from "@/components/funnels/DropOffChart";
import { TrendChart } from "@/components/funnels/TrendChart";
import { StepTable } from "@/components/funnels/StepTable";
import { stepLabels } from "@/components/funnels/FunnelDashboard";
import { MacroGoalCard, MicroGoalCard } from "@/components/conversions/GoalCards";
import { SegmentTable } from "@/components/conversions/SegmentTable";
import { StageKpis } from "@/components/conversions/StageKpis";
import { segmentFieldLabel } from "@/lib/funnel/field-label";
import type { TileData, TileView } from "@/lib/dashboards/types";

/** A tile's figures, drawn with the same components as the funnel page and the conversions overview. */
export function TileContent({ tile, data }: { tile: TileView; data: TileData }) {
  const { t, f } = useI18n();
  switch (data.kind) {
    case "funnel": {
      const labels = stepLabels(data.steps);
      return (
        <div className="space-y-4" data-testid="tile-funnel">
          <p className="text-sm text-slate-600">
            {t("dashboards.tile.funnelSummary", {
              rate: f.percent(data.results.overall.rate),
              count: data.results.steps[0]?.visitors ?? 0,
            })}
            {tile.settings.breakdown
              ? ` · ${t("dashboards.tile.breakdown", { field: segmentFieldLabel(t, tile.settings.breakdown) })}`
              : ""}
          </p>
          <DropOffChart labels={labels} results={data.results} />
          <TrendChart trend={data.results.trend} />
          {tile.height > 1 ? <StepTable labels={labels} steps={data.results.steps} /> : null}
        </div>
      );
    }
    case "goal":
      return (
        <div data-testid="tile-goal">
          {data.goal.kind === "macro" ? (
            <MacroGoalCard goal={data.goal} visitors={data.visitors} benchmark={null} scenario={null} />
          ) : (
            <MicroGoalCard goal={data.goal} visitors={data.visitors} />
          )}
        </div>
      );
    case "segments":
      return (
        <div data-testid="tile-segments" className="min-w-0">
          {data.goalKey ? (
            <SegmentTable rows={data.rows} goalKey={data.goalKey} field={data.field} />
          ) : (
            <Empty text={t("dashboards.tile.noGoal")} />
          )}
        </div>
      );
    case "stages":
      return (
        <div data-testid="tile-stages">
          <StageKpis stages={data.stages} />
        </div>
      );
    case "note":
      return (
        <p className="whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-700" data-testid="tile-note">
          {data.text}
        </p>
      );
    case "empty":
      return <Empty text={t("dashboards.tile.empty")} />;
    case "error":
      return (
        <p
          className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
          data-testid="tile-error"
          role="status"
        >
          {t(`dashboards.tile.errors.${data.reason}`)}
        </p>
      );
  }
}

function Empty({ text }: { text: string }) {
  return (
    <p className="py-6 text-center text-sm text-slate-500" data-testid="tile-empty">
      {text}
    </p>
  );
}
