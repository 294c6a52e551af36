import { UAParser } from "ua-parser-js";
import { isbot } from "isbot";

export type UserAgentInfo = { device: "desktop" | "mobile" | "tablet"; browser: string | null; os: string | null };

// Parsing a user agent costs far more than a map look-up, and a site's traffic repeats a few
// hundred agents, so the last parses are kept.
const cache = new Map<string, UserAgentInfo>();
const CACHE_SIZE = 2000;

/** Device class, browser and OS of a user agent (desktop when unknown). */
export function parseUserAgent(ua: string | null | undefined): UserAgentInfo {
  if (!ua) return { device: "desktop", browser: null, os: null };
  const hit = cache.get(ua);
  if (hit) return hit;
  const r = new UAParser(ua).getResult();
  const type = r.device.type;
  const info: UserAgentInfo = {
    device: type === "mobile" || type === "wearable" ? "mobile" : type === "tablet" ? "tablet" : "desktop",
    browser: r.browser.name ?? null,
    os: r.os.name ?? null,
  };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(ua, info);
  return info;
}

const HEADLESS = /HeadlessChrome|PhantomJS|Puppeteer|Playwright|Lighthouse|Chrome-Lighthouse|Selenium|Cypress|jsdom/i;

/** True for crawlers (the isbot list) and headless browsers. */
export function isBotUserAgent(ua: string | null | undefined): boolean {
  if (!ua) return false;
  return HEADLESS.test(ua) || isbot(ua);
}
