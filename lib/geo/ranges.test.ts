import { describe, it, expect } from "vitest";
import { flattenRanges, readRangeCsv, findRange, type RangeTable } from "./ranges";
import { parseIPv4, parseIPv6, stripPort, embeddedIPv4 } from "./address";

type R = [start: number, end: number, country: string];
const r = (start: number, end: number, country: string): R => [start, end, country];
function flat(ranges: R[]): string[] {
  const codes = [...new Set(ranges.map((x) => x[2]))];
  const table: RangeTable<number> = {
    starts: ranges.map((x) => x[0]),
    ends: ranges.map((x) => x[1]),
    countries: ranges.map((x) => codes.indexOf(x[2])),
    codes,
    length: ranges.length,
  };
  const t = flattenRanges(table);
  return Array.from({ length: t.length }, (_, i) => `${t.starts[i]}-${t.ends[i]}:${t.codes[t.countries[i]]}`);
}

describe("flattenRanges", () => {
  it.each([
    ["disjoint ranges stay as they are", [r(0, 10, "A"), r(20, 30, "B")], ["0-10:A", "20-30:B"]],
    ["a range nested in a wider one wins inside it", [r(0, 100, "DE"), r(40, 41, "BE")], ["0-40:DE", "40-41:BE", "41-100:DE"]],
    ["nesting two deep", [r(0, 100, "A"), r(10, 50, "B"), r(20, 30, "C")], ["0-10:A", "10-20:B", "20-30:C", "30-50:B", "50-100:A"]],
    [
      "the source's own re-listing of the remainder merges",
      [r(0, 100, "DE"), r(40, 41, "BE"), r(41, 100, "DE")],
      ["0-40:DE", "40-41:BE", "41-100:DE"],
    ],
    ["same start: the narrower wins, whatever the order", [r(0, 5, "B"), r(0, 100, "A")], ["0-5:B", "5-100:A"]],
    ["partial overlap: the later range wins where both hold", [r(0, 10, "A"), r(5, 15, "B")], ["0-5:A", "5-15:B"]],
    ["adjacent ranges of one country merge", [r(0, 10, "A"), r(10, 20, "A")], ["0-20:A"]],
  ])("%s", (_name, ranges, expected) => {
    expect(flat(ranges)).toEqual(expected);
  });

  it("reads inclusive CSV bounds as half-open ranges and finds an address in them", () => {
    const t = flattenRanges(readRangeCsv<number>("0,99,DE\n40,40,BE\n200,255,NL\n"));
    const find = (n: number) => {
      const i = findRange(t.length, (k) => (n < t.starts[k] ? -1 : n >= t.ends[k] ? 1 : 0));
      return i < 0 ? null : t.codes[t.countries[i]];
    };
    expect([0, 39, 40, 41, 99, 100, 199, 200, 255, 256].map(find)).toEqual(["DE", "DE", "BE", "DE", "DE", null, null, "NL", "NL", null]);
  });
});

describe("addresses", () => {
  it.each([
    ["0.0.0.0", 0],
    ["8.8.8.8", 0x08080808],
    ["255.255.255.255", 4294967295],
    ["256.0.0.1", null],
    ["1.2.3", null],
    ["1.2.3.4.5", null],
    ["1..2.3", null],
    ["a.b.c.d", null],
    ["1234.1.1.1", null],
  ])("IPv4 %s → %s", (ip, n) => expect(parseIPv4(ip)).toBe(n));

  it.each([
    ["2001:db8::1", [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]],
    ["::", [0, 0, 0, 0, 0, 0, 0, 0]],
    ["1:2:3:4:5:6:7:8", [1, 2, 3, 4, 5, 6, 7, 8]],
    ["::ffff:1.2.3.4", [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]],
    ["fe80::1%eth0", [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ["1:::2", null],
    ["8.8.8.8", null],
  ])("IPv6 %s", (ip, groups) => expect(parseIPv6(ip)).toEqual(groups));

  it.each([
    ["1.2.3.4:80", "1.2.3.4"],
    ["[::1]:443", "::1"],
    ["::1", "::1"],
    [" 1.2.3.4 ", "1.2.3.4"],
    ["2001:db8::1", "2001:db8::1"],
  ])("without port: %s → %s", (ip, out) => expect(stripPort(ip)).toBe(out));

  it("finds the IPv4 address inside mapped and NAT64 IPv6 addresses", () => {
    expect(embeddedIPv4(parseIPv6("::ffff:8.8.8.8")!)).toBe(0x08080808);
    expect(embeddedIPv4(parseIPv6("64:ff9b::808:808")!)).toBe(0x08080808);
    expect(embeddedIPv4(parseIPv6("2001:db8::808:808")!)).toBeNull();
  });
});
