import { describe, it, expect } from "vitest";
import { isBotUserAgent, parseUserAgent } from "./useragent";
import { ageGroup } from "./age";

const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const IPAD =
  "Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Mobile/15E148 Safari/604.1";
const ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Mobile Safari/537.36";
const DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36";
const MAC_FIREFOX = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:126.0) Gecko/20100101 Firefox/126.0";

describe("parseUserAgent", () => {
  it.each([
    [IPHONE, "mobile", "Mobile Safari", "iOS"],
    [IPAD, "tablet", "Mobile Safari", "iOS"],
    [ANDROID, "mobile", "Chrome", "Android"],
    [DESKTOP, "desktop", "Chrome", "Windows"],
    [MAC_FIREFOX, "desktop", "Firefox", "Mac OS"],
    [null, "desktop", null, null],
    ["", "desktop", null, null],
  ])("%s", (ua, device, browser, os) => {
    expect(parseUserAgent(ua)).toMatchObject({ device, browser, os });
  });

  it("answers a repeated agent from its cache, and cuts absurdly long agents", () => {
    expect(parseUserAgent(DESKTOP)).toBe(parseUserAgent(DESKTOP));
    expect(parseUserAgent(DESKTOP + "x".repeat(100_000)).browser).toBe("Chrome");
  });
});

describe("isBotUserAgent", () => {
  it.each([
    ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true],
    ["Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", true],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36", true],
    [
      "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0 Mobile Safari/537.36 Chrome-Lighthouse",
      true,
    ],
    ["Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1", true],
    [DESKTOP + " Puppeteer", true],
    [DESKTOP + " Playwright/1.45", true],
    ["curl/8.0", true],
    [DESKTOP, false],
    [IPHONE, false],
    [null, false],
  ])("%s → %s", (ua, bot) => expect(isBotUserAgent(ua)).toBe(bot));
});

describe("ageGroup", () => {
  it.each([
    [{ age: 17 }, null],
    [{ age: 18 }, "18-24"],
    [{ age: 24 }, "18-24"],
    [{ age: 24.9 }, "18-24"],
    [{ age: 25 }, "25-34"],
    [{ age: "44" }, "35-44"],
    [{ age: 54 }, "45-54"],
    [{ age: 64 }, "55-64"],
    [{ age: 65 }, "65+"],
    [{ age: 131 }, null],
    [{ age: "old" }, null],
    [{ age_group: "45-54" }, "45-54"],
    [{ ageGroup: "65+" }, "65+"],
    [{ age_group: " 18-24 " }, "18-24"],
    [{ age_group: "old" }, null],
    [{}, null],
  ])("%j → %s", (traits, group) => expect(ageGroup(traits)).toBe(group));
});
