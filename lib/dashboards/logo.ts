import { LOGO_MAX_BYTES, LOGO_TYPES, type LogoType } from "./types";
import { isOneOf } from "../one-of";

/**
 * The type of an uploaded logo from its first bytes (the browser's claim is not trusted): PNG, JPEG
 * or WebP. Anything else, an SVG above all (it can carry scripts), is null.
 */
export function sniffLogoType(bytes: Uint8Array): LogoType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

export type LogoProblem = "type" | "size" | "empty";

/** Checks a logo: a PNG, JPEG or WebP (by its bytes, matching the type it was sent as) of at most LOGO_MAX_BYTES. */
export function logoProblem(bytes: Uint8Array, claimed: string): LogoProblem | null {
  if (!bytes.length) return "empty";
  if (bytes.length > LOGO_MAX_BYTES) return "size";
  const sniffed = sniffLogoType(bytes);
  if (!sniffed || !isOneOf(LOGO_TYPES, claimed) || sniffed !== claimed) return "type";
  return null;
}
