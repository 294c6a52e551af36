import { describe, it, expect } from "vitest";
import { attribution, hostOf } from "./referrer";

describe("attribution", () => {
  it.each([
    [
      "context.campaign, lower-cased",
      { source: "Google", medium: "CPC", name: "Zomer", term: "Fiets", content: "A" },
      "https://shop.nl/?utm_source=mail",
      null,
      ["google", "cpc", "zomer", "fiets", "a", null],
    ],
    [
      "the url's utm_* tags",
      undefined,
      "https://shop.nl/?utm_source=Mail&utm_medium=e%2Dmail&utm_campaign=lente+2026",
      null,
      ["mail", "e-mail", "lente 2026", null, null, null],
    ],
    [
      "campaign fields fill in from the url",
      { medium: "email" },
      "https://shop.nl/?utm_source=Brief",
      null,
      ["brief", "email", null, null, null, null],
    ],
    [
      "tags win over the referrer, which is still recorded",
      undefined,
      "https://shop.nl/?utm_source=news",
      "https://www.google.nl/",
      ["news", null, null, null, null, "google.nl"],
    ],
    ["gclid", undefined, "https://shop.nl/?gclid=abc", "https://www.google.com/", ["google", "cpc", null, null, null, "google.com"]],
    ["gbraid", undefined, "https://shop.nl/?gbraid=abc", null, ["google", "cpc", null, null, null, null]],
    ["msclkid", undefined, "https://shop.nl/?msclkid=abc", null, ["bing", "cpc", null, null, null, null]],
    ["fbclid without a referrer", undefined, "https://shop.nl/?fbclid=abc", null, ["facebook", "social", null, null, null, null]],
    [
      "fbclid defers to a referrer that says more",
      undefined,
      "https://shop.nl/?fbclid=abc",
      "https://l.instagram.com/",
      ["instagram", "social", null, null, null, "l.instagram.com"],
    ],
    [
      "a search engine",
      undefined,
      "https://shop.nl/",
      "https://www.google.nl/search?q=x",
      ["google", "organic", null, null, null, "google.nl"],
    ],
    ["bing", undefined, "https://shop.nl/", "https://www.bing.com/", ["bing", "organic", null, null, null, "bing.com"]],
    ["duckduckgo", undefined, "https://shop.nl/", "https://duckduckgo.com/", ["duckduckgo", "organic", null, null, null, "duckduckgo.com"]],
    ["yandex short host", undefined, "https://shop.nl/", "https://ya.ru/", ["yandex", "organic", null, null, null, "ya.ru"]],
    [
      "facebook's link shim",
      undefined,
      "https://shop.nl/",
      "https://l.facebook.com/x",
      ["facebook", "social", null, null, null, "l.facebook.com"],
    ],
    ["t.co", undefined, "https://shop.nl/", "https://t.co/abc", ["twitter", "social", null, null, null, "t.co"]],
    ["x.com", undefined, "https://shop.nl/", "https://x.com/someone", ["twitter", "social", null, null, null, "x.com"]],
    ["linkedin", undefined, "https://shop.nl/", "https://www.linkedin.com/feed/", ["linkedin", "social", null, null, null, "linkedin.com"]],
    ["youtube", undefined, "https://shop.nl/", "https://m.youtube.com/", ["youtube", "social", null, null, null, "m.youtube.com"]],
    [
      "a UTM medium without a source is kept",
      { medium: "email" },
      "https://shop.nl/",
      "https://t.co/x",
      ["twitter", "email", null, null, null, "t.co"],
    ],
    ["another site", undefined, "https://shop.nl/", "https://www.blog.nl/post", ["blog.nl", "referral", null, null, null, "blog.nl"]],
    [
      "a site whose name contains x",
      undefined,
      "https://shop.nl/",
      "https://box.com/",
      ["box.com", "referral", null, null, null, "box.com"],
    ],
    ["the same site is internal navigation", undefined, "https://shop.nl/b", "https://www.shop.nl/a", [null, null, null, null, null, null]],
    ["no referrer, no tags", undefined, "https://shop.nl/", null, [null, null, null, null, null, null]],
    [
      "no page url: the referrer still counts",
      undefined,
      null,
      "https://www.google.de/",
      ["google", "organic", null, null, null, "google.de"],
    ],
  ])("%s", (_name, campaign, url, referrer, expected) => {
    const a = attribution(campaign as Record<string, unknown> | undefined, url, referrer);
    expect([a.source, a.medium, a.campaign, a.term, a.content, a.referrerDomain]).toEqual(expected);
  });
});

describe("hostOf", () => {
  it.each([
    ["https://www.Google.NL/search", "google.nl"],
    ["http://user:pw@shop.nl:8080/x", "shop.nl"],
    ["https://shop.nl.", "shop.nl"],
    ["android-app://com.google.android.gm/", "com.google.android.gm"],
    ["https://[2001:db8::1]/", "[2001:db8::1]"],
    ["/relative/path", null],
    ["not a url", null],
    ["", null],
    [null, null],
  ])("%s → %s", (url, host) => expect(hostOf(url)).toBe(host));
});
