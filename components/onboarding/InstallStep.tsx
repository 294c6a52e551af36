"use client";

import { useState, useTransition } from "react";
import { finishOnboardingAction } from "@/app/(app)/projects/new/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";
import { snippetTag } from "@/components/settings/InstallCard";
import { actionErrorText } from "@/lib/action-result";
import { neededEvents, trackLine } from "@/lib/onboarding/events";
import type { OnboardingDraft } from "@/lib/onboarding/draft";

type Finish = "demo" | "skip";

export function InstallStep({
  draft,
  projectId,
  writeKey,
  readKey,
  origin,
  onDone,
}: {
  draft: OnboardingDraft;
  projectId: string;
  writeKey: string | null;
  /** the read key in clear: only right after the project was made (it is stored as a hash), null after a reload */
  readKey: string | null;
  origin: string;
  onDone: (id: string) => void;
}) {
  const { t } = useI18n();
  const [, start] = useTransition();
  // Each button its own busy state: the one pressed says what is happening, the other only waits.
  const [busy, setBusy] = useState<Finish | null>(null);
  const key = writeKey ?? "WRITE_KEY";
  const [error, setError] = useState<string>();
  const events = neededEvents(draft.steps, draft.goals);
  const finish = (which: Finish) => {
    setBusy(which);
    setError(undefined);
    start(async () => {
      const r = await finishOnboardingAction(projectId, which === "demo");
      if (!r.ok) {
        setBusy(null);
        return setError(actionErrorText(t, "onboarding", r.error));
      }
      onDone(projectId);
    });
  };
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">{t("onboarding.install.heading", { name: draft.name })}</h2>
        <p className="mt-1 text-sm text-slate-500">{t("onboarding.install.body")}</p>
      </div>
      <section
        aria-labelledby="read-key-title"
        className="rounded-lg bg-amber-50 p-4 ring-1 ring-inset ring-amber-200"
        data-testid="read-key-panel"
      >
        <h3 id="read-key-title" className="text-sm font-semibold text-amber-950">
          {t("onboarding.install.readKeyTitle")}
        </h3>
        {readKey ? (
          <>
            <p className="mb-3 mt-1 text-sm text-amber-950">{t("onboarding.install.readKeyBody")}</p>
            <CopyField value={readKey} label={t("onboarding.install.readKeyTitle")} testId="onboarding-read-key" />
            <p className="mt-2 text-sm font-medium text-amber-950" role="note" data-testid="read-key-warning">
              {t("onboarding.install.readKeyWarning")}
            </p>
          </>
        ) : (
          <p className="mt-1 text-sm text-amber-950" data-testid="read-key-gone">
            {t("onboarding.install.readKeyGone")}
          </p>
        )}
      </section>
      <div>
        <p className="mb-2 text-sm text-slate-700">{t("onboarding.install.snippet")}</p>
        <CopyField value={snippetTag(origin, key)} label={t("onboarding.install.snippet")} multiline testId="onboarding-snippet" />
      </div>
      {events.length ? (
        <section aria-labelledby="needed-events-title">
          <h3 id="needed-events-title" className="text-sm font-semibold text-slate-900">
            {t("onboarding.install.eventsTitle")}
          </h3>
          <p className="mb-3 mt-0.5 text-sm text-slate-500">{t("onboarding.install.eventsBody", { count: events.length })}</p>
          <ul className="space-y-3" data-testid="needed-events">
            {events.map((e) => (
              <li key={e.event} data-testid="needed-event" data-event={e.event}>
                <code className="mb-1 block break-all font-mono text-xs font-semibold text-slate-800">{e.event}</code>
                <CopyField value={trackLine(e)} label={t("onboarding.install.eventLine", { event: e.event })} testId={`track-${e.event}`} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div>
        <p className="mb-2 text-sm text-slate-700">{t("onboarding.install.server")}</p>
        <CopyField
          value={`curl ${origin}/v1/track -u ${key}: -H 'content-type: application/json' \\\n  -d '{"anonymousId":"a1","event":"${events[0]?.event ?? "signup"}"}'`}
          label={t("onboarding.install.server")}
          multiline
        />
      </div>
      <div className="flex flex-col gap-3 rounded-lg bg-slate-50 p-4 ring-1 ring-inset ring-slate-200 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600 sm:max-w-md">{t("onboarding.install.demoHint")}</p>
        <div className="flex shrink-0 flex-wrap gap-2">
          <Button variant="secondary" disabled={busy !== null} onClick={() => finish("skip")} data-testid="onboarding-skip">
            {busy === "skip" ? t("onboarding.install.skipLoading") : t("onboarding.install.skip")}
          </Button>
          <Button disabled={busy !== null} onClick={() => finish("demo")} data-testid="load-demo">
            {busy === "demo" ? t("onboarding.install.demoLoading") : t("onboarding.install.demo")}
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
