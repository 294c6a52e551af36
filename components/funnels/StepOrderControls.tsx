"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";

type Handle = {
  onPointerDown: (e: React.PointerEvent<HTMLElement>) => void;
  onPointerMove: (e: React.PointerEvent<HTMLElement>) => void;
  onPointerUp: () => void;
  onPointerCancel: () => void;
};

/**
 * A funnel step's place in the order: a drag handle for a pointer (mouse, pen, touch) and move
 * up/down buttons for the keyboard and screen readers, which say which step they move.
 */
export function StepOrderControls({
  n,
  total,
  handle,
  onMove,
}: {
  n: number;
  total: number;
  handle: Handle;
  onMove: (direction: "up" | "down") => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <span
        {...handle}
        aria-hidden="true"
        title={t("funnels.editor.reorder.drag")}
        data-testid={`drag-step-${n}`}
        className="flex h-8 w-6 cursor-grab touch-none select-none items-center justify-center rounded text-slate-500 hover:bg-slate-200 active:cursor-grabbing"
      >
        <svg viewBox="0 0 10 16" className="h-4 w-2.5" fill="currentColor">
          <circle cx="2" cy="2" r="1.5" />
          <circle cx="8" cy="2" r="1.5" />
          <circle cx="2" cy="8" r="1.5" />
          <circle cx="8" cy="8" r="1.5" />
          <circle cx="2" cy="14" r="1.5" />
          <circle cx="8" cy="14" r="1.5" />
        </svg>
      </span>
      <Button
        type="button"
        variant="ghost"
        size="sm"
        className="px-2"
        data-move="up"
        aria-label={t("funnels.editor.reorder.up", { n })}
        disabled={n === 1}
        onClick={() => onMove("up")}
      >
        ↑
      </Button>
      <Button
        type="button"
        variant="ghost"
        size="sm"
        className="px-2"
        data-move="down"
        aria-label={t("funnels.editor.reorder.down", { n })}
        disabled={n === total}
        onClick={() => onMove("down")}
      >
        ↓
      </Button>
    </>
  );
}
