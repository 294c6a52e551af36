import fs from "node:fs";
import path from "node:path";

const cache = new Map<string, string>();

/**
 * A drop-in snippet (public/drop-in/*.js, built by scripts/build-snippet.mjs) as a script response,
 * read once per process. Sites load it from their existing Plausible or Umami tag.
 */
export function dropInScript(file: "plausible.js" | "umami.js"): Response {
  let code = cache.get(file);
  if (code === undefined) {
    code = fs.readFileSync(path.join(process.cwd(), "public", "drop-in", file), "utf8");
    cache.set(file, code);
  }
  return new Response(code, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

/** The script names a Plausible tag may carry: script.js and its feature variants (script.hash.revenue.js), plausible.js, pa-<id>.js. */
export function isPlausibleScriptName(name: string): boolean {
  return /^(script|plausible)(\.[a-z-]+)*\.js$/.test(name) || /^pa-[\w-]{1,64}\.js$/.test(name);
}
