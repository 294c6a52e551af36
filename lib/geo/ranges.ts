/**
 * Address ranges as columns (no object per range: the IPv4 table has 334k of them). Bounds are
 * half-open, [starts[i], ends[i]); countries[i] indexes `codes`.
 */
export type RangeTable<T extends number | bigint> = {
  starts: ArrayLike<T>;
  ends: ArrayLike<T>;
  countries: ArrayLike<number>;
  codes: string[];
  length: number;
};

/**
 * Reads `start,end,country` lines with inclusive numeric bounds, as the package's `-num.csv` files
 * have them. Without `value` the bounds are parsed digit by digit into numbers (IPv4); IPv6 bounds
 * exceed 2^53 and are read with `BigInt`, `one` being 1n.
 */
export function readRangeCsv<T extends number | bigint>(text: string, value?: (s: string) => T, one?: T): RangeTable<T> {
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  const capacity = lines + 1;
  const starts = (value ? new Array<T>(capacity) : new Float64Array(capacity)) as T[];
  const ends = (value ? new Array<T>(capacity) : new Float64Array(capacity)) as T[];
  const countries = new Uint16Array(capacity);
  const codes: string[] = [];
  const codeIndex = new Map<number, number>();
  let n = 0;
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const c1 = text.indexOf(",", pos);
    const c2 = c1 < 0 || c1 > nl ? -1 : text.indexOf(",", c1 + 1);
    if (c2 > 0 && c2 < nl) {
      if (value) {
        starts[n] = value(text.slice(pos, c1));
        ends[n] = ((value(text.slice(c1 + 1, c2)) as bigint) + (one as bigint)) as T;
      } else {
        starts[n] = digits(text, pos, c1) as T;
        ends[n] = (digits(text, c1 + 1, c2) + 1) as T;
      }
      const key = text.charCodeAt(c2 + 1) * 65536 + text.charCodeAt(c2 + 2);
      let code = codeIndex.get(key);
      if (code === undefined) {
        codeIndex.set(key, (code = codes.length));
        codes.push(text.slice(c2 + 1, nl).trim());
      }
      countries[n++] = code;
    }
    pos = nl + 1;
  }
  return { starts, ends, countries, codes, length: n };
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/**
 * The order in which to visit ranges: by start, the widest first on a tie. The source is sorted
 * but for a handful of ties, so insertion sort costs O(n + swaps).
 */
function visitOrder<T extends number | bigint>(t: RangeTable<T>): Int32Array {
  const order = new Int32Array(t.length);
  for (let i = 0; i < t.length; i++) order[i] = i;
  const after = (a: number, b: number) => t.starts[a] > t.starts[b] || (t.starts[a] === t.starts[b] && t.ends[a] < t.ends[b]);
  for (let i = 1; i < t.length; i++) {
    const item = order[i];
    let j = i - 1;
    while (j >= 0 && after(order[j], item)) order[j + 1] = order[j--];
    order[j + 1] = item;
  }
  return order;
}

/**
 * Disjoint ranges, sorted, from ranges that may nest: the source lists a wide allocation and then
 * the narrower ranges carved out of it (2.58.192.0/22 DE holds 2.58.197.15 BE), so a plain binary
 * search would answer with the wide one. The narrowest range that holds an address wins (of two
 * that overlap without nesting, the later); neighbours with the same country are merged.
 */
export function flattenRanges<T extends number | bigint>(t: RangeTable<T>): RangeTable<T> {
  const starts: T[] = [];
  const ends: T[] = [];
  const countries: number[] = [];
  const emit = (start: T, end: T, country: number) => {
    if (!(start < end)) return;
    const last = ends.length - 1;
    if (last >= 0 && ends[last] === start && countries[last] === country) ends[last] = end;
    else {
      starts.push(start);
      ends.push(end);
      countries.push(country);
    }
  };
  const open: number[] = [];
  let cursor = t.length ? t.starts[0] : (0 as T);
  // Closes the open ranges that end at or before `limit` (all of them when null).
  const close = (limit: T | null) => {
    while (open.length && (limit === null || t.ends[open[open.length - 1]] <= limit)) {
      const top = open.pop()!;
      if (cursor < t.ends[top]) {
        emit(cursor, t.ends[top], t.countries[top]);
        cursor = t.ends[top];
      }
    }
  };
  for (const i of visitOrder(t)) {
    close(t.starts[i]);
    if (open.length && cursor < t.starts[i]) emit(cursor, t.starts[i], t.countries[open[open.length - 1]]);
    open.push(i);
    cursor = t.starts[i];
  }
  close(null);
  return { starts, ends, countries, codes: t.codes, length: starts.length };
}

/** Binary search over `count` sorted disjoint ranges: `where(i)` is < 0 when the address lies before range i, > 0 after it, 0 inside. Returns i or -1. */
export function findRange(count: number, where: (i: number) => number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = where(mid);
    if (k < 0) hi = mid - 1;
    else if (k > 0) lo = mid + 1;
    else return mid;
  }
  return -1;
}
