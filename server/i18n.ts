import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, isLocale, localeFromAcceptLanguage, type Locale } from "../lib/i18n/locales";
import { catalogues } from "../lib/i18n/messages";
import { makeTranslate } from "../lib/i18n/translate";
import { formatters } from "../lib/i18n/format";

/** The request's locale: the switcher's cookie first, then the browser's Accept-Language. */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

/** Translate and format functions for a server component. */
export async function getI18n() {
  const locale = await getLocale();
  return { locale, t: makeTranslate(catalogues[locale], locale), f: formatters(locale) };
}
