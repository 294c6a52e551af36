export const LOCALES = ["en", "nl"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "trechter_locale";

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "nl";
}

/** The best supported locale for an Accept-Language header (q-values respected). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return DEFAULT_LOCALE;
}

/** The BCP 47 tag Intl formats with. */
export function intlTag(locale: Locale): string {
  return locale === "nl" ? "nl-NL" : "en-GB";
}

/**
 * The locale of a route handler's request, from the request itself (its `trechter_locale` cookie,
 * then Accept-Language): a browser's download follows the reader's choice, a script that sends
 * neither gets English, and no request scope is needed.
 */
export function requestLocale(request: Request): Locale {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === LOCALE_COOKIE) {
      const value = part.slice(at + 1).trim();
      if (isLocale(value)) return value;
    }
  }
  return localeFromAcceptLanguage(request.headers.get("accept-language"));
}
