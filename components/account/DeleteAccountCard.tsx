"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteAccountAction } from "@/app/(app)/account/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { FormMessage } from "./FormMessage";
import { accountRefusal } from "./refusal-text";

type Blocker = { id: string; name: string; otherMembers: number };

/** Deleting the account: typed e-mail and password; the teams that stop it are named with what to do. */
export function DeleteAccountCard({ email, blockers, aloneTeams }: { email: string; blockers: Blocker[]; aloneTeams: string[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <Card className="ring-red-200">
      <CardHeader title={t("account.delete.title")} description={t("account.delete.body")} />
      <div className="space-y-4 p-5">
        {blockers.length ? (
          <ul className="space-y-2" data-testid="delete-blocked">
            {blockers.map((b) => (
              <li key={b.id}>
                <FormMessage tone="info">
                  {t("account.delete.blocked", { team: b.name, count: b.otherMembers })}{" "}
                  <Link href="/team" className="font-medium underline">
                    {t("account.delete.teamLink")}
                  </Link>
                </FormMessage>
              </li>
            ))}
          </ul>
        ) : (
          <form
            className="space-y-4"
            noValidate
            data-testid="delete-form"
            onSubmit={(e) => {
              e.preventDefault();
              const data = new FormData(e.currentTarget);
              start(async () => {
                const r = await deleteAccountAction(String(data.get("confirm")), String(data.get("password")));
                if (r.ok) return;
                setErrors(accountRefusal(t, r.error, { conflict: t("account.errors.blocked") }));
                if (r.error.code === "conflict") router.refresh();
              });
            }}
          >
            {aloneTeams.length ? (
              <p className="text-sm text-slate-700" data-testid="delete-teams">
                {t("account.delete.alone", { teams: aloneTeams.join(", "), count: aloneTeams.length })}
              </p>
            ) : null}
            {errors.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}
            <TextField
              label={t("account.delete.confirm", { email })}
              name="confirm"
              type="email"
              autoComplete="off"
              required
              error={errors.confirm}
            />
            <TextField
              label={t("account.delete.password")}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              error={errors.password}
            />
            <Button type="submit" variant="danger" disabled={pending}>
              {t("account.delete.submit")}
            </Button>
          </form>
        )}
      </div>
    </Card>
  );
}
