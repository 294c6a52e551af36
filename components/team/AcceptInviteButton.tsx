"use client";

import { useState, useTransition } from "react";
import { acceptInviteAction } from "@/app/invite/[token]/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";

export function AcceptInviteButton({ token, email }: { token: string; email: string }) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [refusal, setRefusal] = useState<"invalid" | "wrongAccount" | null>(null);
  if (refusal === "wrongAccount")
    return (
      <p data-testid="invite-wrong-account" className="text-sm text-slate-700">
        {t("team.accept.wrongAccount", { email })}
      </p>
    );
  if (refusal)
    return (
      <p data-testid="invite-invalid" className="text-sm text-slate-700">
        {t("team.accept.invalid")}
      </p>
    );
  return (
    <Button
      data-testid="accept-invite"
      disabled={pending}
      onClick={() =>
        start(async () => {
          const r = await acceptInviteAction(token);
          if (!r.ok) setRefusal(r.error.code === "forbidden" ? "wrongAccount" : "invalid");
        })
      }
    >
      {t("team.accept.button")}
    </Button>
  );
}
