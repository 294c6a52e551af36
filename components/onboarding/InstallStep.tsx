"use client";

import { useState, useTransition } from "react";
import { finishOnboardingAction } from "@/app/(app)/projects/new/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";
import { snippetTag } from "@/components/settings/InstallCard";
import { actionErrorText } from "@/lib/action-result";

export function InstallStep({
  name,
  projectId,
  writeKey,
  origin,
  onDone,
}: {
  name: string;
  projectId: string;
  writeKey: string | null;
  origin: string;
  onDone: (id: string) => void;
}) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const key = writeKey ?? "WRITE_KEY";
  const [error, setError] = useState<string>();
  const finish = (demo: boolean) =>
    start(async () => {
      const r = await finishOnboardingAction(projectId, demo);
      if (!r.ok) return setError(actionErrorText(t, "onboarding", r.error));
      onDone(projectId);
    });
  return (
    <div className="space-y-5">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">{t("onboarding.install.heading", { name })}</h2>
        <p className="mt-1 text-sm text-slate-500">{t("onboarding.install.body")}</p>
      </div>
      <div>
        <p className="mb-2 text-sm text-slate-700">{t("onboarding.install.snippet")}</p>
        <CopyField value={snippetTag(origin, key)} label={t("onboarding.install.snippet")} multiline testId="onboarding-snippet" />
      </div>
      <div>
        <p className="mb-2 text-sm text-slate-700">{t("onboarding.install.server")}</p>
        <CopyField
          value={`curl ${origin}/v1/track -u ${key}: -H 'content-type: application/json' \\\n  -d '{"anonymousId":"a1","event":"signup"}'`}
          label={t("onboarding.install.server")}
          multiline
        />
      </div>
      <div className="flex flex-col gap-3 rounded-lg bg-slate-50 p-4 ring-1 ring-inset ring-slate-200 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600 sm:max-w-md">{t("onboarding.install.demoHint")}</p>
        <div className="flex shrink-0 gap-2">
          <Button variant="secondary" disabled={pending} onClick={() => finish(false)} data-testid="onboarding-skip">
            {t("onboarding.install.skip")}
          </Button>
          <Button disabled={pending} onClick={() => finish(true)} data-testid="load-demo">
            {pending ? t("onboarding.install.demoLoading") : t("onboarding.install.demo")}
          </Button>
        </div>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600" data-testid="onboarding-finish-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
