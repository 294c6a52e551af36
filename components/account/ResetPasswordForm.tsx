"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { resetPasswordAction } from "@/app/(auth)/account-actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { FormMessage } from "./FormMessage";
import { accountRefusal } from "./refusal-text";

/** The new password for a reset link; `email` is null when the link no longer works. */
export function ResetPasswordForm({ token, email }: { token: string; email: string | null }) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [expired, setExpired] = useState(email === null);
  return (
    <Card className="w-full max-w-md p-6 sm:p-8">
      <h1 className="text-xl font-semibold text-slate-900">{t("account.reset.title")}</h1>
      {expired ? (
        <div className="mt-4 space-y-4">
          <FormMessage tone="error" testId="reset-invalid">
            {t("account.reset.invalid")}
          </FormMessage>
          <Link href="/forgot-password" className="text-sm font-medium text-brand-700 hover:underline">
            {t("account.reset.requestNew")}
          </Link>
        </div>
      ) : (
        <form
          className="mt-4 space-y-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const password = String(new FormData(e.currentTarget).get("password"));
            start(async () => {
              const r = await resetPasswordAction(token, password);
              if (r.ok) return;
              if (r.error.code === "not_found") return setExpired(true);
              setErrors(accountRefusal(t, r.error));
            });
          }}
        >
          <p className="text-sm text-slate-600">{t("account.reset.for", { email: email ?? "" })}</p>
          {errors.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}
          <TextField
            label={t("account.reset.newPassword")}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint={t("account.password.hint")}
            error={errors.password}
          />
          <Button type="submit" className="w-full" disabled={pending}>
            {t("account.reset.submit")}
          </Button>
        </form>
      )}
    </Card>
  );
}
