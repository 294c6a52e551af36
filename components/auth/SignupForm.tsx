"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signupAction, type FormState } from "@/app/(auth)/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";

type Invite = { token: string; email: string; teamName: string };

/** Sign-up; from an invite link (`invite`) with the invited address filled in and no team to name. */
export function SignupForm({ next, invite, inviteInvalid }: { next?: string; invite?: Invite; inviteInvalid?: boolean }) {
  const { t } = useI18n();
  const [state, action, pending] = useActionState<FormState, FormData>(signupAction, {});
  // The action's codes are strings from zod messages (lib/auth/validation.ts), checked against the catalogue here.
  const say = (code: string | undefined) => {
    if (!code) return undefined;
    const key = `auth.errors.${code}`;
    return t.has(key) ? t(key) : t("common.fieldErrors.invalid");
  };
  const err = (field: string) => say(state.errors?.[field]);
  const formError = state.errors?.form ?? (inviteInvalid ? "inviteInvalid" : undefined);
  const loginNext = invite ? `/invite/${invite.token}` : next;
  return (
    <Card className="w-full max-w-md p-6 sm:p-8">
      <h1 className="text-xl font-semibold text-slate-900">
        {invite ? t("auth.signup.inviteTitle", { team: invite.teamName }) : t("auth.signup.title")}
      </h1>
      <p className="mt-1 text-sm text-slate-500">
        {invite ? t("auth.signup.inviteSubtitle", { team: invite.teamName }) : t("auth.signup.subtitle")}
      </p>
      <form action={action} className="mt-6 space-y-4" noValidate>
        {next && !invite ? <input type="hidden" name="next" value={next} /> : null}
        {invite ? <input type="hidden" name="invite" value={invite.token} /> : null}
        {formError ? (
          <p data-testid="signup-error" role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {say(formError)}
          </p>
        ) : null}
        <TextField
          label={t("auth.fields.name")}
          name="name"
          autoComplete="name"
          required
          defaultValue={state.values?.name}
          error={err("name")}
        />
        <TextField
          label={t("auth.fields.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          readOnly={Boolean(invite)}
          hint={invite ? t("auth.fields.invitedEmailHint") : undefined}
          defaultValue={invite?.email ?? state.values?.email}
          error={err("email")}
        />
        <TextField
          label={t("auth.fields.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={t("auth.fields.passwordHint")}
          error={err("password")}
        />
        {invite ? null : (
          <TextField
            label={t("auth.fields.teamName")}
            name="teamName"
            autoComplete="organization"
            hint={t("auth.fields.teamNameHint")}
            defaultValue={state.values?.teamName}
            error={err("teamName")}
          />
        )}
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? t("auth.signup.submitting") : t("auth.signup.submit")}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-500">
        {t("auth.signup.haveAccount")}{" "}
        <Link
          href={loginNext ? `/login?next=${encodeURIComponent(loginNext)}` : "/login"}
          className="font-medium text-brand-700 hover:underline"
        >
          {t("auth.signup.loginLink")}
        </Link>
      </p>
    </Card>
  );
}
