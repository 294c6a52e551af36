"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";

/** Recovery codes, shown once right after they are made, with a copy field for all of them. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <div className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-inset ring-slate-200" data-testid="recovery-codes">
      <h3 className="text-sm font-semibold text-slate-900">{t("account.twoFactor.codesTitle")}</h3>
      <p className="text-sm text-slate-600">{t("account.twoFactor.codesIntro")}</p>
      <ul className="grid grid-cols-2 gap-x-4 gap-y-1 font-mono text-sm text-slate-900">
        {codes.map((c) => (
          <li key={c} data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ul>
      <CopyField value={codes.join("\n")} label={t("account.twoFactor.codesTitle")} multiline />
      <Button type="button" variant="secondary" onClick={onDone}>
        {t("account.twoFactor.codesDone")}
      </Button>
    </div>
  );
}
