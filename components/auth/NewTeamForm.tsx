"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createOwnTeamAction } from "@/app/(auth)/new-team/actions";
import { logoutAction } from "@/app/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";

/** For a signed-in user in no team: start a team of their own, or log out and wait for a new invite. */
export function NewTeamForm() {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const submit = () => {
    if (!name.trim()) return setError(t("auth.newTeam.nameRequired"));
    start(async () => {
      const r = await createOwnTeamAction({ name });
      if (r.ok) return router.push("/projects/new");
      // `conflict`: already in a team (another tab made one); the app has it.
      if (r.error.code === "conflict") return router.push("/projects");
      setError(t("auth.newTeam.nameRequired"));
    });
  };
  return (
    <Card className="w-full max-w-md p-6 sm:p-8">
      <h1 className="text-xl font-semibold text-slate-900">{t("auth.newTeam.title")}</h1>
      <p className="mt-1 text-sm text-slate-500">{t("auth.newTeam.body")}</p>
      <form
        className="mt-6 space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <TextField
          label={t("auth.fields.teamName")}
          name="teamName"
          autoComplete="organization"
          value={name}
          maxLength={100}
          error={error}
          onChange={(e) => setName(e.target.value)}
        />
        <Button type="submit" className="w-full" disabled={pending} data-testid="create-own-team">
          {pending ? t("auth.newTeam.creating") : t("auth.newTeam.submit")}
        </Button>
      </form>
      <form action={logoutAction} className="mt-4 text-center">
        <Button type="submit" variant="ghost" size="sm">
          {t("auth.logout")}
        </Button>
      </form>
    </Card>
  );
}
