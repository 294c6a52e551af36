"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { confirmEmailChangeAction } from "@/app/(auth)/account-actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { FormMessage } from "./FormMessage";
import { accountRefusal } from "./refusal-text";

/**
 * Confirms a new address with a button, not on opening the link: mail scanners that open links
 * must not change anyone's address. `change` is null when the link no longer works.
 */
export function ConfirmEmailForm({
  token,
  change,
  signedIn,
}: {
  token: string;
  change: { old: string; new: string } | null;
  signedIn: boolean;
}) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<string>();
  const [expired, setExpired] = useState(change === null);
  return (
    <Card className="w-full max-w-md p-6 sm:p-8">
      <h1 className="text-xl font-semibold text-slate-900">{t("account.confirmEmail.title")}</h1>
      <div className="mt-4 space-y-4">
        {done ? (
          <>
            <FormMessage tone="success" testId="email-confirmed">
              {t("account.confirmEmail.done", { email: done })}
            </FormMessage>
            <Link href={signedIn ? "/account" : "/login"} className="text-sm font-medium text-brand-700 hover:underline">
              {signedIn ? t("account.confirmEmail.toAccount") : t("account.confirmEmail.toLogin")}
            </Link>
          </>
        ) : expired || !change ? (
          <FormMessage tone="error" testId="email-link-invalid">
            {t("account.confirmEmail.invalid")}
          </FormMessage>
        ) : (
          <>
            <p className="text-sm text-slate-700">{t("account.confirmEmail.body", { old: change.old, new: change.new })}</p>
            {error ? <FormMessage tone="error">{error}</FormMessage> : null}
            <Button
              type="button"
              className="w-full"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const r = await confirmEmailChangeAction(token);
                  if (r.ok) return setDone(r.data?.email);
                  if (r.error.code === "not_found") return setExpired(true);
                  const texts = accountRefusal(t, r.error);
                  setError(r.error.fieldErrors?.newEmail ? t("account.errors.emailTaken") : texts.form);
                })
              }
            >
              {t("account.confirmEmail.submit")}
            </Button>
          </>
        )}
      </div>
    </Card>
  );
}
