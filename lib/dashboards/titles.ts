import type { Translate } from "../i18n/translate";
import { segmentFieldLabel } from "../funnel/field-label";
import type { TileView } from "./types";

/** A tile's heading: its own title, else its funnel's or goal's name, else what it shows ("Segments by source"). */
export function tileTitle(t: Translate, tile: TileView, names: { funnels: Map<string, string>; goals: Map<string, string> }): string {
  if (tile.settings.title) return tile.settings.title;
  if (tile.kind === "funnel" && tile.funnelId) return names.funnels.get(tile.funnelId) ?? t("dashboards.kinds.funnel");
  if (tile.kind === "goal" && tile.goalId) return names.goals.get(tile.goalId) ?? t("dashboards.kinds.goal");
  if (tile.kind === "segments") return t("dashboards.tile.segmentsBy", { field: segmentFieldLabel(t, tile.settings.field ?? "source") });
  return t(`dashboards.kinds.${tile.kind}`);
}
