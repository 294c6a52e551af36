import { loadImage, createCanvas } from "@napi-rs/canvas";
import type { ReceivedMail } from "./smtp";

/** The inline image parts of a received message, by Content-ID, decoded. */
export function inlineImages(mail: ReceivedMail): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const part of mail.raw.split(/\r?\n--[^\r\n]+/)) {
    const [head, ...body] = part.split(/\r?\n\r?\n/);
    const cid = head.match(/Content-ID:\s*<([^>]+)>/i)?.[1];
    if (cid && /Content-Type:\s*image\/png/i.test(head)) out.set(cid, Buffer.from(body.join("").replace(/\s+/g, ""), "base64"));
  }
  return out;
}

/** Width, height and the share of pixels that are not (near) white: a blank chart has none. */
export async function pngStats(png: Buffer): Promise<{ width: number; height: number; inked: number }> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] < 230 || data[i + 1] < 230 || data[i + 2] < 230) inked++;
  return { width: img.width, height: img.height, inked: inked / (img.width * img.height) };
}

/** The share of pixels within `tolerance` of one colour (e.g. the annotations' amber on a trend chart). */
export async function colourShare(png: Buffer, [r, g, b]: [number, number, number], tolerance = 40): Promise<number> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  let hits = 0;
  for (let i = 0; i < data.length; i += 4)
    if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= tolerance) hits++;
  return hits / (img.width * img.height);
}
