#!/usr/bin/env node
// Minifies snippet/trechter.js into public/t.js and fails when it reaches 2 KB gzipped.
// With --check it writes nothing and fails when public/t.js is not the build of the source
// (the unit test runs it that way, so a stale public/t.js cannot pass).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LIMIT = 2048;
const target = path.join(root, "public", "t.js");
const check = process.argv.includes("--check");

const source = fs.readFileSync(path.join(root, "snippet", "trechter.js"), "utf8");
// es2017: every browser that has sendBeacon or keepalive fetch; legalComments none drops the header.
const { code } = await transform(source, { minify: true, target: "es2017", loader: "js", legalComments: "none" });
const gz = zlib.gzipSync(code, { level: 9 }).length;
console.log(`[trechter] snippet: ${code.length} bytes, ${gz} bytes gzipped (limit ${LIMIT})`);
if (gz >= LIMIT) {
  console.error(`[trechter] the snippet is ${gz} bytes gzipped; it must stay under ${LIMIT}.`);
  process.exit(1);
}
if (check) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (current !== code) {
    console.error("[trechter] public/t.js is not the build of snippet/trechter.js: run node scripts/build-snippet.mjs");
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, code);
}
