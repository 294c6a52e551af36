"use client";

import Link from "next/link";
import { useActionState } from "react";
import { loginAction, type FormState } from "@/app/(auth)/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { LOGIN_WINDOW_MINUTES } from "@/lib/auth/limits";
import { TwoFactorLoginStep } from "@/components/account/TwoFactorLoginStep";
import { FormMessage } from "@/components/account/FormMessage";

/** What the login page says above the form after a reset or a deleted account (from `?reset=1`, `?deleted=1`). */
export type LoginNotice = "reset" | "deleted";

export function LoginForm({ next, notice }: { next?: string; notice?: LoginNotice }) {
  const { t } = useI18n();
  const [state, action, pending] = useActionState<FormState, FormData>(loginAction, {});
  const formError = state.errors?.form;
  if (state.twoFactor)
    return (
      <Card className="w-full max-w-md p-6 sm:p-8">
        <TwoFactorLoginStep action={action} pending={pending} next={state.values?.next || next} error={state.errors?.code} />
      </Card>
    );
  return (
    <Card className="w-full max-w-md p-6 sm:p-8">
      <h1 className="text-xl font-semibold text-slate-900">{t("auth.login.title")}</h1>
      <p className="mt-1 text-sm text-slate-500">{t("auth.login.subtitle")}</p>
      <form action={action} className="mt-6 space-y-4" noValidate>
        {next ? <input type="hidden" name="next" value={next} /> : null}
        {notice && !formError ? (
          <FormMessage tone="success" testId="login-notice">
            {notice === "reset" ? t("account.reset.done") : t("account.delete.done")}
          </FormMessage>
        ) : null}
        {formError ? (
          <p data-testid="login-error" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-inset ring-red-200">
            {formError === "rateLimited"
              ? t("auth.login.rateLimited", { count: LOGIN_WINDOW_MINUTES })
              : formError === "challengeExpired"
                ? t("account.login.expired")
                : t("auth.login.invalid")}
          </p>
        ) : null}
        <TextField
          label={t("auth.fields.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
        />
        <TextField label={t("auth.fields.password")} name="password" type="password" autoComplete="current-password" required />
        <p className="-mt-2 text-right text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
            {t("account.forgot.link")}
          </Link>
        </p>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? t("auth.login.submitting") : t("auth.login.submit")}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-500">
        {t("auth.login.noAccount")}{" "}
        <Link href={next ? `/signup?next=${encodeURIComponent(next)}` : "/signup"} className="font-medium text-brand-700 hover:underline">
          {t("auth.login.signupLink")}
        </Link>
      </p>
    </Card>
  );
}
