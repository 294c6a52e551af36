"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { setLocaleAction } from "@/app/actions";
import { LOCALES } from "@/lib/i18n/locales";
import { useI18n } from "./I18nProvider";

/** A two-way language toggle; the choice is kept in a cookie. */
export function LocaleSwitcher() {
  const { locale, t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div
      role="group"
      aria-label={t("common.language")}
      className="inline-flex rounded-lg bg-white p-0.5 text-xs font-medium shadow-sm ring-1 ring-slate-200"
    >
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          data-testid={`locale-${l}`}
          aria-pressed={l === locale}
          disabled={pending}
          onClick={() =>
            start(async () => {
              await setLocaleAction(l);
              router.refresh();
            })
          }
          className={
            l === locale ? "rounded-md bg-brand-600 px-2.5 py-1 text-white" : "rounded-md px-2.5 py-1 text-slate-600 hover:bg-slate-100"
          }
        >
          {t(`common.languages.${l}`)}
        </button>
      ))}
    </div>
  );
}
