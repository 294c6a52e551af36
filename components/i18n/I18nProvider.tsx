"use client";

import { createContext, useContext, useMemo } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { makeTranslate, type MessageTree, type Translate } from "@/lib/i18n/translate";
import { formatters, type Formatters } from "@/lib/i18n/format";

type I18n = { locale: Locale; t: Translate; f: Formatters };
const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: MessageTree; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, t: makeTranslate(messages, locale), f: formatters(locale) }), [locale, messages]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** Translate and format functions for client components. */
export function useI18n(): I18n {
  const value = useContext(Ctx);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
