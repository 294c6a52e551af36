"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setRetentionAction } from "@/app/(app)/projects/[projectId]/settings/retention-actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { NumberInput } from "@/components/ui/NumberInput";
import { actionErrorText } from "@/lib/action-result";
import { RETENTION_MONTHS } from "@/lib/privacy/types";

/** A local day (YYYY-MM-DD) at noon UTC: the same calendar day in any time zone the formatter uses. */
const dayDate = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * How long the project keeps its events (db/retention.ts): admins set the months; everyone sees the
 * day before which events are deleted and when the hourly job last looked.
 */
export function RetentionCard({
  projectId,
  months,
  keptFrom,
  checkedAt,
  canEdit,
}: {
  projectId: string;
  months: number;
  /** the local day from which events are kept, at the current setting */
  keptFrom: string;
  checkedAt: string | null;
  canEdit: boolean;
}) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [value, setValue] = useState<number | null>(months);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | null>(null);

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(null);
    if (value === null) return setError(t("persons.retention.errors.months"));
    setError(undefined);
    start(async () => {
      const result = await setRetentionAction(projectId, value);
      if (!result.ok) {
        if (result.error.fieldErrors?.months) return setError(t("persons.retention.errors.months"));
        return setError(actionErrorText(t, "persons.retention", result.error));
      }
      setSaved(t("persons.retention.saved", { date: f.date(dayDate(result.data!.keptFrom)) }));
      router.refresh();
    });
  };

  return (
    <Card data-testid="retention-card">
      <CardHeader title={t("persons.retention.title")} description={t("persons.retention.body")} />
      <div className="space-y-4 p-5">
        {canEdit ? (
          <form onSubmit={save} className="flex flex-wrap items-start gap-3" noValidate>
            <NumberInput
              name="months"
              label={t("persons.retention.label")}
              value={value}
              onValueChange={setValue}
              integer
              min={RETENTION_MONTHS.min}
              max={RETENTION_MONTHS.max}
              required
              suffix={t("persons.retention.unit")}
              inputClassName="w-40"
              hint={t("persons.retention.hint")}
              error={error}
              className="min-w-0 flex-1"
              data-testid="retention-months"
            />
            <Button type="submit" disabled={pending} className="mt-7" data-testid="retention-save">
              {pending ? t("persons.retention.saving") : t("persons.retention.save")}
            </Button>
          </form>
        ) : (
          <p className="text-sm text-slate-700">
            {t("persons.retention.label")}: <strong>{f.number(months)}</strong> {t("persons.retention.unit")}.{" "}
            <span className="text-slate-500">{t("persons.retention.readOnly")}</span>
          </p>
        )}
        <div role="status" className="space-y-1 text-sm">
          {saved ? (
            <p className="text-emerald-700" data-testid="retention-saved">
              {saved}
            </p>
          ) : null}
          <p className="text-slate-600" data-testid="retention-horizon">
            {t("persons.retention.horizon", { date: f.date(dayDate(keptFrom)) })}{" "}
            {checkedAt ? t("persons.retention.lastCheck", { time: f.dateTime(checkedAt) }) : t("persons.retention.nothingYet")}
          </p>
        </div>
      </div>
    </Card>
  );
}
