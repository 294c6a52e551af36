import net from "node:net";

/** An IPv4 address in dotted-quad form as an unsigned 32-bit number, or null when it is not one. */
export function parseIPv4(s: string): number | null {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (!digits || part > 255) return null;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + c - 48;
      if (++digits > 3) return null;
    } else {
      return null;
    }
  }
  if (dots !== 3 || !digits || part > 255) return null;
  return n * 256 + part;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad and a zone id allowed), or null. */
export function parseIPv6(s: string): number[] | null {
  const address = s.split("%")[0];
  // node validates every spelling (compressed, embedded IPv4); the split below can then be naive.
  if (!net.isIPv6(address)) return null;
  const [head, tail] = address.split("::");
  const words = (part: string | undefined): number[] => {
    if (!part) return [];
    const out: number[] = [];
    for (const w of part.split(":")) {
      if (w.includes(".")) {
        const v4 = parseIPv4(w) ?? 0;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else {
        out.push(parseInt(w, 16));
      }
    }
    return out;
  };
  const h = words(head);
  if (tail === undefined) return h;
  const t = words(tail);
  return [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}

/** The IPv4 address an IPv6 one carries (::ffff:a.b.c.d mapped, 64:ff9b::/96 NAT64), else null. */
export function embeddedIPv4(g: number[]): number | null {
  const mapped = g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0;
  return mapped || nat64 ? g[6] * 65536 + g[7] : null;
}

// Private, loopback, link-local, CGNAT and "this network" blocks: never a visitor's country.
const PRIVATE_V4: [number, number][] = [
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
  [0x64400000, 10],
  [0, 8],
];

export function isPrivateIPv4(n: number): boolean {
  for (const [base, bits] of PRIVATE_V4) if (n >>> (32 - bits) === base >>> (32 - bits)) return true;
  return false;
}

/** Unspecified, loopback, unique-local (fc00::/7) and link-local (fe80::/10) IPv6 addresses. */
export function isPrivateIPv6(g: number[]): boolean {
  if ((g[0] & 0xfe00) === 0xfc00 || (g[0] & 0xffc0) === 0xfe80) return true;
  for (let i = 0; i < 7; i++) if (g[i] !== 0) return false;
  return g[7] <= 1;
}

/** The address without a port (`1.2.3.4:80`, `[2001:db8::1]:443`) or surrounding spaces. */
export function stripPort(ip: string): string {
  const s = ip.trim();
  if (s.startsWith("[")) {
    const close = s.indexOf("]");
    return s.slice(1, close < 0 ? undefined : close);
  }
  const colon = s.indexOf(":");
  return colon > 0 && colon === s.lastIndexOf(":") && s.includes(".") ? s.slice(0, colon) : s;
}
