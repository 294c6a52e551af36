#!/usr/bin/env node
// postgres.js 3.4.9 can crash the whole process when the database goes away: a write scheduled
// with setImmediate runs after the socket was closed (porsager/postgres#1154, #1208), and the
// teardown leaves a stale write timer that stops the connection from flushing again. Until a
// release carries the fix, postinstall applies the guard proposed upstream (PR #1209): settle the
// query with CONNECTION_CLOSED instead of throwing, and reset the timer on teardown. Idempotent.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const MARK = "/* trechter: guarded nextWrite */";
let patched = 0;
for (const rel of ["src/connection.js", "cjs/src/connection.js"]) {
  const file = path.join(root, "node_modules", "postgres", rel);
  if (!fs.existsSync(file)) continue;
  let code = fs.readFileSync(file, "utf8");
  if (code.includes(MARK)) continue;
  const before = code;
  code = code.replace(
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  );
  code = code.split("    clearImmediate(nextWriteTimer)\n").join("    clearImmediate(nextWriteTimer)\n    nextWriteTimer = null\n    chunk = null\n");
  if (code === before || !code.includes(MARK)) {
    console.warn(`[trechter] postgres.js changed; the nextWrite guard was not applied to ${rel} (check whether it is still needed).`);
    continue;
  }
  fs.writeFileSync(file, code);
  patched++;
}
if (patched) console.log(`[trechter] guarded postgres.js nextWrite in ${patched} file(s).`);
