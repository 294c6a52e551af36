import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawnSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";

// The CLI as an operator runs it: a real process on its own embedded database.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trechter-cli-"));
const tsx = path.resolve("node_modules/.bin/tsx");

function cli(...args: string[]) {
  const r = spawnSync(tsx, ["cli/index.ts", ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", AUTH_SECRET: "cli-test-secret-cli-test-secret-cli-test" },
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

// Several CLI processes a test (tsx, migrations, argon2): 53 s of the default 60 on a loaded CI machine.
describe("admin CLI", { timeout: 240_000 }, () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("migrates, creates a user with a team, and a project with its keys", () => {
    expect(cli("db:migrate").json()).toEqual({ ok: true, database: "pglite" });
    const user = cli("user:create", "--email", "Ops@Example.nl", "--password", "a long password", "--name", "Ops", "--team", "Ops BV");
    expect(user.code).toBe(0);
    expect(user.json().user.email).toBe("ops@example.nl");
    expect(user.json().team.slug).toBe("ops-bv");
    const project = cli("project:create", "--team", "ops-bv", "--name", "Shop", "--sector", "ecommerce");
    expect(project.code).toBe(0);
    const out = project.json();
    expect(out.project.sector).toBe("ecommerce");
    expect(out.writeKey).toMatch(/^tw_/);
    expect(out.readKey).toMatch(/^tr_/);
  });

  it("says clearly what is wrong, on stderr, with a non-zero exit", () => {
    const dup = cli("user:create", "--email", "ops@example.nl", "--password", "a long password", "--name", "Again");
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain("already exists");
    expect(dup.stdout).toBe("");
    const sector = cli("project:create", "--team", "ops-bv", "--name", "X", "--sector", "casino");
    expect(sector.code).not.toBe(0);
    expect(sector.stderr).toContain("--sector must be one of ecommerce, b2b, hospitality, saas, recruitment");
    const missing = cli("project:create", "--name", "X");
    expect(missing.stderr).toContain("Missing --team, --sector");
    const unknown = cli("nope");
    expect(unknown.stderr).toContain('Unknown command "nope"');
    const badEmail = cli("user:create", "--email", "nope", "--password", "short", "--name", "N");
    expect(badEmail.stderr).toContain("--email is not a valid email address");
    expect(badEmail.stderr).toContain("--password must have at least 10 characters");
  });

  it("has --help on each command", () => {
    const help = cli("project:create", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--sector");
  });

  describe("while a server holds the embedded database", () => {
    let holder: ChildProcess;
    beforeAll(async () => {
      // Any process that opened the data directory holds its lock; the CLI must refuse to share it.
      holder = spawn(process.execPath, [
        "-e",
        `require("fs").writeFileSync(${JSON.stringify(path.join(dataDir, "pglite.lock"))}, String(process.pid)); setInterval(() => {}, 1000)`,
      ]);
      await new Promise((r) => setTimeout(r, 500));
    });
    afterAll(() => holder.kill());

    it("stops with a clear message instead of corrupting it", () => {
      const r = cli("db:migrate");
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`in use by process ${holder.pid}`);
    });
  });
});
