"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import {
  disableTwoFactorAction,
  enableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startTwoFactorAction,
} from "@/app/(app)/account/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { Badge } from "@/components/ui/Badge";
import { QrCode } from "./QrCode";
import { RecoveryCodes } from "./RecoveryCodes";
import { FormMessage } from "./FormMessage";
import { accountRefusal } from "./refusal-text";

type Status = { enabled: boolean; recoveryCodesLeft: number; requiredBy: string[] };

/** Two-factor sign-in: set up with a QR code (or the key typed), recovery codes shown once, off with the password. */
export function TwoFactorCard({ status }: { status: Status }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [setup, setSetup] = useState<{ secret: string; uri: string }>();
  const [codes, setCodes] = useState<string[]>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Recovery codes are shown only once two-factor is on; the page refreshes when they are put away.
  const on = status.enabled || Boolean(codes);
  const blockedOff = t("account.required", { team: status.requiredBy.join(", ") });
  const run = (fn: () => Promise<void>) => start(fn);

  return (
    <Card id="two-factor">
      <CardHeader
        title={t("account.twoFactor.title")}
        description={on ? t("account.twoFactor.on") : t("account.twoFactor.off")}
        actions={<Badge tone={on ? "green" : "slate"}>{on ? t("account.twoFactor.badgeOn") : t("account.twoFactor.badgeOff")}</Badge>}
      />
      <div className="space-y-4 p-5" data-testid="two-factor">
        {errors.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}
        {codes ? (
          <RecoveryCodes
            codes={codes}
            onDone={() => {
              setCodes(undefined);
              router.refresh();
            }}
          />
        ) : status.enabled ? (
          <>
            <p className="text-sm text-slate-600" data-testid="recovery-left">
              {t("account.twoFactor.codesLeft", { count: status.recoveryCodesLeft })}
            </p>
            <form
              className="space-y-3"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                const data = new FormData(e.currentTarget);
                const intent = (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value");
                const password = String(data.get("password"));
                run(async () => {
                  if (intent === "regenerate") {
                    const r = await regenerateRecoveryCodesAction(password);
                    setErrors(r.ok ? {} : accountRefusal(t, r.error));
                    if (r.ok && r.data) setCodes(r.data.recoveryCodes);
                  } else {
                    const r = await disableTwoFactorAction(password);
                    setErrors(r.ok ? {} : accountRefusal(t, r.error, { conflict: blockedOff }));
                    if (r.ok) router.refresh();
                  }
                });
              }}
            >
              <TextField
                label={t("account.twoFactor.password")}
                name="password"
                type="password"
                autoComplete="current-password"
                hint={t("account.twoFactor.disableHint")}
                error={errors.password}
              />
              <div className="flex flex-wrap gap-2">
                <Button type="submit" name="intent" value="regenerate" variant="secondary" disabled={pending}>
                  {t("account.twoFactor.regenerate")}
                </Button>
                <Button type="submit" name="intent" value="disable" variant="secondary" disabled={pending || status.requiredBy.length > 0}>
                  {t("account.twoFactor.disable")}
                </Button>
              </div>
              {status.requiredBy.length ? <p className="text-sm text-slate-500">{blockedOff}</p> : null}
            </form>
          </>
        ) : setup ? (
          <form
            className="space-y-4"
            noValidate
            data-testid="totp-setup"
            onSubmit={(e) => {
              e.preventDefault();
              const code = String(new FormData(e.currentTarget).get("code"));
              run(async () => {
                const r = await enableTwoFactorAction(code);
                if (!r.ok)
                  return setErrors(
                    r.error.code === "conflict"
                      ? (setSetup(undefined), { form: t("account.errors.setupAgain") })
                      : accountRefusal(t, r.error),
                  );
                setErrors({});
                setSetup(undefined);
                setCodes(r.data?.recoveryCodes);
              });
            }}
          >
            <p className="text-sm text-slate-600">{t("account.twoFactor.scan")}</p>
            <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
              <QrCode value={setup.uri} label={t("account.twoFactor.qrLabel")} />
              <div className="min-w-0 space-y-1">
                <p className="text-sm font-medium text-slate-700">{t("account.twoFactor.key")}</p>
                <code data-testid="totp-secret" className="block break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm text-slate-900">
                  {setup.secret.replace(/(.{4})/g, "$1 ").trim()}
                </code>
              </div>
            </div>
            <TextField
              label={t("account.twoFactor.code")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              required
              error={errors.code}
              className="max-w-xs"
            />
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={pending}>
                {t("account.twoFactor.confirm")}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setSetup(undefined)}>
                {t("account.twoFactor.cancel")}
              </Button>
            </div>
          </form>
        ) : (
          <Button
            type="button"
            disabled={pending}
            data-testid="totp-start"
            onClick={() =>
              run(async () => {
                const r = await startTwoFactorAction();
                setErrors(r.ok ? {} : accountRefusal(t, r.error));
                if (r.ok && r.data) setSetup(r.data);
              })
            }
          >
            {t("account.twoFactor.start")}
          </Button>
        )}
      </div>
    </Card>
  );
}
