/** Source and medium for known search engines and social sites, when the visit carries no UTM tags. */
const SEARCH: Record<string, string> = {
  google: "google", bing: "bing", duckduckgo: "duckduckgo", yahoo: "yahoo", ecosia: "ecosia", baidu: "baidu", yandex: "yandex", startpage: "startpage", qwant: "qwant",
};
const SOCIAL: Record<string, string> = {
  facebook: "facebook", fb: "facebook", instagram: "instagram", linkedin: "linkedin", lnkd: "linkedin", twitter: "twitter", x: "twitter", "t.co": "twitter",
  youtube: "youtube", tiktok: "tiktok", pinterest: "pinterest", reddit: "reddit",
};

export type Attribution = { source: string | null; medium: string | null; campaign: string | null; term: string | null; content: string | null };

export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

/** The name of a known engine or network for a host (google.nl → google, l.facebook.com → facebook, t.co → twitter). */
function knownSite(host: string): { name: string; medium: "organic" | "social" } | null {
  if (host === "t.co") return { name: "twitter", medium: "social" };
  const labels = host.split(".");
  for (const label of labels) {
    if (SEARCH[label]) return { name: SEARCH[label], medium: "organic" };
    if (SOCIAL[label] && label !== "x") return { name: SOCIAL[label], medium: "social" };
  }
  if (host === "x.com") return { name: "twitter", medium: "social" };
  return null;
}

const lower = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim().toLowerCase().slice(0, 200) : null);

/**
 * UTM source/medium/campaign from context.campaign or the page url's utm_* parameters; without
 * them, click ids (gclid → google/cpc, fbclid → facebook/paid_social) or the referrer
 * (search engines → organic, social sites → social, other sites → referral). Same-site referrers
 * are internal navigation, not a source.
 */
export function attribution(campaign: Record<string, unknown> | undefined, pageUrl: string | null, referrer: string | null): Attribution {
  let params: URLSearchParams | null = null;
  try {
    params = pageUrl ? new URL(pageUrl).searchParams : null;
  } catch {
    params = null;
  }
  const fromUrl = (k: string) => lower(params?.get(`utm_${k}`));
  const source = lower(campaign?.source) ?? fromUrl("source");
  const result: Attribution = {
    source,
    medium: lower(campaign?.medium) ?? fromUrl("medium"),
    campaign: lower(campaign?.name) ?? lower(campaign?.campaign) ?? fromUrl("campaign"),
    term: lower(campaign?.term) ?? fromUrl("term"),
    content: lower(campaign?.content) ?? fromUrl("content"),
  };
  if (source) return result;
  if (params?.get("gclid")) return { ...result, source: "google", medium: "cpc" };
  if (params?.get("fbclid")) return { ...result, source: "facebook", medium: "paid_social" };
  const refHost = hostOf(referrer);
  if (!refHost || refHost === hostOf(pageUrl)) return result;
  const known = knownSite(refHost);
  return known ? { ...result, source: known.name, medium: known.medium } : { ...result, source: refHost, medium: "referral" };
}
