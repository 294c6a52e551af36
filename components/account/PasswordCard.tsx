"use client";

import { useState, useTransition } from "react";
import { changePasswordAction } from "@/app/(app)/account/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { FormMessage } from "./FormMessage";
import { accountRefusal } from "./refusal-text";

export function PasswordCard() {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  return (
    <Card>
      <CardHeader title={t("account.password.title")} />
      <form
        className="space-y-4 p-5"
        noValidate
        data-testid="password-form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = new FormData(form);
          start(async () => {
            const r = await changePasswordAction(String(data.get("currentPassword")), String(data.get("newPassword")));
            setDone(r.ok);
            setErrors(r.ok ? {} : accountRefusal(t, r.error));
            if (r.ok) form.reset();
          });
        }}
      >
        {errors.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}
        <TextField
          label={t("account.password.currentPassword")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <TextField
          label={t("account.password.newPassword")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint={t("account.password.hint")}
          error={errors.newPassword}
        />
        <Button type="submit" disabled={pending}>
          {t("account.password.submit")}
        </Button>
        {done ? (
          <FormMessage tone="success" testId="password-changed">
            {t("account.password.changed")}
          </FormMessage>
        ) : null}
      </form>
    </Card>
  );
}
