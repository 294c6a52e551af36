import { and, asc, count, eq, sql } from "drizzle-orm";
import type { ProjectScope } from "./tenant";
import { isUuid } from "./tenant";
import { dashboards, dashboardTiles, digestSchedules, funnels, goals } from "./schema";
import { InputError, notFound } from "../lib/errors";
import {
  dashboardInputSchema,
  tileInputSchema,
  tileSizeSchema,
  type DashboardInput,
  type TileInput,
  type TileSize,
} from "../lib/dashboards/schemas";
import { MAX_DASHBOARDS, MAX_TILES, type DashboardView, type TileSettings, type TileView } from "../lib/dashboards/types";

export type DashboardRow = typeof dashboards.$inferSelect;
type TileRow = typeof dashboardTiles.$inferSelect;

const tileView = (t: TileRow): TileView => ({
  id: t.id,
  kind: t.kind,
  position: t.position,
  width: t.width,
  height: t.height,
  funnelId: t.funnelId,
  goalId: t.goalId,
  settings: t.settings,
});

/** The project's dashboards by name, with their number of tiles. Any member. */
export async function listDashboards(scope: ProjectScope) {
  const rows = await scope.db
    .select({ id: dashboards.id, name: dashboards.name, description: dashboards.description, tiles: count(dashboardTiles.id) })
    .from(dashboards)
    .leftJoin(dashboardTiles, and(eq(dashboardTiles.projectId, dashboards.projectId), eq(dashboardTiles.dashboardId, dashboards.id)))
    .where(eq(dashboards.projectId, scope.projectId))
    .groupBy(dashboards.projectId, dashboards.id)
    .orderBy(asc(dashboards.name), asc(dashboards.createdAt));
  return rows.map((r) => ({ ...r, tiles: Number(r.tiles) }));
}

/** A dashboard of this project, or 404 (also for a malformed id or another project's dashboard). */
export async function getDashboardRow(scope: ProjectScope, dashboardId: string): Promise<DashboardRow> {
  if (!isUuid(dashboardId)) throw notFound("Dashboard not found");
  const [row] = await scope.db
    .select()
    .from(dashboards)
    .where(and(eq(dashboards.projectId, scope.projectId), eq(dashboards.id, dashboardId)));
  if (!row) throw notFound("Dashboard not found");
  return row;
}

/** A dashboard with its tiles in grid order. Any member (and a share link's scope, for its own dashboard). */
export async function getDashboard(scope: ProjectScope, dashboardId: string): Promise<DashboardView> {
  const row = await getDashboardRow(scope, dashboardId);
  const tiles = await scope.db
    .select()
    .from(dashboardTiles)
    .where(and(eq(dashboardTiles.projectId, scope.projectId), eq(dashboardTiles.dashboardId, row.id)))
    .orderBy(asc(dashboardTiles.position), asc(dashboardTiles.createdAt));
  return { id: row.id, name: row.name, description: row.description, tiles: tiles.map(tileView) };
}

/** Creates a dashboard. Admins only. */
export async function createDashboard(scope: ProjectScope, input: DashboardInput): Promise<DashboardRow> {
  scope.require("admin");
  const data = dashboardInputSchema.parse(input);
  const [{ n }] = await scope.db.select({ n: count() }).from(dashboards).where(eq(dashboards.projectId, scope.projectId));
  if (Number(n) >= MAX_DASHBOARDS) throw new InputError(`A project has at most ${MAX_DASHBOARDS} dashboards.`, "name", 422);
  const [row] = await scope.db
    .insert(dashboards)
    .values({ projectId: scope.projectId, name: data.name, description: data.description || null })
    .returning();
  return row;
}

/** Renames a dashboard or changes its description. Admins only. */
export async function updateDashboard(scope: ProjectScope, dashboardId: string, input: DashboardInput): Promise<void> {
  scope.require("admin");
  const data = dashboardInputSchema.parse(input);
  const row = await getDashboardRow(scope, dashboardId);
  await scope.db
    .update(dashboards)
    .set({ name: data.name, description: data.description || null, updatedAt: new Date() })
    .where(and(eq(dashboards.projectId, scope.projectId), eq(dashboards.id, row.id)));
}

/** Deletes a dashboard, its tiles, its share links and the schedules that mail it. Admins only. */
export async function deleteDashboard(scope: ProjectScope, dashboardId: string): Promise<void> {
  scope.require("admin");
  const row = await getDashboardRow(scope, dashboardId);
  await scope.db.transaction(async (tx) => {
    await tx.delete(digestSchedules).where(and(eq(digestSchedules.projectId, scope.projectId), eq(digestSchedules.dashboardId, row.id)));
    await tx.delete(dashboards).where(and(eq(dashboards.projectId, scope.projectId), eq(dashboards.id, row.id)));
  });
}

