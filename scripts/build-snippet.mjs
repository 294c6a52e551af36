#!/usr/bin/env node
// Minifies snippet/trechter.js into public/t.js and fails when it reaches 2 KB gzipped.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { transform } from "esbuild";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const LIMIT = 2048;
const source = fs.readFileSync(path.join(root, "snippet", "trechter.js"), "utf8");
const { code } = await transform(source, { minify: true, target: "es2017", loader: "js" });
fs.mkdirSync(path.join(root, "public"), { recursive: true });
fs.writeFileSync(path.join(root, "public", "t.js"), code);
const gz = zlib.gzipSync(code, { level: 9 }).length;
console.log(`[trechter] snippet: ${code.length} bytes, ${gz} bytes gzipped (limit ${LIMIT})`);
if (gz >= LIMIT) {
  console.error(`[trechter] the snippet is ${gz} bytes gzipped; it must stay under ${LIMIT}.`);
  process.exit(1);
}
