"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { removeTileAction, reorderTilesAction, resizeTileAction } from "@/app/(app)/projects/[projectId]/dashboards/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { cx } from "@/components/ui/cx";
import { actionErrorText } from "@/lib/action-result";
import { TILE_HEIGHTS, TILE_WIDTHS, type TileView } from "@/lib/dashboards/types";
/** A tile's size in grid columns and rows. */
type TileSize = { width: number; height: number };
import { TileResizeHandle } from "./TileResizeHandle";

/** Static class names (Tailwind sees them whole): one column on a phone, three from 1024 px. */
const SPAN: Record<number, string> = { 1: "lg:col-span-1", 2: "lg:col-span-2", 3: "lg:col-span-3" };
const ROWS: Record<number, string> = { 1: "lg:row-span-1", 2: "lg:row-span-2" };

export type GridTile = TileView & { title: string };

type Editing = { projectId: string; dashboardId: string };

/** Moves the tile at `from` to `to` (both indexes), as a new list. */
function moved<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/**
 * A dashboard's tiles on a grid. Each tile's body (`slots`, rendered on the server inside its own
 * Suspense boundary) loads on its own. With `editing` (admins), a tile can be moved by dragging its
 * handle or with the arrow keys on it (the new place is announced), resized in columns and rows,
 * and removed; every change is saved at once.
 */
