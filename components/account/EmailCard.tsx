"use client";

import { useState, useTransition } from "react";
import { requestEmailChangeAction } from "@/app/(app)/account/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { FormMessage } from "./FormMessage";
import { accountRefusal } from "./refusal-text";

/** Changing the sign-in address: confirmed from a link sent to the new address (so only with a mail server). */
export function EmailCard({ email, mailOn }: { email: string; mailOn: boolean }) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string>();
  return (
    <Card>
      <CardHeader title={t("account.email.title")} description={t("account.email.current", { email })} />
      {mailOn ? (
        <form
          className="space-y-4 p-5"
          noValidate
          data-testid="email-form"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const data = new FormData(form);
            start(async () => {
              const r = await requestEmailChangeAction(String(data.get("newEmail")), String(data.get("currentPassword")));
              if (!r.ok) return (setSent(undefined), setErrors(accountRefusal(t, r.error)));
              if (r.data?.mailError)
                return (setSent(undefined), setErrors({ form: t("account.errors.mailFailed", { reason: r.data.mailError }) }));
              setErrors({});
              setSent(r.data?.email);
              form.reset();
            });
          }}
        >
          {errors.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}
          <TextField
            label={t("account.email.newEmail")}
            name="newEmail"
            type="email"
            autoComplete="email"
            required
            error={errors.newEmail}
          />
          <TextField
            label={t("account.email.currentPassword")}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={errors.currentPassword}
          />
          <Button type="submit" disabled={pending}>
            {t("account.email.submit")}
          </Button>
          {sent ? (
            <FormMessage tone="success" testId="email-sent">
              {t("account.email.sent", { email: sent })}
            </FormMessage>
          ) : null}
        </form>
      ) : (
        <p className="p-5 text-sm text-slate-600" data-testid="email-no-mail">
          {t("account.email.noMail")}
        </p>
      )}
    </Card>
  );
}
