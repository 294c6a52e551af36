"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { unlockShareAction } from "@/app/share/[token]/actions";
import { unlockDashboardShareAction } from "@/app/share/dashboard/[token]/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";

/** The password a protected link asks for, a report's or a dashboard's (attempts are limited per link and address). */
export function SharePasswordForm({ token, kind = "report" }: { token: string; kind?: "report" | "dashboard" }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <Card className="mx-auto max-w-md p-6">
      <h1 className="text-lg font-semibold text-slate-900">{t("share.passwordTitle")}</h1>
      <p className="mt-1 text-sm text-slate-500">{t("share.passwordBody")}</p>
      <form
        className="mt-5 space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const password = String(new FormData(e.currentTarget).get("password") ?? "");
          start(async () => {
            const r = await (kind === "dashboard" ? unlockDashboardShareAction : unlockShareAction)(token, password);
            if (r.error) return setError(t(r.error === "limited" ? "share.passwordLimited" : "share.passwordWrong"));
            router.refresh();
          });
        }}
      >
        <TextField label={t("share.passwordField")} name="password" type="password" autoComplete="off" required error={error} />
        <Button type="submit" disabled={pending} className="w-full">
          {t("share.passwordSubmit")}
        </Button>
      </form>
    </Card>
  );
}
