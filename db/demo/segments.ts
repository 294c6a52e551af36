import type { Sector } from "../../lib/sectors";

/** Traffic mixes of a Dutch site: [value, share, conversion multiplier]. */
type Mix<T> = readonly (readonly [T, number, number])[];

export type Source = { source: string | null; medium: string | null; referrer: string | null; campaign?: string };

export function sourceMix(sector: Sector): Mix<Source> {
  const b2b = sector === "b2b" || sector === "saas" || sector === "recruitment";
  return [
    [{ source: "google", medium: "organic", referrer: "https://www.google.nl/" }, 30, 1.0],
    [{ source: "google", medium: "cpc", referrer: "https://www.google.nl/", campaign: "merk-en-generiek" }, 15, 1.25],
    [{ source: "facebook", medium: "social", referrer: "https://l.facebook.com/" }, 10, 0.6],
    [{ source: "instagram", medium: "social", referrer: "https://l.instagram.com/" }, 8, 0.55],
    [{ source: "linkedin", medium: "social", referrer: "https://www.linkedin.com/" }, b2b ? 10 : 3, b2b ? 1.4 : 0.7],
    [{ source: "newsletter", medium: "email", referrer: null, campaign: "maandelijkse-nieuwsbrief" }, 7, 1.7],
    [{ source: null, medium: null, referrer: null }, 18, 1.15],
    [{ source: "nu.nl", medium: "referral", referrer: "https://www.nu.nl/" }, 5, 0.9],
  ];
}

export const DEVICE_MIX: Mix<{ device: string; browsers: string[]; os: string[] }> = [
  [{ device: "mobile", browsers: ["Mobile Safari", "Chrome"], os: ["iOS", "Android"] }, 55, 0.6],
  [{ device: "desktop", browsers: ["Chrome", "Edge", "Firefox", "Safari"], os: ["Windows", "Mac OS"] }, 38, 1.5],
  [{ device: "tablet", browsers: ["Mobile Safari", "Chrome"], os: ["iOS", "Android"] }, 7, 0.9],
];

export const COUNTRY_MIX: Mix<{ country: string; regions: string[] }> = [
  [
    {
      country: "NL",
      regions: ["Noord-Holland", "Zuid-Holland", "Utrecht", "Noord-Brabant", "Gelderland", "Overijssel", "Groningen", "Limburg"],
    },
    82,
    1.0,
  ],
  [{ country: "BE", regions: ["Antwerpen", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen", "Limburg"] }, 12, 0.85],
  [{ country: "DE", regions: ["Nordrhein-Westfalen", "Niedersachsen"] }, 6, 0.6],
];

export const AGE_MIX: Mix<string> = [
  ["18-24", 14, 0.7],
  ["25-34", 27, 1.15],
  ["35-44", 23, 1.2],
  ["45-54", 17, 1.0],
  ["55-64", 12, 0.85],
  ["65+", 7, 0.7],
];

/** Visits per weekday (Sunday first): offices browse on weekdays, restaurants fill up at weekends. */
export function weekdayWeights(sector: Sector): number[] {
  if (sector === "hospitality") return [1.2, 0.7, 0.8, 0.9, 1.1, 1.4, 1.3];
  if (sector === "b2b" || sector === "saas" || sector === "recruitment") return [0.45, 1.15, 1.2, 1.2, 1.15, 1.0, 0.5];
  return [1.05, 1.0, 0.95, 0.95, 1.0, 0.95, 1.1];
}
