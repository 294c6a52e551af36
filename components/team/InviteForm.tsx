"use client";

import { useState, useTransition } from "react";
import { inviteAction } from "@/app/(app)/team/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { TextField, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";
import type { Role } from "@/lib/roles";
import { actionErrorText, fieldErrorText } from "@/lib/action-result";

export function InviteForm({ canInviteOwner }: { canInviteOwner: boolean }) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ link: string; email: string; mailed?: true | { error: string } }>();
  const roles: Role[] = canInviteOwner ? ["viewer", "admin", "owner"] : ["viewer", "admin"];
  return (
    <Card>
      <CardHeader title={t("team.invite")} description={t("team.inviteBody")} />
      <form
        className="space-y-4 p-5"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          start(async () => {
            const r = await inviteAction(String(form.get("email")), String(form.get("role")) as Role);
            if (!r.ok || !r.data) {
              const email = r.ok ? undefined : r.error.fieldErrors?.email;
              return setError(
                r.ok
                  ? undefined
                  : email
                    ? email === "unsafe_text"
                      ? fieldErrorText(t, "team", "email", email)
                      : t("team.errors.emailInvalid")
                    : actionErrorText(t, "team", r.error),
              );
            }
            setError(undefined);
            setCreated({ link: r.data.link, email: r.data.email, mailed: r.data.mailed });
          });
        }}
      >
        <TextField label={t("team.inviteEmail")} name="email" type="email" required error={error} />
        <div>
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">
            {t("team.inviteRole")}
          </label>
          <select id="invite-role" name="role" defaultValue="viewer" className={`${inputClass} mt-1.5`}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`app.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={pending} className="w-full">
          {t("team.inviteSubmit")}
        </Button>
        {created ? (
          <div className="space-y-2" data-testid="invite-created">
            {created.mailed === true ? (
              <p className="text-sm text-emerald-700" data-testid="invite-mailed">
                {t("team.inviteMailed", { email: created.email })}
              </p>
            ) : created.mailed ? (
              <p className="text-sm text-amber-800" role="alert" data-testid="invite-mail-failed">
                {t("team.inviteMailFailed", { email: created.email, reason: created.mailed.error })}
              </p>
            ) : (
              <p className="text-sm text-slate-600">{t("team.inviteCreated", { email: created.email })}</p>
            )}
            <CopyField value={created.link} label={t("team.invite")} testId="invite-link" />
          </div>
        ) : null}
      </form>
    </Card>
  );
}
