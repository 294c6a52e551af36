"use client";

import { useMemo } from "react";
import { encode } from "uqr";

/** A QR code drawn here as an SVG (no image service, no data: URL): one path of dark modules. */
export function QrCode({ value, label }: { value: string; label: string }) {
  const { size, path } = useMemo(() => {
    const { data } = encode(value, { ecc: "M", border: 2 });
    let d = "";
    data.forEach((row, y) => row.forEach((dark, x) => (d += dark ? `M${x},${y}h1v1h-1z` : "")));
    return { size: data.length, path: d };
  }, [value]);
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      data-testid="totp-qr"
      shapeRendering="crispEdges"
      className="size-44 rounded-lg ring-1 ring-slate-200"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#0f172a" />
    </svg>
  );
}
