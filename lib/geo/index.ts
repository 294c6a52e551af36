import { embeddedIPv4, isPrivateIPv4, isPrivateIPv6, parseIPv4, parseIPv6, stripPort } from "./address";
import { loadTable4, loadTable6, type Table4, type Table6 } from "./data";
import { findRange } from "./ranges";

/*
 * Country of an IP address from the CC0 geo-whois-asn-country ranges that ship in an npm package,
 * read from node_modules on first use (nothing is downloaded). Addresses are looked up, never kept.
 */

let v4: Table4 | null = null;
let v6: Table6 | null = null;

const EMPTY4: Table4 = { starts: new Float64Array(0), ends: new Float64Array(0), countries: new Uint16Array(0), codes: [] };
const EMPTY6: Table6 = {
  startHi: new BigUint64Array(0),
  startLo: new BigUint64Array(0),
  endHi: new BigUint64Array(0),
  endLo: new BigUint64Array(0),
  countries: new Uint16Array(0),
  codes: [],
};

/**
 * Without the data, countries are unknown but events still flow: one error in the log, not one
 * per request, and no retry of a failed read on every event.
 */
function loadOrEmpty<T>(load: () => T, empty: T): T {
  try {
    return load();
  } catch (err) {
    console.error(`[trechter] GeoIP lookups are off: ${(err as Error).message}`);
    return empty;
  }
}

function country4(n: number): string | null {
  if (isPrivateIPv4(n)) return null;
  const t = (v4 ??= loadOrEmpty(() => loadTable4(), EMPTY4));
  const i = findRange(t.starts.length, (k) => (n < t.starts[k] ? -1 : n >= t.ends[k] ? 1 : 0));
  return i < 0 ? null : t.codes[t.countries[i]];
}

function country6(g: number[]): string | null {
  if (isPrivateIPv6(g)) return null;
  const t = (v6 ??= loadOrEmpty(() => loadTable6(), EMPTY6));
  const hi = (BigInt(g[0] * 65536 + g[1]) << 32n) | BigInt(g[2] * 65536 + g[3]);
  const lo = (BigInt(g[4] * 65536 + g[5]) << 32n) | BigInt(g[6] * 65536 + g[7]);
  const i = findRange(t.startHi.length, (k) =>
    hi < t.startHi[k] || (hi === t.startHi[k] && lo < t.startLo[k])
      ? -1
      : hi > t.endHi[k] || (hi === t.endHi[k] && lo > t.endLo[k])
        ? 1
        : 0,
  );
  return i < 0 ? null : t.codes[t.countries[i]];
}

/** ISO 3166-1 alpha-2 code (upper case) of an IPv4 or IPv6 address (a port allowed), or null when unknown, private or not an address. */
export function lookupCountry(ip: string): string | null {
  const address = stripPort(ip);
  const n = parseIPv4(address);
  if (n !== null) return country4(n);
  const groups = parseIPv6(address);
  if (!groups) return null;
  const mapped = embeddedIPv4(groups);
  return mapped !== null ? country4(mapped) : country6(groups);
}
