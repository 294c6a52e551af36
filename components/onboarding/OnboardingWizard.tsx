"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { OnboardingDraft } from "@/lib/onboarding/draft";
import { saveDraftAction, createProjectAction, restartOnboardingAction } from "@/app/(app)/projects/new/actions";
import { TEMPLATES } from "@/lib/templates";
import type { Sector } from "@/lib/sectors";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { refusalTexts } from "@/lib/action-result";
import { SiteStep } from "./SiteStep";
import { SectorStep } from "./SectorStep";
import { ReviewStep } from "./ReviewStep";
import { InstallStep } from "./InstallStep";

const ORDER = ["site", "sector", "review", "install"] as const;
const EMPTY: OnboardingDraft = { step: "site", name: "", siteUrl: "", funnelName: "", steps: [], goals: [] };

export function OnboardingWizard({
  initial,
  writeKey: initialKey,
  origin,
}: {
  initial: OnboardingDraft | null;
  writeKey: string | null;
  origin: string;
}) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [draft, setDraft] = useState<OnboardingDraft>(initial ?? EMPTY);
  const [writeKey, setWriteKey] = useState(initialKey);
  // Only in memory, never in the draft: the read key is shown once, right after the project is made.
  const [readKey, setReadKey] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  const index = ORDER.indexOf(draft.step);

  const go = (next: OnboardingDraft) => {
    setDraft(next);
    setErrors({});
    start(async () => {
      await saveDraftAction(next);
    });
  };

  const pickSector = (sector: Sector) => {
    const tpl = TEMPLATES[sector];
    // A new sector brings its template; going back to the same sector keeps the edits.
    if (sector === draft.sector && draft.steps.length) return setDraft({ ...draft, sector });
    setDraft({
      ...draft,
      sector,
      funnelName: tpl.funnel.name[locale],
      windowSeconds: tpl.funnel.windowSeconds,
      steps: tpl.funnel.steps.map(({ label, ...m }) => ({ ...m, label: label[locale] })),
      goals: tpl.goals.map((g) => ({
        key: g.key,
        name: g.name[locale],
        kind: g.kind,
        match: g.match,
        revenue: Boolean(g.revenue),
        enabled: true,
      })),
    });
  };

  const create = () =>
    start(async () => {
      const r = await createProjectAction(draft);
      if (!r.ok || !r.data)
        return setErrors(r.ok ? {} : refusalTexts(t, "onboarding", r.error, ["name", "siteUrl", "sector", "steps", "goals"]));
      setWriteKey(r.data.writeKey);
      setReadKey(r.data.readKey);
      setDraft({ ...draft, step: "install", projectId: r.data.projectId });
      setErrors({});
    });

  return (
    <div className="mx-auto max-w-3xl">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("onboarding.title")}</h1>
          <p className="mt-1 text-sm text-slate-500">{t("onboarding.progress", { current: index + 1, total: ORDER.length })}</p>
        </div>
        {initial && initial.step !== "site" && draft.step !== "install" ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() =>
              start(async () => {
                await restartOnboardingAction();
                setDraft(EMPTY);
              })
            }
          >
            {t("onboarding.restart")}
          </Button>
        ) : null}
      </div>
      <ol className="mb-6 grid grid-cols-4 gap-2" aria-label={t("onboarding.title")}>
        {ORDER.map((s, i) => (
          <li key={s} aria-current={i === index ? "step" : undefined}>
            <div className={`h-1.5 rounded-full ${i <= index ? "bg-brand-600" : "bg-slate-200"}`} />
            <span className={`mt-2 block text-xs font-medium ${i === index ? "text-brand-700" : "text-slate-500"}`}>
              {t(`onboarding.steps.${s}`)}
            </span>
          </li>
        ))}
      </ol>
      {initial && initial.step !== "site" && index === ORDER.indexOf(initial.step) ? (
        <p className="mb-4 rounded-lg bg-brand-50 px-4 py-2 text-sm text-brand-800" data-testid="onboarding-resumed">
          {t("onboarding.resumed")}
        </p>
      ) : null}
      <Card className="p-5 sm:p-8">
        {draft.step === "site" ? (
          <SiteStep
            draft={draft}
            onChange={setDraft}
            errors={errors}
            onNext={() => {
              if (!draft.name.trim()) return setErrors({ name: locale === "nl" ? "Geef het project een naam." : "Enter a project name." });
              if (draft.siteUrl.trim() && !/^https?:\/\/\S+\.\S+|^https?:\/\/localhost/i.test(draft.siteUrl.trim())) {
                return setErrors({
                  siteUrl:
                    locale === "nl"
                      ? "Vul het adres van de site in, zoals https://www.voorbeeld.nl."
                      : "Enter the site's address, like https://www.example.nl.",
                });
              }
              go({ ...draft, step: "sector" });
            }}
          />
        ) : draft.step === "sector" ? (
          <SectorStep
            value={draft.sector}
            onPick={pickSector}
            error={errors.sector}
            onBack={() => go({ ...draft, step: "site" })}
            onNext={() => (draft.sector ? go({ ...draft, step: "review" }) : setErrors({ sector: t("onboarding.sector.required") }))}
          />
        ) : draft.step === "review" ? (
          <ReviewStep
            draft={draft}
            onChange={setDraft}
            errors={errors}
            pending={pending}
            onBack={() => go({ ...draft, step: "sector" })}
            onCreate={create}
          />
        ) : (
          <InstallStep
            draft={draft}
            projectId={draft.projectId!}
            writeKey={writeKey}
            readKey={readKey}
            origin={origin}
            onDone={(id) => router.push(`/projects/${id}`)}
          />
        )}
      </Card>
    </div>
  );
}
