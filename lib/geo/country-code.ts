/*
 * Clients send context.location.country as a code ("NL") or, from the mobile libraries, as an
 * English name ("Netherlands"). Both become the ISO 3166-1 alpha-2 code; the table of names comes
 * from the ICU data that Node ships (Intl.DisplayNames), built on first use.
 */

let byName: Map<string, string> | null = null;

function names(): Map<string, string> {
  const map = new Map<string, string>();
  const display = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = display.of(code);
      // An unassigned code comes back as itself.
      if (!name || name === code || NOT_COUNTRIES.has(code)) continue;
      // Retired and reserved codes (DD, SU, UK) canonicalise to today's (DE, RU, GB).
      const current = Intl.getCanonicalLocales(`und-${code}`)[0].split("-")[1] ?? code;
      map.set(code.toLowerCase(), current);
      if (current !== code) continue;
      map.set(name.toLowerCase(), code);
      // "Myanmar (Burma)", "Hong Kong SAR China": the short form too.
      map.set(name.replace(/ \(.*\)$| SAR China$/, "").toLowerCase(), code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) map.set(alias, code);
  return map;
}

/** Codes CLDR names that are not countries. */
const NOT_COUNTRIES = new Set(["EZ", "UN", "QO", "XA", "XB", "ZZ"]);

const ALIASES: Record<string, string> = {
  usa: "US",
  "united states of america": "US",
  england: "GB",
  "great britain": "GB",
  "the netherlands": "NL",
  holland: "NL",
  "russian federation": "RU",
  "korea, republic of": "KR",
  "south korea": "KR",
  "czech republic": "CZ",
  turkey: "TR",
  macau: "MO",
  palestine: "PS",
  "ivory coast": "CI",
  "cape verde": "CV",
  swaziland: "SZ",
  burma: "MM",
};

/** The ISO 3166-1 alpha-2 code (upper case) for a code or English country name, else null. */
export function countryCode(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const key = value.trim().toLowerCase();
  if (!key || key.length > 60) return null;
  byName ??= names();
  return byName.get(key) ?? null;
}