/** A tile's columns from its input; its funnel or goal is re-read through the scope (another project's is 404). */
async function tileColumns(scope: ProjectScope, input: TileInput) {
  const data = tileInputSchema.parse(input);
  const settings: TileSettings = {};
  if (data.title) settings.title = data.title;
  let funnelId: string | null = null;
  let goalId: string | null = null;
  if (data.kind === "funnel") {
    const [f] = await scope.db
      .select({ id: funnels.id })
      .from(funnels)
      .where(and(eq(funnels.projectId, scope.projectId), eq(funnels.id, data.funnelId)));
    if (!f) throw notFound("Funnel not found");
    funnelId = f.id;
    if (Object.keys(data.filters).length) settings.filters = data.filters;
    if (data.breakdown) settings.breakdown = data.breakdown;
  }
  if ((data.kind === "goal" || data.kind === "segments") && data.goalId) {
    const [g] = await scope.db
      .select({ id: goals.id })
      .from(goals)
      .where(and(eq(goals.projectId, scope.projectId), eq(goals.id, data.goalId)));
    if (!g) throw notFound("Goal not found");
    goalId = g.id;
  }
  if (data.kind === "segments") settings.field = data.field;
  if (data.kind === "note") settings.text = data.text;
  return { kind: data.kind, funnelId, goalId, settings, width: data.width, height: data.height };
}

/** Adds a tile at the end of a dashboard. Admins only. */
export async function addTile(scope: ProjectScope, dashboardId: string, input: TileInput): Promise<TileView> {
  scope.require("admin");
  const dashboard = await getDashboardRow(scope, dashboardId);
  const cols = await tileColumns(scope, input);
  const [{ n, last }] = await scope.db
    .select({ n: count(), last: sql<number | null>`max(${dashboardTiles.position})` })
    .from(dashboardTiles)
    .where(and(eq(dashboardTiles.projectId, scope.projectId), eq(dashboardTiles.dashboardId, dashboard.id)));
  if (Number(n) >= MAX_TILES) throw new InputError(`A dashboard has at most ${MAX_TILES} tiles.`, "kind", 422);
  const [row] = await scope.db
    .insert(dashboardTiles)
    .values({ projectId: scope.projectId, dashboardId: dashboard.id, position: last === null ? 0 : Number(last) + 1, ...cols })
    .returning();
  return tileView(row);
}

async function getTileRow(scope: ProjectScope, dashboardId: string, tileId: string): Promise<TileRow> {
  if (!isUuid(dashboardId) || !isUuid(tileId)) throw notFound("Tile not found");
  const [row] = await scope.db
    .select()
    .from(dashboardTiles)
    .where(and(eq(dashboardTiles.projectId, scope.projectId), eq(dashboardTiles.dashboardId, dashboardId), eq(dashboardTiles.id, tileId)));
  if (!row) throw notFound("Tile not found");
  return row;
}

/** Replaces a tile's settings (its kind stays). Admins only. */
export async function updateTile(scope: ProjectScope, dashboardId: string, tileId: string, input: TileInput): Promise<TileView> {
  scope.require("admin");
  const tile = await getTileRow(scope, dashboardId, tileId);
  const cols = await tileColumns(scope, input);
  if (cols.kind !== tile.kind) throw new InputError("A tile keeps its kind.", "kind");
  const [row] = await scope.db
    .update(dashboardTiles)
    .set(cols)
    .where(and(eq(dashboardTiles.projectId, scope.projectId), eq(dashboardTiles.id, tile.id)))
    .returning();
  return tileView(row);
}

/** Resizes a tile on the grid. Admins only. */
export async function resizeTile(scope: ProjectScope, dashboardId: string, tileId: string, size: TileSize): Promise<void> {
  scope.require("admin");
  const { width, height } = tileSizeSchema.parse(size);
  const tile = await getTileRow(scope, dashboardId, tileId);
  await scope.db
    .update(dashboardTiles)
    .set({ width, height })
    .where(and(eq(dashboardTiles.projectId, scope.projectId), eq(dashboardTiles.id, tile.id)));
}

/** Removes a tile. Admins only. */
export async function removeTile(scope: ProjectScope, dashboardId: string, tileId: string): Promise<void> {
  scope.require("admin");
  const tile = await getTileRow(scope, dashboardId, tileId);
  await scope.db.delete(dashboardTiles).where(and(eq(dashboardTiles.projectId, scope.projectId), eq(dashboardTiles.id, tile.id)));
}

/** Puts a dashboard's tiles in this order: `tileIds` must be exactly its tiles, each once. Admins only. */
export async function reorderTiles(scope: ProjectScope, dashboardId: string, tileIds: string[]): Promise<void> {
  scope.require("admin");
  const dashboard = await getDashboardRow(scope, dashboardId);
  await scope.db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: dashboardTiles.id })
      .from(dashboardTiles)
      .where(and(eq(dashboardTiles.projectId, scope.projectId), eq(dashboardTiles.dashboardId, dashboard.id)))
      .for("update");
    const have = new Set(rows.map((r) => r.id));
    if (tileIds.length !== have.size || new Set(tileIds).size !== tileIds.length || tileIds.some((id) => !have.has(id)))
      throw new InputError("Send every tile of the dashboard once, in the new order.", "tileIds", 409);
    for (const [position, id] of tileIds.entries()) {
      await tx
        .update(dashboardTiles)
        .set({ position })
        .where(and(eq(dashboardTiles.projectId, scope.projectId), eq(dashboardTiles.id, id)));
    }
  });
}
