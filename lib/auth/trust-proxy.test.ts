import { describe, it, expect } from "vitest";
import { parseTrustProxy, resolveClientAddress, peerIsTrusted, normalizeAddress } from "./trust-proxy";
import { config, ConfigError } from "../config";

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;
const none = parseTrustProxy(undefined)!;
const oneHop = parseTrustProxy("1")!;
const twoHops = parseTrustProxy("2")!;
const list = parseTrustProxy("10.0.0.0/8, 192.168.1.5, fd00::/8")!;
const loopback = parseTrustProxy("loopback")!;

describe("client address resolution", () => {
  it.each([
    // [trust, socket, X-Forwarded-For, expected]
    ["none", none, "203.0.113.7", "1.2.3.4", "203.0.113.7"],
    ["none", none, "::ffff:203.0.113.7", "1.2.3.4, 5.6.7.8", "203.0.113.7"],
    ["none", none, "203.0.113.7", undefined, "203.0.113.7"],
    ["1 hop", oneHop, "10.0.0.2", "198.51.100.9", "198.51.100.9"],
    ["1 hop, spoofed prefix", oneHop, "10.0.0.2", "6.6.6.6, 198.51.100.9", "198.51.100.9"],
    ["1 hop, no header", oneHop, "10.0.0.2", undefined, "10.0.0.2"],
    ["2 hops", twoHops, "10.0.0.2", "6.6.6.6, 198.51.100.9, 10.0.0.3", "198.51.100.9"],
    ["list, trusted peer", list, "10.1.2.3", "6.6.6.6, 198.51.100.9", "198.51.100.9"],
    ["list, chain of trusted proxies", list, "10.1.2.3", "6.6.6.6, 198.51.100.9, 192.168.1.5, 10.9.9.9", "198.51.100.9"],
    ["list, untrusted peer ignores the header", list, "203.0.113.7", "1.2.3.4", "203.0.113.7"],
    ["list, IPv6 proxy", list, "fd00::1", "2001:db8::5", "2001:db8::5"],
    ["list, port and brackets", list, "10.1.2.3", "[2001:db8::5]:443", "2001:db8::5"],
    ["list, IPv4 with port", list, "10.1.2.3", "198.51.100.9:5555", "198.51.100.9"],
    ["loopback", loopback, "::ffff:127.0.0.1", "198.51.100.9", "198.51.100.9"],
    ["loopback, IPv6", loopback, "::1", "198.51.100.9", "198.51.100.9"],
  ] as const)("%s", (_label, trust, socket, xff, expected) => {
    expect(resolveClientAddress(trust, socket, xff)).toBe(expected);
  });

  it("trusts a peer only when configured", () => {
    expect(peerIsTrusted(none, "127.0.0.1")).toBe(false);
    expect(peerIsTrusted(loopback, "::ffff:127.0.0.1")).toBe(true);
    expect(peerIsTrusted(list, "11.0.0.1")).toBe(false);
    expect(peerIsTrusted(oneHop, "203.0.113.7")).toBe(true);
  });

  it("normalises addresses and refuses what is not one", () => {
    expect(normalizeAddress("::FFFF:10.0.0.1")).toBe("10.0.0.1");
    expect(normalizeAddress("not an ip")).toBe("");
  });
});

describe("TRUST_PROXY setting", () => {
  it.each(["1", "3", "loopback", "10.0.0.0/8", "10.0.0.1,::1", "loopback, 172.16.0.0/12", "0"])("accepts %s", (value) => {
    expect(parseTrustProxy(value)).not.toBeNull();
    expect(() => config(env({ TRUST_PROXY: value }))).not.toThrow();
  });
  it.each(["yes", "true", "10.0.0.0/33", "300.1.1.1", "11", "10.0.0.0/8/1", "-1"])("refuses %s with a message naming it", (value) => {
    expect(parseTrustProxy(value)).toBeNull();
    expect(() => config(env({ TRUST_PROXY: value }))).toThrow(ConfigError);
    expect(() => config(env({ TRUST_PROXY: value }))).toThrow(/TRUST_PROXY/);
  });
  it("APP_URL must be an origin", () => {
    expect(() => config(env({ APP_URL: "https://trechter.example.nl" }))).not.toThrow();
    expect(() => config(env({ APP_URL: "https://trechter.example.nl/app" }))).toThrow(/APP_URL/);
    expect(() => config(env({ APP_URL: "javascript:alert(1)" }))).toThrow(/APP_URL/);
  });
});
