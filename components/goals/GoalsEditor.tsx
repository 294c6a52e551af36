"use client";

import { ListPageHeader } from "@/components/ui/ListPageHeader";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteGoalAction, moveGoalAction } from "@/app/(app)/projects/[projectId]/goals/actions";
import { actionErrorText } from "@/lib/action-result";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { EditDeleteButtons } from "@/components/ui/EditDeleteButtons";
import { GoalForm, type EditableGoal } from "./GoalForm";
import type { GoalKind, StepMatch } from "@/lib/funnel/types";

type Props = { projectId: string; canEdit: boolean; goals: EditableGoal[]; eventNames: string[]; paths: string[] };

/** The project's goals, grouped macro then micro; admins add, edit, reorder and delete them in place. */
export function GoalsEditor({ projectId, canEdit, goals, eventNames, paths }: Props) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  const done = (saved: boolean) => {
    setEditing(null);
    if (saved) {
      setStatus({ tone: "ok", text: t("goals.saved") });
      router.refresh();
    }
  };
  const act = (fn: () => ReturnType<typeof deleteGoalAction>, okText?: string) =>
    start(async () => {
      const r = await fn();
      if (!r.ok) return setStatus({ tone: "error", text: actionErrorText(t, "goals", r.error) });
      setStatus(okText ? { tone: "ok", text: okText } : null);
      router.refresh();
    });
  const remove = (g: EditableGoal) => {
    if (window.confirm(t("goals.deleteConfirm", { name: g.name }))) act(() => deleteGoalAction(projectId, g.id), t("goals.deleted"));
  };
  const form = (goal: EditableGoal | null) => (
    <GoalForm key={goal?.id ?? "new"} projectId={projectId} goal={goal} eventNames={eventNames} paths={paths} onDone={done} />
  );

  const group = (kind: GoalKind) => {
    const list = goals.filter((g) => g.kind === kind);
    return (
      <Card data-testid={`goals-${kind}`}>
        <CardHeader title={t(`goals.${kind}`)} description={t(`goals.${kind}Hint`)} />
        {list.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">{t("goals.noneOfKind")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {list.map((g, i) =>
              editing === g.id ? (
                <li key={g.id} className="p-3 sm:p-4">
                  {form(g)}
                </li>
              ) : (
                <li
                  key={g.id}
                  className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:justify-between"
                  data-testid="goal"
                  data-goal-key={g.key}
                >
                  <div className="min-w-0">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-slate-900" data-testid="goal-name">
                        {g.name}
                      </span>
                      {g.revenue ? <Badge tone="green">{t("goals.revenue")}</Badge> : null}
                    </div>
                    <GoalMatch match={g.match} />
                  </div>
                  {canEdit ? (
                    <div className="flex shrink-0 items-center gap-1">
                      <Button
                        variant="ghost"
                        size="sm"
                        className="px-2"
                        aria-label={t("goals.moveUp", { name: g.name })}
                        disabled={pending || i === 0}
                        onClick={() => act(() => moveGoalAction(projectId, g.id, "up"))}
                      >
                        ↑
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        className="px-2"
                        aria-label={t("goals.moveDown", { name: g.name })}
                        disabled={pending || i === list.length - 1}
                        onClick={() => act(() => moveGoalAction(projectId, g.id, "down"))}
                      >
                        ↓
                      </Button>
                      <EditDeleteButtons
                        testIdPrefix="goal"
                        editText={t("goals.edit")}
                        editLabel={t("goals.editLabel", { name: g.name })}
                        deleteText={t("goals.delete")}
                        deleteLabel={t("goals.deleteLabel", { name: g.name })}
                        disabled={pending}
                        onEdit={() => {
                          setStatus(null);
                          setEditing(g.id);
                        }}
                        onDelete={() => remove(g)}
                      />
                    </div>
                  ) : null}
                </li>
              ),
            )}
          </ul>
        )}
      </Card>
    );
  };

  return (
    <div className="space-y-5" data-testid="goals-editor">
      <ListPageHeader
        title={t("goals.title")}
        intro={t("goals.intro")}
        addLabel={t("goals.add")}
        onAdd={
          canEdit && editing !== "new"
            ? () => {
                setStatus(null);
                setEditing("new");
              }
            : undefined
        }
        readOnly={canEdit ? undefined : t("goals.readOnly")}
        status={status}
        testIdPrefix="goal"
      />
      {editing === "new" ? <Card className="p-3 sm:p-4">{form(null)}</Card> : null}
      {goals.length === 0 && editing !== "new" ? (
        <EmptyState
          testId="goals-empty"
          title={t("goals.empty.title")}
          body={t("goals.empty.body")}
          action={canEdit ? <Button onClick={() => setEditing("new")}>+ {t("goals.add")}</Button> : null}
        />
      ) : goals.length ? (
        <div className="space-y-5">
          {group("macro")}
          {group("micro")}
        </div>
      ) : null}
    </div>
  );
}

/** What a goal counts, in one line: the event, the page pattern and the property equalities. */
function GoalMatch({ match }: { match: StepMatch }) {
  const { t } = useI18n();
  const where = Object.entries(match.where ?? {});
  return (
    <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-500" data-testid="goal-match">
      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800" data-testid="goal-event">
        {match.event}
      </code>
      <span>{t("goals.match.path")}</span>
      {match.path ? (
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800" data-testid="goal-path">
          {match.path}
        </code>
      ) : (
        <span>{t("goals.match.anyPath")}</span>
      )}
      {where.map(([k, v]) => (
        <code
          key={k}
          className="rounded bg-brand-50 px-1.5 py-0.5 font-mono text-xs text-brand-700 ring-1 ring-inset ring-brand-200"
          data-testid="goal-where"
        >
          {k} = {String(v)}
        </code>
      ))}
    </div>
  );
}
