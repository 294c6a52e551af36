import { describe, it, expect } from "vitest";
import { lookupCountry } from "./index";

describe("lookupCountry", () => {
  it.each([
    ["8.8.8.8", "US"],
    ["1.1.1.1", "AU"],
    ["145.97.1.1", "NL"],
    ["::ffff:8.8.8.8", "US"],
    ["2001:4860:4860::8888", "US"],
    ["10.0.0.1", null],
    ["192.168.1.10", null],
    ["127.0.0.1", null],
    ["172.20.1.1", null],
    ["::1", null],
    ["fd00::1", null],
    ["not an ip", null],
    ["", null],
  ])("%s → %s", (ip, country) => {
    expect(lookupCountry(ip)).toBe(country);
  });
});
