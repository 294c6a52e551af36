"use client";

import { useState, useTransition } from "react";
import { saveDropInClaimsAction } from "@/app/(app)/projects/[projectId]/settings/dropin-actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";
import { TextField } from "@/components/ui/Field";
import { actionErrorText, firstFieldError } from "@/lib/action-result";

type Claims = { plausibleDomain: string | null; umamiWebsiteId: string | null };
const FIELDS = ["plausibleDomain", "umamiWebsiteId"] as const;

/** Claims the site domain (Plausible) and website id (Umami) whose tags send to this project, and shows each tag pointed here. */
export function DropInCard({
  projectId,
  origin,
  claims,
  canEdit,
}: {
  projectId: string;
  origin: string;
  claims: Claims;
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<Claims>(claims);
  const [plausibleDomain, setPlausibleDomain] = useState(claims.plausibleDomain ?? "");
  const [umamiWebsiteId, setUmamiWebsiteId] = useState(claims.umamiWebsiteId ?? "");
  const [errors, setErrors] = useState<Partial<Record<(typeof FIELDS)[number] | "form", string>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    start(async () => {
      const result = await saveDropInClaimsAction(projectId, { plausibleDomain, umamiWebsiteId });
      if (!result.ok) {
        const field = firstFieldError(result.error, FIELDS);
        if (field) return setErrors({ [field.field]: t(field.code === "taken" ? "dropin.errors.taken" : `dropin.errors.${field.field}`) });
        return setErrors({ form: actionErrorText(t, "dropin", result.error) });
      }
      setErrors({});
      if (result.data) {
        setSaved(result.data);
        setPlausibleDomain(result.data.plausibleDomain ?? "");
        setUmamiWebsiteId(result.data.umamiWebsiteId ?? "");
      }
      setNotice(t("dropin.saved"));
    });
  };

  return (
    <Card className="lg:col-span-2" data-testid="dropin-card">
      <CardHeader title={t("dropin.title")} description={t("dropin.body")} />
      <form onSubmit={submit} className="grid gap-5 p-5 md:grid-cols-2" noValidate>
        <div className="min-w-0 space-y-3">
          <TextField
            name="plausibleDomain"
            label={t("dropin.plausibleDomain")}
            hint={t("dropin.plausibleHint")}
            error={errors.plausibleDomain}
            value={plausibleDomain}
            onChange={(e) => setPlausibleDomain(e.target.value)}
            disabled={!canEdit}
            placeholder="example.nl"
            autoComplete="off"
            spellCheck={false}
          />
          {saved.plausibleDomain ? (
            <CopyField
              multiline
              label={t("dropin.plausibleTag")}
              testId="dropin-plausible-tag"
              value={`<script defer data-domain="${saved.plausibleDomain}" src="${origin}/js/script.js"></script>`}
            />
          ) : null}
        </div>
        <div className="min-w-0 space-y-3">
          <TextField
            name="umamiWebsiteId"
            label={t("dropin.umamiWebsiteId")}
            hint={t("dropin.umamiHint")}
            error={errors.umamiWebsiteId}
            value={umamiWebsiteId}
            onChange={(e) => setUmamiWebsiteId(e.target.value)}
            disabled={!canEdit}
            autoComplete="off"
            spellCheck={false}
          />
          {saved.umamiWebsiteId ? (
            <CopyField
              multiline
              label={t("dropin.umamiTag")}
              testId="dropin-umami-tag"
              value={`<script defer src="${origin}/script.js" data-website-id="${saved.umamiWebsiteId}"></script>`}
            />
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-3 md:col-span-2">
          {canEdit ? (
            <Button type="submit" disabled={pending} data-testid="dropin-save">
              {t("dropin.save")}
            </Button>
          ) : (
            <p className="text-sm text-slate-600">{t("dropin.adminOnly")}</p>
          )}
          <p role="status" className="text-sm text-slate-700">
            {notice}
          </p>
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
