"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { updateProjectAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { TextField, inputClass } from "@/components/ui/Field";
import { cx } from "@/components/ui/cx";
import { refusalTexts } from "@/lib/action-result";

const FIELDS = ["name", "siteUrl", "timeZone"] as const;

/** Name, site and time zone of a project; admins edit, viewers read. */
export function ProjectDetailsCard({
  projectId,
  name,
  siteUrl,
  timeZone,
  timeZones,
  canEdit,
}: {
  projectId: string;
  name: string;
  siteUrl: string | null;
  timeZone: string;
  timeZones: string[];
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const submit = (form: FormData) => {
    setMessage(null);
    start(async () => {
      const result = await updateProjectAction(projectId, {
        name: String(form.get("name") ?? ""),
        siteUrl: String(form.get("siteUrl") ?? ""),
        timeZone: String(form.get("timeZone") ?? ""),
      });
      if (!result.ok) return setErrors(refusalTexts(t, "project.settings", result.error, FIELDS));
      setErrors({});
      setMessage(t("project.settings.saved"));
      router.refresh();
    });
  };

  return (
    <Card>
      <CardHeader title={t("project.settings.detailsTitle")} description={t("project.settings.detailsBody")} />
      {/* onSubmit, not a form action: React resets a form after its action, which would throw away what was typed when a field is refused. */}
      <form
        className="space-y-4 p-5"
        data-testid="project-details"
        onSubmit={(e) => {
          e.preventDefault();
          submit(new FormData(e.currentTarget));
        }}
      >
        <fieldset disabled={!canEdit || pending} className="space-y-4">
          <TextField label={t("project.settings.name")} name="name" defaultValue={name} required maxLength={100} error={errors.name} />
          <TextField
            label={t("project.settings.siteUrl")}
            name="siteUrl"
            type="url"
            inputMode="url"
            defaultValue={siteUrl ?? ""}
            hint={t("project.settings.siteUrlHint")}
            error={errors.siteUrl}
          />
          <div>
            <label htmlFor="project-time-zone" className="block text-sm font-medium text-slate-700">
              {t("project.settings.timeZone")}
            </label>
            <select
              id="project-time-zone"
              name="timeZone"
              defaultValue={timeZone}
              aria-invalid={errors.timeZone ? true : undefined}
              aria-describedby="project-time-zone-hint"
              className={cx(inputClass, "mt-1.5")}
            >
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </select>
            <p id="project-time-zone-hint" className={cx("mt-1.5 text-sm", errors.timeZone ? "text-red-600" : "text-slate-500")}>
              {errors.timeZone ?? t("project.settings.timeZoneHint")}
            </p>
          </div>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          {canEdit ? (
            <Button type="submit" disabled={pending} data-testid="save-project">
              {pending ? t("project.settings.saving") : t("project.settings.save")}
            </Button>
          ) : (
            <p className="text-sm text-slate-500">{t("project.settings.detailsAdminOnly")}</p>
          )}
          <p role="status" className="text-sm text-slate-600" data-testid="project-details-message">
            {errors.form ?? message ?? ""}
          </p>
        </div>
      </form>
    </Card>
  );
}
