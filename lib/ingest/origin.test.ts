import { describe, it, expect } from "vitest";
import { originAllowed, parseOriginPattern, requestOriginOf } from "./origin";

describe("parseOriginPattern", () => {
  it.each([
    ["https://www.example.nl", "https://www.example.nl"],
    ["  HTTPS://WWW.Example.NL/  ", "https://www.example.nl"],
    ["https://www.example.nl:443", "https://www.example.nl"],
    ["http://localhost:3000", "http://localhost:3000"],
    ["https://*.example.nl", "https://*.example.nl"],
    ["https://*.Example.nl:8443/", "https://*.example.nl:8443"],
    ["https://bücher.de", "https://xn--bcher-kva.de"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
  ])("%s is %s", (input, origin) => {
    expect(parseOriginPattern(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ["www.example.nl", "origin_invalid"],
    ["https://", "origin_invalid"],
    ["ftp://example.nl", "origin_scheme"],
    ["https://example.nl/shop", "origin_path"],
    ["https://example.nl/?a=1", "origin_path"],
    ["https://example.nl#x", "origin_path"],
    ["https://user:pw@example.nl", "origin_invalid"],
    ["https://shop.*.example.nl", "origin_wildcard"],
    ["https://*", "origin_wildcard"],
    ["https://*.nl.*", "origin_wildcard"],
    ["https://*.localhost", "origin_wildcard"],
    ["https://*.10.0.0.1", "origin_wildcard"],
    [`https://${"a".repeat(260)}.nl`, "origin_too_long"],
  ])("%s is refused (%s)", (input, problem) => {
    expect(parseOriginPattern(input)).toEqual({ ok: false, problem });
  });
});

describe("requestOriginOf", () => {
  it.each([
    ["https://shop.nl", null, "https://shop.nl"],
    ["https://shop.nl", "https://other.nl/page", "https://shop.nl"],
    [null, "https://shop.nl:8443/product/1?x=2", "https://shop.nl:8443"],
    ["null", "https://shop.nl/a", "https://shop.nl"],
    ["null", null, "opaque"],
    [null, "about:blank", "opaque"],
    [null, null, null],
    ["", "", null],
  ])("Origin %s, Referer %s → %s", (origin, referer, expected) => {
    expect(requestOriginOf(origin, referer)).toBe(expected);
  });
});

describe("originAllowed", () => {
  const list = (allowedOrigins: string[], acceptWithoutOrigin = true) => ({ allowedOrigins, acceptWithoutOrigin });

  it("allows every origin with an empty list, and requests without one as the setting says", () => {
    expect(originAllowed(list([]), "https://anyone.example")).toBe(true);
    expect(originAllowed(list([]), "opaque")).toBe(true);
    expect(originAllowed(list([]), null)).toBe(true);
    expect(originAllowed(list([], false), null)).toBe(false);
    expect(originAllowed(list(["https://shop.nl"], true), null)).toBe(true);
    expect(originAllowed(list(["https://shop.nl"], false), null)).toBe(false);
  });

  it.each([
    ["https://shop.nl", true],
    ["http://shop.nl", false],
    ["https://shop.nl:8443", false],
    ["https://www.shop.nl", false],
    ["https://evil.nl", false],
    ["https://shop.nl.evil.nl", false],
    ["https://a.blog.nl", true],
    ["https://x.y.blog.nl", true],
    ["https://blog.nl", false],
    ["https://evilblog.nl", false],
    ["https://a.blog.nl:444", false],
    ["http://localhost:3000", true],
    ["http://localhost:3001", false],
    ["opaque", false],
  ])("%s → %s", (origin, allowed) => {
    expect(originAllowed(list(["https://shop.nl", "https://*.blog.nl", "http://localhost:3000"]), origin)).toBe(allowed);
  });
});
