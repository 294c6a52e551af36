import net from "node:net";

/**
 * Which peers may tell us the client's address (X-Forwarded-For) and the public host and scheme
 * (X-Forwarded-Host/-Proto). Unset: nobody; the socket's address is the client. A number N trusts
 * the N proxies closest to us (each appends the address it saw); a list trusts the peers whose
 * address is in it, walking the chain from the right until an untrusted address is reached.
 */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: net.BlockList; text: string };

const LOOPBACK = "127.0.0.0/8,::1";

/** Parses the TRUST_PROXY setting; null when it is malformed (config.ts reports that). */
export function parseTrustProxy(value: string | undefined): TrustProxy | null {
  const text = value?.trim();
  if (!text) return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? { kind: "hops", hops } : hops === 0 ? { kind: "none" } : null;
  }
  const list = new net.BlockList();
  const expanded = text.replace(/\bloopback\b/g, LOOPBACK);
  for (const raw of expanded.split(",")) {
    const item = raw.trim();
    if (!item) continue;
    const [address, bits, extra] = item.split("/");
    const family = net.isIP(address);
    if (!family || extra !== undefined) return null;
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) return null;
      list.addSubnet(address, prefix, type);
    }
  }
  return { kind: "list", list, text };
}

/** An address without an IPv4-mapped prefix, brackets or port; "" when it is not an IP address. */
export function normalizeAddress(raw: string | undefined): string {
  let value = (raw ?? "").trim();
  const bracketed = value.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) value = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(value)) value = value.slice(7);
  return net.isIP(value) ? value.toLowerCase() : "";
}

function trusted(list: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Whether the direct peer is a proxy we trust (so its X-Forwarded-* headers count). */
export function peerIsTrusted(trust: TrustProxy, socketAddress: string | undefined): boolean {
  if (trust.kind === "none") return false;
  if (trust.kind === "hops") return true;
  return trusted(trust.list, normalizeAddress(socketAddress));
}

/**
 * The client's address for a request that arrived from `socketAddress` with these
 * X-Forwarded-For header values. Never reads X-Forwarded-For unless the peer is trusted.
 */
export function resolveClientAddress(
  trust: TrustProxy,
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
): string {
  const peer = normalizeAddress(socketAddress) || "unknown";
  if (trust.kind === "none") return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const hops = header
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // The chain as our side sees it, nearest last: the addresses the proxies appended, then the peer.
  const chain = [...hops.map((h) => normalizeAddress(h) || h.slice(0, 64)), peer];
  if (trust.kind === "hops") return chain[Math.max(0, chain.length - 1 - trust.hops)];
  let i = chain.length - 1;
  while (i > 0 && trusted(trust.list, chain[i])) i--;
  return chain[i];
}
