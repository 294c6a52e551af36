import { describe, it, expect } from "vitest";
import { logoProblem, sniffLogoType } from "./logo";
import { LOGO_MAX_BYTES } from "./types";

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const webp = Uint8Array.from([...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WEBPVP8 ")]);
const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describe("client logo uploads", () => {
  it("knows PNG, JPEG and WebP by their bytes", () => {
    expect(sniffLogoType(png)).toBe("image/png");
    expect(sniffLogoType(jpeg)).toBe("image/jpeg");
    expect(sniffLogoType(webp)).toBe("image/webp");
  });

  it("refuses an SVG, also when it claims to be a PNG", () => {
    expect(sniffLogoType(svg)).toBeNull();
    expect(logoProblem(svg, "image/svg+xml")).toBe("type");
    expect(logoProblem(svg, "image/png")).toBe("type");
  });

  it("refuses a PNG sent as a JPEG, an empty file and one over the size limit", () => {
    expect(logoProblem(png, "image/jpeg")).toBe("type");
    expect(logoProblem(new Uint8Array(), "image/png")).toBe("empty");
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(png);
    expect(logoProblem(big, "image/png")).toBe("size");
    expect(logoProblem(png, "image/png")).toBeNull();
  });
});
