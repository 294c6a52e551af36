#!/usr/bin/env node
// npm start: prepare the database (migrate, seed the demo on first start), build when the build
// is missing or older than the sources, then serve on HOST:PORT (default 127.0.0.1:3000) with the
// app's own HTTP server (server/serve.ts: Next's custom-server API, which sees the socket's address).
// The address and the demo login are printed last, once the server answers, below the build's output.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const prep = spawnSync(bin("tsx"), ["scripts/prepare.ts"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const lines = (prep.stdout ?? "").split("\n");
const marked = (name) => lines.find((l) => l.startsWith(`__${name}__=`))?.slice(name.length + 5);
const secret = marked("AUTH_SECRET");
const demoLogin = marked("DEMO_LOGIN");
process.stdout.write(lines.filter((l) => !/^__[A-Z_]+__=/.test(l)).join("\n"));
if (prep.status !== 0 || !secret) process.exit(prep.status || 1);
env.AUTH_SECRET = secret;

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
  console.log("[trechter] Building the app (first start or changed sources; a few minutes on 2 cores)…");
  const started = Date.now();
  const snippet = spawnSync(process.execPath, ["scripts/build-snippet.mjs"], { env, stdio: "inherit" });
  if (snippet.status !== 0) process.exit(snippet.status || 1);
  const build = spawnSync(bin("next"), ["build"], { env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status || 1);
  console.log(`[trechter] Built in ${Math.round((Date.now() - started) / 1000)} s.`);
}

console.log("[trechter] Starting the server…");
// An IPC channel: the server says when it listens, and on which address.
const server = spawn(bin("tsx"), ["server/serve.ts"], {
  env: { ...env, NODE_ENV: "production" },
  stdio: ["inherit", "inherit", "inherit", "ipc"],
});
server.on("message", (msg) => {
  if (!msg || msg.ready !== true) return;
  const everywhere = msg.host === "0.0.0.0" || msg.host === "::";
  console.log("");
  console.log(`[trechter] Ready: ${msg.url}`);
  console.log(
    everywhere
      ? `[trechter] Listening on every network interface (HOST=${msg.host}).`
      : `[trechter] Listening on ${msg.host} only; set HOST=0.0.0.0 to let other machines connect (see README, Configuration).`,
  );
  if (demoLogin) console.log(`[trechter] Demo login: ${demoLogin}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
