#!/usr/bin/env node
// Minifies the snippets into public/: snippet/trechter.js → public/t.js (our own tag), and the
// drop-ins for sites that keep a Plausible or Umami tag (snippet/plausible.js, snippet/umami.js →
// public/drop-in/, served at /js/script.js and /script.js). Fails when one reaches 2 KB gzipped.
// With --check it writes nothing and fails when a built file is not the build of its source
// (the unit test runs it that way, so a stale build cannot pass). Each is bundled with what it
// imports (the drop-ins share snippet/in-order.js) into one script.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LIMIT = 2048;
const check = process.argv.includes("--check");
const SNIPPETS = [
  ["trechter.js", "t.js"],
  ["plausible.js", "drop-in/plausible.js"],
  ["umami.js", "drop-in/umami.js"],
];

let failed = false;
for (const [from, to] of SNIPPETS) {
  const target = path.join(root, "public", to);
  // es2017: every browser that has sendBeacon or keepalive fetch; legalComments none drops the header.
  const { outputFiles } = await build({
    entryPoints: [path.join(root, "snippet", from)],
    bundle: true,
    format: "iife",
    write: false,
    minify: true,
    target: "es2017",
    legalComments: "none",
    // Not the project's tsconfig.json: its strict mode would make esbuild add "use strict".
    tsconfigRaw: "{}",
  });
  const code = outputFiles[0].text;
  const gz = zlib.gzipSync(code, { level: 9 }).length;
  console.log(`[trechter] snippet ${from}: ${code.length} bytes, ${gz} bytes gzipped (limit ${LIMIT})`);
  if (gz >= LIMIT) {
    console.error(`[trechter] snippet/${from} is ${gz} bytes gzipped; it must stay under ${LIMIT}.`);
    failed = true;
  } else if (check) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
    if (current !== code) {
      console.error(`[trechter] public/${to} is not the build of snippet/${from}: run node scripts/build-snippet.mjs`);
      failed = true;
    }
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, code);
  }
}
if (failed) process.exit(1);
