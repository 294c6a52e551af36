import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";

/** The PDF's text per page (pdftotext, layout kept) and its pages as PNG files (pdftoppm, 60 dpi). */
export function inspectPdf(pdf: Buffer, name: string): { pages: string[]; pngs: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trechter-pdf-"));
  if (process.env.KEEP_PDF) console.log("pdf pages in", dir);
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(dir, "page")]);
  const pngs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".png"))
    .sort()
    .map((f) => path.join(dir, f));
  return { pages: text.split("\f").filter((p) => p.trim()), pngs };
}
