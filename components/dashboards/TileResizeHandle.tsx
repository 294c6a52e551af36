"use client";

import { useRef } from "react";
import { TILE_HEIGHTS, TILE_WIDTHS } from "@/lib/dashboards/types";
/** A tile's size in grid columns and rows. */
type TileSize = { width: number; height: number };

const clamp = (n: number, list: readonly number[]) => Math.max(list[0], Math.min(list[list.length - 1], n));

/**
 * The corner handle that resizes a tile with the mouse (or a finger, or a pen): dragging it snaps
 * the tile to whole grid columns and rows as it goes (`onPreview`), and letting go saves the size
 * (`onResize`). Keyboard and screen-reader users have the width
 * and height menus beside it (the same sizes), so the handle itself is left out of the tab order.
 */
export function TileResizeHandle({
  size,
  onPreview,
  onResize,
}: {
  size: TileSize;
  onPreview: (size: TileSize | null) => void;
  onResize: (size: TileSize) => void;
}) {
  // `start` is the size when the drag began (the `size` shown changes as the drag previews).
  const drag = useRef<{ x: number; y: number; col: number; row: number; gap: number; start: TileSize; last: TileSize } | null>(null);

  const sizeAt = (x: number, y: number): TileSize => {
    const d = drag.current!;
    return {
      width: clamp(Math.round((x - d.x + d.gap) / (d.col + d.gap)), TILE_WIDTHS),
      height: clamp(Math.round((y - d.y + d.gap) / (d.row + d.gap)), TILE_HEIGHTS),
    };
  };

  return (
    <span
      aria-hidden
      className="absolute bottom-1 right-1 hidden h-5 w-5 cursor-nwse-resize touch-none items-end justify-end rounded text-slate-500 hover:bg-slate-100 lg:flex"
      data-testid="tile-resize"
      onPointerDown={(e) => {
        const tile = e.currentTarget.closest("li");
        const grid = tile?.parentElement;
        if (!tile || !grid || e.button !== 0) return;
        e.preventDefault();
        const box = tile.getBoundingClientRect();
        const gap = parseFloat(getComputedStyle(grid).columnGap) || 0;
        drag.current = {
          x: box.left,
          y: box.top,
          col: (grid.getBoundingClientRect().width - 2 * gap) / 3,
          // The tile's own rows: its height over the rows it spans now.
          row: (box.height - (size.height - 1) * gap) / size.height,
          gap,
          start: size,
          last: size,
        };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (!drag.current) return;
        const next = sizeAt(e.clientX, e.clientY);
        if (next.width !== drag.current.last.width || next.height !== drag.current.last.height) {
          drag.current.last = next;
          onPreview(next);
        }
      }}
      onPointerUp={(e) => {
        if (!drag.current) return;
        const next = sizeAt(e.clientX, e.clientY);
        const { start } = drag.current;
        drag.current = null;
        if (next.width !== start.width || next.height !== start.height) onResize(next);
        else onPreview(null);
      }}
      onPointerCancel={() => {
        drag.current = null;
        onPreview(null);
      }}
    >
      <svg width="12" height="12" viewBox="0 0 12 12" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round">
        <path d="M11 5 5 11M11 9 9 11M11 1 1 11" />
      </svg>
    </span>
  );
}
