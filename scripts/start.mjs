#!/usr/bin/env node
// npm start: prepare the database (migrate, seed the demo on first start), build when the build
// is missing or older than the sources, then serve on PORT (default 3000) with the app's own HTTP
// server (server/serve.ts: Next's custom-server API, which sees the socket's address).
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const prep = spawnSync(bin("tsx"), ["scripts/prepare.ts"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const out = prep.stdout ?? "";
const secretLine = out.split("\n").find((l) => l.startsWith("__AUTH_SECRET__="));
process.stdout.write(
  out
    .split("\n")
    .filter((l) => !l.startsWith("__AUTH_SECRET__="))
    .join("\n"),
);
if (prep.status !== 0 || !secretLine) process.exit(prep.status || 1);
env.AUTH_SECRET = secretLine.slice("__AUTH_SECRET__=".length);

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const buildId = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "components", "lib", "db", "public", "snippet", "server"].filter((d) => fs.existsSync(d));
const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
const stale =
  !builtAt || Math.max(...sources.map(newestSource), ...["next.config.js", "package.json"].map((f) => fs.statSync(f).mtimeMs)) > builtAt;
if (stale) {
  console.log("[trechter] Building the app (first start or changed sources)…");
  const snippet = spawnSync(process.execPath, ["scripts/build-snippet.mjs"], { env, stdio: "inherit" });
  if (snippet.status !== 0) process.exit(snippet.status || 1);
  const build = spawnSync(bin("next"), ["build"], { env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status || 1);
}

const port = process.env.PORT || "3000";
console.log(`[trechter] Serving on http://localhost:${port}`);
const server = spawn(bin("tsx"), ["server/serve.ts"], { env: { ...env, PORT: port, NODE_ENV: "production" }, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
