import { describe, it, expect } from "vitest";
import { lookupCountry } from "./index";
import { countryCode } from "./country-code";

describe("lookupCountry", () => {
  it.each([
    ["8.8.8.8", "US"],
    ["1.1.1.1", "AU"],
    ["145.97.1.1", "NL"],
    // Narrow ranges carved out of a wider allocation answer with their own country.
    ["2.58.197.15", "BE"],
    ["2.58.197.16", "DE"],
    ["3.2.35.40", "TR"],
    ["8.8.8.8:51234", "US"],
    [" 8.8.8.8 ", "US"],
    ["::ffff:8.8.8.8", "US"],
    ["64:ff9b::808:808", "US"],
    ["2001:4860:4860::8888", "US"],
    ["[2001:4860:4860::8888]:443", "US"],
    ["2001:610::1", "NL"],
    ["10.0.0.1", null],
    ["192.168.1.10", null],
    ["127.0.0.1", null],
    ["172.20.1.1", null],
    ["100.64.0.1", null],
    ["::1", null],
    ["::", null],
    ["fd00::1", null],
    ["fe80::1%eth0", null],
    ["256.1.1.1", null],
    ["1.2.3", null],
    ["not an ip", null],
    ["", null],
  ])("%s → %s", (ip, country) => {
    expect(lookupCountry(ip)).toBe(country);
  });
});

describe("countryCode", () => {
  it.each([
    ["NL", "NL"],
    ["nl", "NL"],
    [" be ", "BE"],
    ["Netherlands", "NL"],
    ["The Netherlands", "NL"],
    ["United States", "US"],
    ["United Kingdom", "GB"],
    ["UK", "GB"],
    ["Germany", "DE"],
    ["Türkiye", "TR"],
    ["Turkey", "TR"],
    ["Myanmar", "MM"],
    ["Hong Kong", "HK"],
    ["XX", null],
    ["ZZ", null],
    ["Atlantis", null],
    ["", null],
    [42, null],
    [null, null],
  ])("%j → %s", (value, code) => expect(countryCode(value)).toBe(code));
});
