/*
 * Where a visit came from: UTM tags, ad click ids, or the referrer. Runs for every event, so
 * hosts and queries are cut out with a regular expression instead of `new URL()` (about a quarter
 * of the cost), and the query is only decoded when it holds a tag or click id.
 */

import { sliceText } from "../text/safe";

type Site = { name: string; medium: "organic" | "social" };

const SEARCH = new Set(["google", "bing", "duckduckgo", "yahoo", "ecosia", "baidu", "yandex", "startpage", "qwant"]);
const SOCIAL: Record<string, string> = {
  facebook: "facebook",
  instagram: "instagram",
  linkedin: "linkedin",
  twitter: "twitter",
  youtube: "youtube",
  tiktok: "tiktok",
  pinterest: "pinterest",
  reddit: "reddit",
};
/** Short-link and one-letter hosts that no label rule can catch. */
const EXACT: Record<string, Site> = {
  "t.co": { name: "twitter", medium: "social" },
  "x.com": { name: "twitter", medium: "social" },
  "fb.me": { name: "facebook", medium: "social" },
  "lnkd.in": { name: "linkedin", medium: "social" },
  "youtu.be": { name: "youtube", medium: "social" },
  "pin.it": { name: "pinterest", medium: "social" },
  "redd.it": { name: "reddit", medium: "social" },
  "ya.ru": { name: "yandex", medium: "organic" },
};
/**
 * Click ids that only ads carry. fbclid is not among them: Facebook and Instagram add it to every
 * outbound link, organic posts included, so it only says "from Meta" (facebook/social) and only
 * when the referrer does not say more (l.instagram.com → instagram).
 */
const AD_CLICK_IDS: [param: string, source: string][] = [
  ["gclid", "google"],
  ["gbraid", "google"],
  ["wbraid", "google"],
  ["msclkid", "bing"],
  ["ttclid", "tiktok"],
];

export type Attribution = {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
  /** the referrer's host without www., null when it is the page's own site */
  referrerDomain: string | null;
};

const HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i;

/** The host of an absolute URL, lower case, without `www.`; null when there is none. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  const host = HOST.exec(url)?.[1];
  if (!host) return null;
  let h = host.toLowerCase();
  if (h.charCodeAt(h.length - 1) === 46) h = h.slice(0, -1);
  return (h.startsWith("www.") ? h.slice(4) : h) || null;
}

/** The tag and click-id parameters of a URL's query, or null when it has none of them. */
function trackingParams(url: string | null): URLSearchParams | null {
  if (!url) return null;
  const q = url.indexOf("?");
  if (q < 0) return null;
  const hash = url.indexOf("#", q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  return query.includes("utm_") || query.includes("clid") || query.includes("clkid") || query.includes("braid")
    ? new URLSearchParams(query)
    : null;
}

// A site's referrers come from a few hundred hosts: their answers are kept (emptied when full).
const siteCache = new Map<string, Site | null>();

/** The engine or network a host belongs to (google.nl → google, l.facebook.com → facebook, t.co → twitter). */
export function knownSite(host: string): Site | null {
  const cached = siteCache.get(host);
  if (cached !== undefined) return cached;
  let site: Site | null = EXACT[host] ?? null;
  for (const label of site ? [] : host.split(".")) {
    if (SEARCH.has(label)) site = { name: label, medium: "organic" };
    else if (SOCIAL[label]) site = { name: SOCIAL[label], medium: "social" };
    if (site) break;
  }
  if (siteCache.size >= 2000) siteCache.clear();
  siteCache.set(host, site);
  return site;
}

const lower = (v: unknown): string | null => (typeof v === "string" && v.trim() ? sliceText(v.trim().toLowerCase(), 200) : null);

/**
 * Source, medium, campaign, term and content (lower case) from context.campaign, else the page
 * url's utm_* parameters; without a source: an ad click id (gclid → google/cpc), a known search
 * engine (organic) or social site (social), fbclid (facebook/social), any other site (its
 * domain/referral). A referrer on the page's own host is internal navigation: no source, no
 * referrer domain. A UTM medium without a source is kept.
 */
export function attribution(
  campaign: Record<string, unknown> | null | undefined,
  pageUrl: string | null,
  referrer: string | null,
): Attribution {
  // Parsed only when context.campaign lacks a field, or to look for click ids.
  let params: URLSearchParams | null | undefined;
  const fromUrl = (param: string): string | null => {
    if (params === undefined) params = trackingParams(pageUrl);
    return params ? lower(params.get(param)) : null;
  };
  const tag = (field: string, param: string): string | null => lower(campaign?.[field]) ?? fromUrl(param);
  const refHost = hostOf(referrer);
  const internal = refHost !== null && refHost === hostOf(pageUrl);
  const result: Attribution = {
    source: tag("source", "utm_source"),
    medium: tag("medium", "utm_medium"),
    campaign: tag("name", "utm_campaign") ?? lower(campaign?.campaign),
    term: tag("term", "utm_term"),
    content: tag("content", "utm_content"),
    referrerDomain: internal ? null : refHost,
  };
  if (result.source) return result;
  const withSource = (source: string, medium: string): Attribution => ({ ...result, source, medium: result.medium ?? medium });
  for (const [param, source] of AD_CLICK_IDS) if (fromUrl(param)) return withSource(source, "cpc");
  const known = refHost && !internal ? knownSite(refHost) : null;
  if (known) return withSource(known.name, known.medium);
  if (fromUrl("fbclid")) return withSource("facebook", "social");
  return refHost && !internal ? withSource(refHost, "referral") : result;
}
