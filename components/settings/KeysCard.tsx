"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { rotateReadKeyAction, rotateWriteKeyAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";
import { actionErrorText } from "@/lib/action-result";

export function KeysCard({
  projectId,
  writeKey,
  readKeyPrefix,
  canRotate,
}: {
  projectId: string;
  writeKey: string | null;
  readKeyPrefix: string;
  canRotate: boolean;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [newReadKey, setNewReadKey] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const rotate = (which: "write" | "read") => {
    if (!window.confirm(t(which === "write" ? "project.settings.rotateWriteConfirm" : "project.settings.rotateReadConfirm"))) return;
    start(async () => {
      const result = which === "write" ? await rotateWriteKeyAction(projectId) : await rotateReadKeyAction(projectId);
      if (!result.ok || !result.data)
        return setMessage(
          result.ok || result.error.code === "forbidden"
            ? t("project.settings.adminOnly")
            : actionErrorText(t, "project.settings", result.error),
        );
      if (which === "read") setNewReadKey(result.data.key);
      setMessage(t("project.settings.rotated"));
      router.refresh();
    });
  };

  return (
    <Card>
      <CardHeader title={t("project.settings.keysTitle")} description={t("project.settings.keysBody")} />
      <div className="space-y-5 p-5">
        <div>
          <div className="mb-1.5 flex items-center justify-between">
            <span className="text-sm font-medium text-slate-700">{t("project.settings.writeKey")}</span>
            {canRotate ? (
              <Button size="sm" variant="secondary" disabled={pending} onClick={() => rotate("write")} data-testid="rotate-write">
                {t("project.settings.rotate")}
              </Button>
            ) : null}
          </div>
          {writeKey ? (
            <CopyField value={writeKey} label={t("project.settings.writeKey")} testId="write-key" />
          ) : (
            <p className="text-sm text-amber-700">{t("project.settings.writeKeyUnavailable")}</p>
          )}
        </div>
        <div>
          <div className="mb-1.5 flex items-center justify-between">
            <span className="text-sm font-medium text-slate-700">{t("project.settings.readKey")}</span>
            {canRotate ? (
              <Button size="sm" variant="secondary" disabled={pending} onClick={() => rotate("read")} data-testid="rotate-read">
                {t("project.settings.rotate")}
              </Button>
            ) : null}
          </div>
          {newReadKey ? (
            <div className="space-y-2">
              <CopyField value={newReadKey} label={t("project.settings.readKey")} testId="read-key" />
              <p className="text-sm text-amber-700">{t("project.settings.newReadKey")}</p>
            </div>
          ) : (
            <p className="text-sm text-slate-500">{t("project.settings.readKeyHidden", { prefix: readKeyPrefix })}</p>
          )}
        </div>
        {!canRotate ? <p className="text-sm text-slate-500">{t("project.settings.adminOnly")}</p> : null}
        {message ? (
          <p role="status" className="text-sm text-slate-600" data-testid="keys-message">
            {message}
          </p>
        ) : null}
      </div>
    </Card>
  );
}
