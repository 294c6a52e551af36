"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteProjectAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { refusalTexts } from "@/lib/action-result";

/** The danger zone: deleting the project once its name is typed; then the project list. Admins and owners only. */
export function DeleteProjectCard({ projectId, name }: { projectId: string; name: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const matches = typed.trim() === name.trim();

  const submit = () => {
    start(async () => {
      // On success the action redirects to the project list; this is the fallback should it answer instead.
      const result = (await deleteProjectAction(projectId, typed)) as Awaited<ReturnType<typeof deleteProjectAction>> | undefined;
      if (result && !result.ok) return setErrors(refusalTexts(t, "project.settings", result.error, ["confirmName"]));
      router.push("/projects");
    });
  };

  return (
    <Card className="ring-red-200">
      <CardHeader
        title={<span className="text-red-700">{t("project.settings.deleteTitle")}</span>}
        description={t("project.settings.deleteBody")}
      />
      <form
        className="space-y-4 p-5"
        data-testid="delete-project"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <TextField
          label={t("project.settings.deleteConfirmLabel", { name })}
          name="confirmName"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          error={errors.confirmName}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="danger" disabled={!matches || pending} data-testid="delete-project-button">
            {pending ? t("project.settings.deleting") : t("project.settings.deleteButton")}
          </Button>
          {errors.form ? (
            <p role="alert" className="text-sm text-red-700">
              {errors.form}
            </p>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
