"use client";

import { useEffect, useId, useRef } from "react";
import { Button, buttonClass } from "./Button";

/**
 * A modal confirmation for a step that cannot be undone (revoking a share link): the browser's
 * `<dialog>` opened with showModal(), so focus moves into it and stays there, Escape cancels, the page
 * behind is inert, and focus returns to the button that opened it. Replaces window.confirm, which
 * cannot be styled, worded per locale or tested as a page element.
 */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  cancelLabel,
  busy = false,
  onConfirm,
  onCancel,
  testId = "confirm-dialog",
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // The safe choice first: Enter on a dialog opened by mistake cancels.
      cancelRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid={testId}
      // Escape and the close button both come here: the parent decides what "closed" means.
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its panel) cancels too.
        if (e.target === ref.current) onCancel();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
    >
      {open ? (
        <div className="p-5">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <p id={bodyId} className="mt-2 text-sm text-slate-600">
            {body}
          </p>
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <button ref={cancelRef} type="button" className={buttonClass("secondary")} onClick={onCancel} data-testid={`${testId}-cancel`}>
              {cancelLabel}
            </button>
            <Button type="button" variant="danger" onClick={onConfirm} disabled={busy} data-testid={`${testId}-confirm`}>
              {confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
