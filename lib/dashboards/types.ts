import type { BuiltinSegmentField, FunnelResults, FunnelStep, SegmentFilters } from "../funnel/types";
import type { GoalStat, SegmentRow, StageSummary } from "../conversions/types";

/** What a tile shows: a saved funnel, a goal's conversion card, a segment table, the stage KPIs, a note. */
export const TILE_KINDS = ["funnel", "goal", "segments", "stages", "note"] as const;
export type TileKind = (typeof TILE_KINDS)[number];

/** The grid: three columns on a wide screen (one on a phone); a tile spans 1–3 columns and 1–2 rows. */
export const TILE_WIDTHS = [1, 2, 3] as const;
export const TILE_HEIGHTS = [1, 2] as const;
export const MAX_TILES = 24;
export const MAX_DASHBOARDS = 50;
export const NOTE_MAX = 2000;

/** A tile's own settings besides its funnel or goal: a title, a funnel's filters and breakdown, a segment table's field, a note's text. */
export type TileSettings = {
  title?: string;
  filters?: SegmentFilters;
  breakdown?: BuiltinSegmentField;
  field?: BuiltinSegmentField;
  text?: string;
};

/** A client logo: raster images only (an SVG can carry scripts). */
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
export const LOGO_MAX_BYTES = 200 * 1024;

/** A tile as the page shows it (no other ids than its own and those of its funnel or goal). */
export type TileView = {
  id: string;
  kind: TileKind;
  position: number;
  width: number;
  height: number;
  funnelId: string | null;
  goalId: string | null;
  settings: TileSettings;
};

export type DashboardView = { id: string; name: string; description: string | null; tiles: TileView[] };

/** A tile's figures, by kind; `missing` when its funnel or goal is gone or the data cannot answer. */
export type TileData =
  | { kind: "funnel"; name: string; steps: FunnelStep[]; results: FunnelResults }
  | { kind: "goal"; goal: GoalStat; visitors: number }
  | { kind: "segments"; field: BuiltinSegmentField; goalKey: string | null; rows: SegmentRow[] }
  | { kind: "stages"; stages: StageSummary[] }
  | { kind: "note"; text: string }
  | { kind: "empty" }
  /** the tile's query failed: the server was busy, the query ran out of time, or something else went wrong */
  | { kind: "error"; reason: "busy" | "timeout" | "failed" };

/** The cookie that remembers a dashboard link's password in this browser (its value is bound to the token and the password's hash). */
export const dashboardShareCookie = (linkId: string) => `trechter_dshare_${linkId}`;
