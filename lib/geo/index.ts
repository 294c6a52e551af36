import fs from "node:fs";
import path from "node:path";
import net from "node:net";

/**
 * Country of an IP address from the CC0 geo-whois-asn-country ranges that ship in an npm package
 * (read from node_modules on first use; nothing is downloaded). Addresses are looked up, never kept.
 */

type Table4 = { starts: Uint32Array; ends: Uint32Array; countries: string[] };
type Table6 = { starts: bigint[]; ends: bigint[]; countries: string[] };
let v4: Table4 | null = null;
let v6: Table6 | null = null;

function dataFile(name: string): string {
  // process.cwd() keeps the path out of Next's bundler; the app always runs from the project root.
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@ip-location-db", "geo-whois-asn-country", name);
}

function loadV4(): Table4 {
  const lines = fs.readFileSync(dataFile("geo-whois-asn-country-ipv4-num.csv"), "utf8").split("\n").filter(Boolean);
  const starts = new Uint32Array(lines.length);
  const ends = new Uint32Array(lines.length);
  const countries: string[] = new Array(lines.length);
  lines.forEach((line, i) => {
    const [a, b, c] = line.split(",");
    starts[i] = Number(a);
    ends[i] = Number(b);
    countries[i] = c.trim();
  });
  return { starts, ends, countries };
}

function loadV6(): Table6 {
  const lines = fs.readFileSync(dataFile("geo-whois-asn-country-ipv6-num.csv"), "utf8").split("\n").filter(Boolean);
  const starts: bigint[] = [];
  const ends: bigint[] = [];
  const countries: string[] = [];
  for (const line of lines) {
    const [a, b, c] = line.split(",");
    starts.push(BigInt(a));
    ends.push(BigInt(b));
    countries.push(c.trim());
  }
  return { starts, ends, countries };
}

function search<T extends number | bigint>(starts: ArrayLike<T>, ends: ArrayLike<T>, value: T): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (value < starts[mid]) hi = mid - 1;
    else if (value > ends[mid]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function ipv4ToNumber(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

function ipv6ToBigInt(ip: string): bigint {
  let [head, tail] = ip.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail !== undefined ? (tail ? tail.split(":") : []) : [];
  const parts = tail !== undefined ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  return parts.reduce((acc, p) => (acc << 16n) + BigInt(parseInt(p || "0", 16)), 0n);
}

const PRIVATE_V4: [number, number][] = [
  [0x0a000000, 8], [0xac100000, 12], [0xc0a80000, 16], [0x7f000000, 8], [0xa9fe0000, 16], [0x64400000, 10], [0, 8],
];

function isPrivateV4(n: number): boolean {
  return PRIVATE_V4.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

function isPrivateV6(n: bigint): boolean {
  const top = n >> 112n;
  return n <= 1n || (top & 0xfe00n) === 0xfc00n || (top & 0xffc0n) === 0xfe80n;
}

/** ISO country code (upper case) for an IPv4 or IPv6 address, or null when unknown or private. */
export function lookupCountry(ip: string): string | null {
  const address = ip.trim().replace(/^::ffff:/i, "");
  try {
    if (net.isIPv4(address)) {
      v4 ??= loadV4();
      const n = ipv4ToNumber(address);
      if (isPrivateV4(n)) return null;
      const i = search(v4.starts, v4.ends, n);
      return i >= 0 ? v4.countries[i] : null;
    }
    if (net.isIPv6(address)) {
      if (address.includes(".")) return null;
      v6 ??= loadV6();
      const n = ipv6ToBigInt(address);
      if (isPrivateV6(n)) return null;
      const i = search(v6.starts, v6.ends, n);
      return i >= 0 ? v6.countries[i] : null;
    }
  } catch {
    return null;
  }
  return null;
}
