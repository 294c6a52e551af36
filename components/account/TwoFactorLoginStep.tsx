"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";

/** The login form's second step: the code from the authenticator app, or a recovery code. */
export function TwoFactorLoginStep({
  action,
  pending,
  next,
  error,
}: {
  action: (form: FormData) => void;
  pending: boolean;
  next?: string;
  error?: "codeInvalid" | "codeLimited" | string;
}) {
  const { t } = useI18n();
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("account.login.title")}</h1>
      <p className="mt-1 text-sm text-slate-500">{t("account.login.intro")}</p>
      <form action={action} className="mt-6 space-y-4" noValidate data-testid="totp-login">
        <input type="hidden" name="step" value="code" />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField
          label={t("account.login.code")}
          name="code"
          autoComplete="one-time-code"
          inputMode="text"
          autoFocus
          required
          maxLength={20}
          error={error ? (error === "codeLimited" ? t("account.login.limited") : t("account.login.invalid")) : undefined}
        />
        <Button type="submit" className="w-full" disabled={pending}>
          {t("account.login.submit")}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm">
        {/* A fresh page: the login form's state (and its pending challenge) starts over. */}
        <button type="button" onClick={() => window.location.reload()} className="font-medium text-brand-700 hover:underline">
          {t("account.login.back")}
        </button>
      </p>
    </>
  );
}
