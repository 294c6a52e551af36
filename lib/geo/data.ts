import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { flattenRanges, readRangeCsv } from "./ranges";

const PACKAGE = "@ip-location-db/geo-whois-asn-country";

const FILES = ["geo-whois-asn-country-ipv4-num.csv", "geo-whois-asn-country-ipv6-num.csv"];

/**
 * The package's folder. First `node_modules` in the working directory or one above it: a path
 * built from process.cwd() is opaque to Next's bundler, which would otherwise try to trace or
 * inline 26 MB of CSV, and the app (dev, `next start`, tests, CLI) runs from the project root, or
 * from a workspace folder under a hoisted install. Then Node's resolution from this file, for a
 * process started elsewhere; a bundler may rewrite that into a module id, so its answer is only
 * used when the data is really there.
 */
export function dataDirectory(): string {
  const has = (dir: string) => fs.existsSync(path.join(dir, FILES[0]));
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(/*turbopackIgnore: true*/ dir, "node_modules", ...PACKAGE.split("/"));
    if (has(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  try {
    const resolved = path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
    if (has(resolved)) return resolved;
  } catch {
    // not resolvable from here either
  }
  throw new Error(`The GeoIP data (${PACKAGE}) was not found under node_modules: run npm install in the project root.`);
}

/** IPv4 ranges: half-open [starts[i], ends[i]) → codes[countries[i]], sorted and disjoint. */
export type Table4 = { starts: Float64Array; ends: Float64Array; countries: Uint16Array; codes: string[] };
/** IPv6 ranges as 64-bit halves with inclusive bounds (2^128, a half-open end, would not fit). */
export type Table6 = {
  startHi: BigUint64Array;
  startLo: BigUint64Array;
  endHi: BigUint64Array;
  endLo: BigUint64Array;
  countries: Uint16Array;
  codes: string[];
};

function read(file: string): string {
  return fs.readFileSync(path.join(dataDirectory(), file), "utf8");
}

export function loadTable4(text = read(FILES[0])): Table4 {
  const t = flattenRanges(readRangeCsv<number>(text));
  return { starts: Float64Array.from(t.starts), ends: Float64Array.from(t.ends), countries: Uint16Array.from(t.countries), codes: t.codes };
}

const LOW64 = (1n << 64n) - 1n;

export function loadTable6(text = read(FILES[1])): Table6 {
  const t = flattenRanges(readRangeCsv(text, BigInt, 1n));
  const n = t.length;
  const out: Table6 = {
    startHi: new BigUint64Array(n),
    startLo: new BigUint64Array(n),
    endHi: new BigUint64Array(n),
    endLo: new BigUint64Array(n),
    countries: Uint16Array.from(t.countries),
    codes: t.codes,
  };
  for (let i = 0; i < n; i++) {
    const last = t.ends[i] - 1n;
    out.startHi[i] = t.starts[i] >> 64n;
    out.startLo[i] = t.starts[i] & LOW64;
    out.endHi[i] = last >> 64n;
    out.endLo[i] = last & LOW64;
  }
  return out;
}
