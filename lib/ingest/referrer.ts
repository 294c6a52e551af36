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
  // No closures here: this runs for every event, and the server's loader (tsx) names every inner
  // function it creates, which cost more than the rest of the function.
  const tags = new UrlTags(pageUrl);
  const refHost = hostOf(referrer);
  const internal = refHost !== null && refHost === hostOf(pageUrl);
  const result: Attribution = {
    source: lower(campaign?.source) ?? tags.get("utm_source"),
    medium: lower(campaign?.medium) ?? tags.get("utm_medium"),
    campaign: lower(campaign?.name) ?? tags.get("utm_campaign") ?? lower(campaign?.campaign),
    term: lower(campaign?.term) ?? tags.get("utm_term"),
    content: lower(campaign?.content) ?? tags.get("utm_content"),
    referrerDomain: internal ? null : refHost,
  };
  if (result.source) return result;
  for (const [param, source] of AD_CLICK_IDS) if (tags.get(param)) return withSource(result, source, "cpc");
  const known = refHost && !internal ? knownSite(refHost) : null;
  if (known) return withSource(result, known.name, known.medium);
  if (tags.get("fbclid")) return withSource(result, "facebook", "social");
  return refHost && !internal ? withSource(result, refHost, "referral") : result;
}

/** A page URL's tag and click-id parameters, decoded only when first asked for (trackingParams). */
class UrlTags {
  private params: URLSearchParams | null | undefined;
  constructor(private readonly url: string | null) {}
  get(param: string): string | null {
    if (this.params === undefined) this.params = trackingParams(this.url);
    return this.params ? lower(this.params.get(param)) : null;
  }
}

function withSource(result: Attribution, source: string, medium: string): Attribution {
  return { ...result, source, medium: result.medium ?? medium };
}
