"use client";

import type { OnboardingDraft } from "@/lib/onboarding/draft";
import { useI18n } from "@/components/i18n/I18nProvider";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";

export function SiteStep({
  draft,
  onChange,
  errors,
  onNext,
}: {
  draft: OnboardingDraft;
  onChange: (d: OnboardingDraft) => void;
  errors: Record<string, string>;
  onNext: () => void;
}) {
  const { t } = useI18n();
  return (
    <form
      className="space-y-5"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onNext();
      }}
    >
      <h2 className="text-lg font-semibold text-slate-900">{t("onboarding.site.heading")}</h2>
      <TextField
        label={t("onboarding.site.name")}
        name="name"
        hint={t("onboarding.site.nameHint")}
        value={draft.name}
        error={errors.name}
        autoFocus
        onChange={(e) => onChange({ ...draft, name: e.target.value })}
      />
      <TextField
        label={t("onboarding.site.url")}
        name="siteUrl"
        type="url"
        placeholder="https://"
        hint={t("onboarding.site.urlHint")}
        value={draft.siteUrl}
        error={errors.siteUrl}
        onChange={(e) => onChange({ ...draft, siteUrl: e.target.value })}
      />
      <div className="flex justify-end">
        <Button type="submit">{t("common.next")}</Button>
      </div>
    </form>
  );
}
