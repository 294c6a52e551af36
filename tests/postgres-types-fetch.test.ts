import { it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { describeWhen, postgresRequirement } from "./requirements";

// postgres.js fetches array types as the first statement of each connection and dropped that
// promise: when the database cancels it (here a 1 ms statement_timeout set at connect, as a busy
// server or a failover does), the rejection was unhandled and Node ended the whole process
// (porsager/postgres#1192, #1205). patches/postgres+3.4.9.patch catches it. A child process, so an
// unhandled rejection ends it the way it ends the app; both the ESM and the CommonJS build are tried.
const script = (importLine: string) => `
${importLine}
let unhandled = 0;
process.on("unhandledRejection", (e) => { unhandled++; console.error("unhandled:", e?.code ?? e?.message); });
const sql = postgres(process.env.TEST_DATABASE_URL, { max: 1, connection: { statement_timeout: 1 }, onnotice: () => {} });
const outcomes = [];
for (let i = 0; i < 5; i++) {
  try { outcomes.push((await sql\`select 1 as one\`)[0].one === 1 ? "ok" : "wrong"); }
  catch (e) { outcomes.push(e.code ?? "error"); }
}
await sql.end();
await new Promise((r) => setTimeout(r, 200));
console.log(JSON.stringify({ unhandled, outcomes }));
`;

describeWhen("postgres.js: a failed types query does not end the process", [postgresRequirement()], () => {
  it.each([
    ["ESM", 'import postgres from "postgres";', ["--input-type=module"]],
    ["CommonJS", 'const postgres = require("postgres"); (async () => {', []],
  ])("%s build", (_name, importLine, flags) => {
    const body = flags.length ? script(importLine) : `${script(importLine)}\n})();`;
    const r = spawnSync(process.execPath, [...flags, "-e", body], { encoding: "utf8", env: process.env, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(out.unhandled).toBe(0);
    // Every query settles (answered, or refused with the database's own error): none hangs.
    expect(out.outcomes).toHaveLength(5);
  });
});