export function DashboardGrid({ tiles, slots, editing }: { tiles: GridTile[]; slots: Record<string, React.ReactNode>; editing?: Editing }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [order, setOrder] = useState(() => tiles.map((x) => x.id));
  const [announce, setAnnounce] = useState("");
  const [error, setError] = useState("");
  const [dragged, setDragged] = useState<string | null>(null);
  const [removing, setRemoving] = useState<GridTile | null>(null);
  const focusAfter = useRef<string | null>(null);

  // A size being dragged, or saved and not yet read back: shown over the server's.
  const [sizing, setSizing] = useState<Record<string, TileSize>>({});

  // The server's order and sizes win whenever they change (after a save, or another admin's).
  const serverKey = tiles.map((x) => `${x.id}:${x.width}:${x.height}`).join();
  const [seen, setSeen] = useState(serverKey);
  if (seen !== serverKey) {
    setSeen(serverKey);
    setOrder(tiles.map((x) => x.id));
    setSizing({});
  }
  useEffect(() => {
    if (focusAfter.current) document.getElementById(`move-${focusAfter.current}`)?.focus();
    focusAfter.current = null;
  }, [order]);

  const byId = new Map(tiles.map((x) => [x.id, { ...x, ...sizing[x.id] }]));
  const shown = order.map((id) => byId.get(id)).filter((x): x is GridTile => Boolean(x));

  // Moves are saved one after another, in the order they were made: two quick moves sent at once
  // could otherwise arrive in the other order and leave the earlier one saved. The page reloads the
  // server's order once the last one is saved.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const saves = useRef(0);
  const [saving, setSaving] = useState(0);
  const save = (next: string[], movedId: string) => {
    if (!editing) return;
    setOrder(next);
    focusAfter.current = movedId;
    const tile = byId.get(movedId)!;
    setAnnounce(t("dashboards.grid.movedTo", { title: tile.title, position: next.indexOf(movedId) + 1, total: next.length }));
    setSaving(++saves.current);
    queue.current = queue.current.then(async () => {
      const r = await reorderTilesAction(editing.projectId, editing.dashboardId, next);
      setError(r.ok ? "" : actionErrorText(t, "dashboards", r.error));
      setSaving(--saves.current);
      if (saves.current === 0) router.refresh();
    });
  };
  const move = (id: string, by: number) => {
    const from = order.indexOf(id);
    const to = Math.max(0, Math.min(order.length - 1, from + by));
    if (to !== from) save(moved(order, from, to), id);
  };
  const preview = (id: string, size: TileSize | null) => setSizing(({ [id]: _, ...rest }) => (size ? { ...rest, [id]: size } : rest));
  const resize = (tile: GridTile, size: { width: number; height: number }) =>
    editing &&
    start(async () => {
      preview(tile.id, size);
      const r = await resizeTileAction(editing.projectId, editing.dashboardId, tile.id, size as { width: 1 | 2 | 3; height: 1 | 2 });
      if (!r.ok) {
        preview(tile.id, null);
        setError(actionErrorText(t, "dashboards", r.error));
      } else {
        setError("");
        setAnnounce(t("dashboards.grid.resized", { title: tile.title, width: size.width, height: size.height }));
        router.refresh();
      }
    });

  return (
    <div>
      <p className="sr-only" aria-live="polite" data-testid="grid-announce">
        {announce}
      </p>
      {editing ? <p className="mb-3 text-sm text-slate-500">{t("dashboards.grid.howToMove")}</p> : null}
      {error ? (
        <p className="mb-3 text-sm text-red-600" role="alert" data-testid="grid-error">
          {error}
        </p>
      ) : null}
      <ol
        className="grid grid-cols-1 gap-4 lg:auto-rows-[minmax(12rem,auto)] lg:grid-cols-3"
        data-testid="dashboard-grid"
        aria-busy={pending || saving > 0}
      >
        {shown.map((tile, i) => (
          <li
            key={tile.id}
            className={cx("min-w-0", SPAN[tile.width], ROWS[tile.height], dragged === tile.id && "opacity-50")}
            data-testid="tile"
            data-tile-id={tile.id}
            data-kind={tile.kind}
            data-width={tile.width}
            data-height={tile.height}
            onDragOver={editing ? (e) => e.preventDefault() : undefined}
            onDrop={
              editing
                ? (e) => {
                    e.preventDefault();
                    const id = e.dataTransfer.getData("text/plain") || dragged;
                    setDragged(null);
                    if (id && id !== tile.id && order.includes(id)) save(moved(order, order.indexOf(id), i), id);
                  }
                : undefined
            }
          >
            <Card className="relative flex h-full min-w-0 flex-col">
              <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
                <h3 className="min-w-0 break-words text-sm font-semibold text-slate-900" data-testid="tile-title">
                  {tile.title}
                </h3>
                {editing ? (
                  <div className="flex flex-wrap items-center gap-1.5">
                    <button
                      type="button"
                      id={`move-${tile.id}`}
                      draggable
                      onDragStart={(e) => {
                        e.dataTransfer.setData("text/plain", tile.id);
                        e.dataTransfer.effectAllowed = "move";
                        setDragged(tile.id);
                      }}
                      onDragEnd={() => setDragged(null)}
                      onKeyDown={(e) => {
                        const by = { ArrowUp: -1, ArrowLeft: -1, ArrowDown: 1, ArrowRight: 1, Home: -order.length, End: order.length }[
                          e.key
                        ];
                        if (by) {
                          e.preventDefault();
                          move(tile.id, by);
                        }
                      }}
                      aria-label={t("dashboards.grid.move", { title: tile.title, position: i + 1, total: shown.length })}
                      aria-describedby="grid-move-help"
                      className="cursor-grab rounded-md px-1.5 py-1 text-slate-500 ring-1 ring-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                      data-testid="tile-move"
                    >
                      <svg aria-hidden width="14" height="14" viewBox="0 0 14 14" fill="currentColor">
                        {[3, 7, 11].flatMap((y) => [4, 10].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.3" />))}
                      </svg>
                    </button>
                    <label className="sr-only" htmlFor={`width-${tile.id}`}>
                      {t("dashboards.grid.width")}
                    </label>
                    <select
                      id={`width-${tile.id}`}
                      value={tile.width}
                      onChange={(e) => resize(tile, { width: Number(e.target.value), height: tile.height })}
                      className="rounded-md border-0 bg-white py-1 pl-2 pr-7 text-xs text-slate-700 ring-1 ring-slate-200 max-lg:hidden"
                      data-testid="tile-width"
                    >
                      {TILE_WIDTHS.map((w) => (
                        <option key={w} value={w}>
                          {t(`dashboards.grid.widths.${w}`)}
                        </option>
                      ))}
                    </select>
                    <label className="sr-only" htmlFor={`height-${tile.id}`}>
                      {t("dashboards.grid.height")}
                    </label>
                    <select
                      id={`height-${tile.id}`}
                      value={tile.height}
                      onChange={(e) => resize(tile, { width: tile.width, height: Number(e.target.value) })}
                      className="rounded-md border-0 bg-white py-1 pl-2 pr-7 text-xs text-slate-700 ring-1 ring-slate-200 max-lg:hidden"
                      data-testid="tile-height"
                    >
                      {TILE_HEIGHTS.map((h) => (
                        <option key={h} value={h}>
                          {t(`dashboards.grid.heights.${h}`)}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      onClick={() => setRemoving(tile)}
                      className="rounded-md px-2 py-1 text-xs font-medium text-red-700 ring-1 ring-slate-200 hover:bg-red-50"
                      aria-label={t("dashboards.grid.removeTile", { title: tile.title })}
                      data-testid="tile-remove"
                    >
                      {t("dashboards.grid.remove")}
                    </button>
                  </div>
                ) : null}
              </div>
              <div className="min-w-0 flex-1 p-4">{slots[tile.id]}</div>
              {editing ? (
                <TileResizeHandle
                  size={{ width: tile.width, height: tile.height }}
                  onPreview={(size) => preview(tile.id, size)}
                  onResize={(size) => resize(tile, size)}
                />
              ) : null}
            </Card>
          </li>
        ))}
      </ol>
      <p id="grid-move-help" className="sr-only">
        {t("dashboards.grid.howToMove")}
      </p>
      {editing ? (
        <ConfirmDialog
          open={removing !== null}
          title={t("dashboards.grid.removeTitle")}
          body={t("dashboards.grid.removeBody", { title: removing?.title ?? "" })}
          confirmLabel={t("dashboards.grid.remove")}
          cancelLabel={t("common.cancel")}
          busy={pending}
          onCancel={() => setRemoving(null)}
          onConfirm={() =>
            removing &&
            start(async () => {
              const r = await removeTileAction(editing.projectId, editing.dashboardId, removing.id);
              setRemoving(null);
              if (!r.ok) setError(actionErrorText(t, "dashboards", r.error));
              else router.refresh();
            })
          }
          testId="remove-tile-dialog"
        />
      ) : null}
    </div>
  );
}
