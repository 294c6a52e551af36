"use client";

import { Button } from "@/components/ui/Button";

export type ListStatus = { tone: "ok" | "error"; text: string } | null;

/**
 * The head of an editable list page (goals, experiments): title and intro, the add button for
 * those who may edit, a read-only note for those who may not, and the last action's outcome.
 */
export function ListPageHeader(props: {
  title: string;
  intro: string;
  addLabel: string;
  onAdd?: () => void;
  readOnly?: string;
  status: ListStatus;
  testIdPrefix: string;
}) {
  const { title, intro, addLabel, onAdd, readOnly, status, testIdPrefix } = props;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-2xl">
          <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
          <p className="mt-0.5 text-sm text-slate-500">{intro}</p>
        </div>
        {onAdd ? (
          <Button data-testid={`${testIdPrefix}-add`} onClick={onAdd}>
            + {addLabel}
          </Button>
        ) : null}
      </div>
      {readOnly ? (
        <p className="text-sm text-slate-500" data-testid={`${testIdPrefix}s-read-only`}>
          {readOnly}
        </p>
      ) : null}
      {status ? (
        <p
          role="status"
          className={status.tone === "ok" ? "text-sm text-emerald-700" : "text-sm text-red-600"}
          data-testid={`${testIdPrefix}s-status`}
        >
          {status.text}
        </p>
      ) : null}
    </>
  );
}
