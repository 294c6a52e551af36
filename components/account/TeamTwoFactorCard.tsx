"use client";

import { useState, useTransition } from "react";
import { setTeamTwoFactorAction } from "@/app/(app)/account/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { FormMessage } from "./FormMessage";
import { accountRefusal } from "./refusal-text";

/** For the team's owners, on the Team page: require two-factor sign-in of every member, or stop requiring it. */
export function TeamTwoFactorCard({ team, required }: { team: string; required: boolean }) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <Card data-testid="team-two-factor">
      <CardHeader title={t("account.team.title")} description={t("account.team.body", { team })} />
      <div className="space-y-3 p-5">
        <p className="text-sm text-slate-700" data-testid="team-two-factor-state">
          {required ? t("account.team.required", { team }) : t("account.team.notRequired")}
        </p>
        {error ? <FormMessage tone="error">{error}</FormMessage> : null}
        <Button
          type="button"
          variant={required ? "secondary" : "primary"}
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await setTeamTwoFactorAction(!required);
              setError(r.ok ? undefined : accountRefusal(t, r.error, { conflict: t("account.team.needOwn") }).form);
            })
          }
        >
          {required ? t("account.team.stop") : t("account.team.require")}
        </Button>
      </div>
    </Card>
  );
}
