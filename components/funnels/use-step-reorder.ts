"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";

type Item = { id: string };
type Direction = "up" | "down";

/**
 * Reordering a list by keyboard (move up/down buttons) and by pointer (dragging a handle: mouse,
 * pen and touch alike, through Pointer Events). After a keyboard move the focus stays on the moved
 * item's button that was pressed (or its other one at either end), and every move is announced in
 * `announcement` for a polite live region.
 *
 * Items are found in the DOM by `data-reorder-id` inside the element `listRef` points at.
 */
export function useStepReorder<T extends Item>(
  items: T[],
  onChange: (next: T[]) => void,
  announce: (item: T, position: number, total: number) => string,
) {
  const listRef = useRef<HTMLOListElement>(null);
  const latest = useRef(items);
  useLayoutEffect(() => {
    latest.current = items;
  }, [items]);
  const [announcement, setAnnouncement] = useState("");
  const [dragging, setDragging] = useState<string | null>(null);
  const refocus = useRef<{ id: string; direction: Direction } | null>(null);

  const moveTo = useCallback(
    (from: number, to: number) => {
      const list = latest.current;
      if (from === to || to < 0 || to >= list.length) return;
      const next = [...list];
      const [moved] = next.splice(from, 1);
      next.splice(to, 0, moved);
      latest.current = next;
      onChange(next);
      setAnnouncement(announce(moved, to + 1, next.length));
    },
    [onChange, announce],
  );

  /** The move up/down buttons: one place, focus kept on the moved item. */
  const move = (index: number, direction: Direction) => {
    const id = latest.current[index]?.id;
    if (!id) return;
    refocus.current = { id, direction };
    moveTo(index, direction === "up" ? index - 1 : index + 1);
  };

  useEffect(() => {
    const want = refocus.current;
    if (!want || !listRef.current) return;
    refocus.current = null;
    const row = listRef.current.querySelector(`[data-reorder-id="${CSS.escape(want.id)}"]`);
    const pressed = row?.querySelector<HTMLButtonElement>(`button[data-move="${want.direction}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`button[data-move="${want.direction === "up" ? "down" : "up"}"]`);
    (pressed && !pressed.disabled ? pressed : other)?.focus();
  }, [items]);

  /** Props for an item's drag handle. */
  const handleProps = (id: string) => ({
    onPointerDown: (e: React.PointerEvent<HTMLElement>) => {
      if (e.button !== 0) return;
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      setDragging(id);
    },
    onPointerMove: (e: React.PointerEvent<HTMLElement>) => {
      if (dragging !== id || !listRef.current) return;
      const rows = [...listRef.current.querySelectorAll<HTMLElement>("[data-reorder-id]")];
      const from = latest.current.findIndex((s) => s.id === id);
      // The slot under the pointer: past the middle of a row moves there, so rows do not flicker back and forth.
      let to = from;
      rows.forEach((row, i) => {
        const box = row.getBoundingClientRect();
        if (i < from && e.clientY < box.top + box.height / 2) to = Math.min(to, i);
        if (i > from && e.clientY > box.top + box.height / 2) to = Math.max(to, i);
      });
      moveTo(from, to);
    },
    onPointerUp: () => setDragging(null),
    onPointerCancel: () => setDragging(null),
  });

  return { listRef, move, handleProps, dragging, announcement };
}
