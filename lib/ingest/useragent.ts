import { UAParser } from "ua-parser-js";
import { isbot } from "isbot";
import type { Device } from "../funnel/types";

export type UserAgentInfo = { device: Device; browser: string | null; os: string | null; bot: boolean };

// Parsing a user agent (ua-parser-js, then isbot's large pattern) costs tens of microseconds, and
// a site's traffic repeats a few hundred agents: the most recently used parses are kept.
const cache = new Map<string, UserAgentInfo>();
const CACHE_SIZE = 2000;
/** Longer agents are cut before parsing, so a client cannot fill the cache with megabytes. */
const MAX_UA = 512;
const UNKNOWN: UserAgentInfo = { device: "desktop", browser: null, os: null, bot: false };

// isbot misses automation tools that keep a browser's agent but add their name.
const HEADLESS = /HeadlessChrome|PhantomJS|Puppeteer|Playwright|Lighthouse|Selenium|Cypress|jsdom|Electron\/.*Headless/i;

function parse(ua: string): UserAgentInfo {
  const r = new UAParser(ua).getResult();
  const type = r.device.type;
  return {
    device: type === "mobile" || type === "wearable" ? "mobile" : type === "tablet" ? "tablet" : "desktop",
    browser: r.browser.name ?? null,
    os: r.os.name ?? null,
    bot: HEADLESS.test(ua) || isbot(ua),
  };
}

/** Device class (desktop when unknown or a TV/console), browser, OS and whether it is a bot; cached. */
export function parseUserAgent(ua: string | null | undefined): UserAgentInfo {
  if (!ua) return UNKNOWN;
  const key = ua.length > MAX_UA ? ua.slice(0, MAX_UA) : ua;
  const hit = cache.get(key);
  if (hit) {
    // Re-inserting moves the entry to the end of the Map's order: least recently used goes first.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const info = parse(key);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, info);
  return info;
}

/** True for crawlers (the isbot list) and headless or automated browsers that name themselves. */
export function isBotUserAgent(ua: string | null | undefined): boolean {
  return parseUserAgent(ua).bot;
}
