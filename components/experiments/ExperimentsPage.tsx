"use client";

import { ListPageHeader } from "@/components/ui/ListPageHeader";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteExperimentAction } from "@/app/(app)/projects/[projectId]/experiments/actions";
import { actionErrorText } from "@/lib/action-result";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { EditDeleteButtons } from "@/components/ui/EditDeleteButtons";
import { ExperimentForm } from "./ExperimentForm";
import { ReadoutCard } from "./ReadoutCard";
import { TestPlanner } from "./TestPlanner";
import type { ExperimentView, Option, PlannerTraffic } from "./types";

type Props = {
  projectId: string;
  canEdit: boolean;
  goals: Option[];
  funnels: Option[];
  traffic: PlannerTraffic;
  results: ExperimentView[];
};

/** The project's A/B tests with their readouts, an editor for admins, and the test-duration planner. */
export function ExperimentsPage({ projectId, canEdit, goals, funnels, traffic, results }: Props) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  const done = (saved: boolean) => {
    setEditing(null);
    if (saved) {
      setStatus({ tone: "ok", text: t("experiments.saved") });
      router.refresh();
    }
  };
  const remove = (e: ExperimentView["experiment"]) => {
    if (!window.confirm(t("experiments.deleteConfirm", { name: e.name }))) return;
    start(async () => {
      const r = await deleteExperimentAction(projectId, e.id);
      if (!r.ok) return setStatus({ tone: "error", text: actionErrorText(t, "experiments", r.error) });
      setStatus({ tone: "ok", text: t("experiments.deleted") });
      router.refresh();
    });
  };
  const form = (e: ExperimentView["experiment"] | null) => (
    <ExperimentForm key={e?.id ?? "new"} projectId={projectId} experiment={e} goals={goals} funnels={funnels} onDone={done} />
  );
  const targetName = (e: ExperimentView["experiment"]) =>
    e.goalId
      ? t("experiments.meta.goal", { name: goals.find((g) => g.id === e.goalId)?.name ?? "?" })
      : t("experiments.meta.funnel", { name: funnels.find((fu) => fu.id === e.funnelId)?.name ?? "?" });

  return (
    <div className="space-y-5" data-testid="experiments-page">
      <ListPageHeader
        title={t("experiments.title")}
        intro={t("experiments.intro")}
        addLabel={t("experiments.add")}
        onAdd={
          canEdit && editing !== "new"
            ? () => {
                setStatus(null);
                setEditing("new");
              }
            : undefined
        }
        readOnly={canEdit ? undefined : t("experiments.readOnly")}
        status={status}
        testIdPrefix="experiment"
      />
      {editing === "new" ? <Card className="p-3 sm:p-4">{form(null)}</Card> : null}
      {results.length === 0 && editing !== "new" ? (
        <EmptyState
          testId="experiments-empty"
          title={t("experiments.empty.title")}
          body={t("experiments.empty.body")}
          action={canEdit ? <Button onClick={() => setEditing("new")}>+ {t("experiments.add")}</Button> : null}
        />
      ) : null}
      {results.map((r) => {
        const e = r.experiment;
        return (
          <Card key={e.id} data-testid="experiment" data-experiment-name={e.name}>
            {editing === e.id ? (
              <div className="p-3 sm:p-4">{form(e)}</div>
            ) : (
              <>
                <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
                  <div className="min-w-0">
                    <h3 className="text-base font-semibold text-slate-900" data-testid="experiment-name">
                      {e.name}
                    </h3>
                    <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-500">
                      <span>
                        {t("experiments.meta.property", {
                          source: t(e.source === "event" ? "experiments.meta.sourceEvent" : "experiments.meta.sourceTrait"),
                          property: "",
                        })}
                        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{e.property}</code>
                      </span>
                      <span aria-hidden>·</span>
                      <span>{targetName(e)}</span>
                      <span aria-hidden>·</span>
                      <span>{t("experiments.meta.since", { date: f.date(`${e.startDate}T12:00:00Z`) })}</span>
                      <Badge tone="brand">{t("experiments.meta.minimumUplift", { uplift: f.percent(e.minimumUplift) })}</Badge>
                    </p>
                  </div>
                  {canEdit ? (
                    <div className="flex shrink-0 items-center gap-1">
                      <EditDeleteButtons
                        testIdPrefix="experiment"
                        editText={t("experiments.edit")}
                        editLabel={t("experiments.editLabel", { name: e.name })}
                        deleteText={t("experiments.delete")}
                        deleteLabel={t("experiments.deleteLabel", { name: e.name })}
                        disabled={pending}
                        onEdit={() => {
                          setStatus(null);
                          setEditing(e.id);
                        }}
                        onDelete={() => remove(e)}
                      />
                    </div>
                  ) : null}
                </div>
                <ReadoutCard result={r} />
              </>
            )}
          </Card>
        );
      })}
      <TestPlanner traffic={traffic} />
    </div>
  );
}
