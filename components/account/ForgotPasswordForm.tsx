"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { requestPasswordResetAction } from "@/app/(auth)/account-actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { FormMessage } from "./FormMessage";

/** Asks for a reset link; the answer is the same for every address. Without a mail server it says so instead. */
export function ForgotPasswordForm({ mailOn }: { mailOn: boolean }) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ field?: string; form?: string }>({});
  const [sent, setSent] = useState<string>();
  return (
    <Card className="w-full max-w-md p-6 sm:p-8">
      <h1 className="text-xl font-semibold text-slate-900">{t("account.forgot.title")}</h1>
      {mailOn ? (
        <form
          className="mt-6 space-y-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const email = String(new FormData(e.currentTarget).get("email"));
            start(async () => {
              const r = await requestPasswordResetAction(email);
              if (r.ok) return (setError({}), setSent(r.data?.email));
              setSent(undefined);
              if (r.error.fieldErrors?.email) setError({ field: t("account.errors.newEmail") });
              else
                setError({
                  form: r.error.code === "rate_limited" ? t("account.forgot.limited") : t(`common.actionErrors.${r.error.code}`),
                });
            });
          }}
        >
          <p className="text-sm text-slate-600">{t("account.forgot.intro")}</p>
          {error.form ? <FormMessage tone="error">{error.form}</FormMessage> : null}
          {sent ? (
            <FormMessage tone="success" testId="reset-sent">
              {t("account.forgot.sent", { email: sent })}
            </FormMessage>
          ) : null}
          <TextField label={t("auth.fields.email")} name="email" type="email" autoComplete="email" required error={error.field} />
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? t("account.forgot.submitting") : t("account.forgot.submit")}
          </Button>
        </form>
      ) : (
        <p className="mt-4 text-sm text-slate-700" data-testid="reset-no-mail">
          {t("account.forgot.noMail")}
        </p>
      )}
      <p className="mt-6 text-center text-sm">
        <Link href="/login" className="font-medium text-brand-700 hover:underline">
          {t("account.forgot.back")}
        </Link>
      </p>
    </Card>
  );
}
