"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createAnnotationAction, deleteAnnotationAction } from "@/app/(app)/projects/[projectId]/dashboards/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { actionErrorText, fieldErrorText } from "@/lib/action-result";
import { formatPlainDay } from "@/lib/share-lock";
import { ANNOTATION_NOTE_MAX, type Annotation } from "@/lib/annotations/types";

/**
 * The project's annotations: a day or a run of days with a note, drawn on every trend chart of the
 * project, its dashboards and its shared reports. Admins add and delete them; everyone reads them.
 */
export function AnnotationsCard({ projectId, annotations, canEdit }: { projectId: string; annotations: Annotation[]; canEdit: boolean }) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const days = (a: Annotation) =>
    a.from === a.to ? formatPlainDay(f, a.from) : `${formatPlainDay(f, a.from)} – ${formatPlainDay(f, a.to)}`;

  const add = () =>
    start(async () => {
      const r = await createAnnotationAction(projectId, { from, to: to || undefined, note });
      if (!r.ok) {
        const out: Record<string, string> = {};
        for (const [key, code] of Object.entries(r.error.fieldErrors ?? {}))
          out[key] ??= fieldErrorText(t, "dashboards.annotations", key, code);
        if (!Object.keys(out).length) out.form = actionErrorText(t, "dashboards", r.error);
        return setErrors(out);
      }
      setErrors({});
      setNote("");
      setFrom("");
      setTo("");
      router.refresh();
    });

  return (
    <Card>
      <CardHeader title={t("dashboards.annotations.title")} description={t("dashboards.annotations.body")} />
      <div className="space-y-5 p-5">
        {canEdit ? (
          <form
            className="grid gap-3 sm:grid-cols-[auto_auto_minmax(0,1fr)_auto] sm:items-start"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              add();
            }}
            data-testid="annotation-form"
          >
            <TextField
              label={t("dashboards.annotations.from")}
              name="from"
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              error={errors.from}
              data-testid="annotation-from"
            />
            <TextField
              label={t("dashboards.annotations.to")}
              name="to"
              type="date"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              error={errors.to}
              hint={t("dashboards.annotations.toHint")}
              data-testid="annotation-to"
            />
            <TextField
              label={t("dashboards.annotations.note")}
              name="note"
              value={note}
              maxLength={ANNOTATION_NOTE_MAX}
              placeholder={t("dashboards.annotations.placeholder")}
              onChange={(e) => setNote(e.target.value)}
              error={errors.note}
              data-testid="annotation-note"
            />
            <Button type="submit" disabled={pending} className="sm:mt-7" data-testid="annotation-add">
              {t("dashboards.annotations.add")}
            </Button>
            {errors.form ? <p className="text-sm text-red-600 sm:col-span-4">{errors.form}</p> : null}
          </form>
        ) : null}
        {annotations.length ? (
          <ul className="divide-y divide-slate-100" data-testid="annotation-list">
            {annotations.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm" data-testid="annotation">
                <span className="min-w-0 break-words">
                  <span className="font-medium text-slate-800">{days(a)}</span>
                  <span className="text-slate-600"> · {a.note}</span>
                </span>
                {canEdit ? (
                  <button
                    type="button"
                    className="text-xs font-medium text-red-700 hover:underline"
                    disabled={pending}
                    aria-label={t("dashboards.annotations.deleteLabel", { note: a.note })}
                    onClick={() =>
                      start(async () => {
                        const r = await deleteAnnotationAction(projectId, a.id);
                        if (!r.ok) setErrors({ form: actionErrorText(t, "dashboards", r.error) });
                        router.refresh();
                      })
                    }
                    data-testid="annotation-delete"
                  >
                    {t("dashboards.annotations.delete")}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">{t("dashboards.annotations.none")}</p>
        )}
      </div>
    </Card>
  );
}
