import { describe, it, expect, beforeAll, afterAll, inject } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "../db/schema";
import { openPostgres, type Db, type DbHandle } from "../db/client";
import { findUserByEmail } from "../db/accounts";
import { createSession, sessionIsLive } from "../db/sessions";
import { verifyPassword } from "../lib/auth/password";
import { testKinds } from "../tests/db";
import { describeWhen, postgresRequirement } from "../tests/requirements";

// `user:password` as an operator runs it with the server stopped: a real process on a real database.
const tsx = path.resolve("node_modules/.bin/tsx");

type Target = { env: Record<string, string>; open: () => Promise<DbHandle>; cleanup: () => Promise<void> };

function pgliteTarget(): Target {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trechter-cli-pw-"));
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: "" },
    // Opened only between CLI runs: PGlite allows one process per data directory.
    open: async () => {
      const client = await PGlite.create(path.join(dataDir, "pglite"));
      return { db: drizzle(client, { schema }) as unknown as Db, kind: "pglite", close: () => client.close() };
    },
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const url = process.env.TEST_DATABASE_URL!;
  const name = `trechter_cli_${crypto.randomBytes(5).toString("hex")}`;
  const admin = await openPostgres(url, 1);
  await admin.db.execute(sql.raw(`create database ${name} template ${inject("pgTemplate")}`));
  await admin.close();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: u.toString() },
    open: () => openPostgres(u.toString(), 2),
    cleanup: async () => {
      const again = await openPostgres(url, 1);
      await again.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await again.close();
    },
  };
}

function suite(kind: "pglite" | "postgres", make: () => Promise<Target> | Target) {
  let target: Target;
  const cli = (args: string[], input?: string) => {
    const r = spawnSync(tsx, ["cli/index.ts", ...args], {
      env: { ...process.env, ...target.env, AUTH_SECRET: "cli-test-secret-cli-test-secret-cli-test" },
      input,
      encoding: "utf8",
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const withDb = async <T>(fn: (db: Db) => Promise<T>) => {
    const handle = await target.open();
    try {
      return await fn(handle.db);
    } finally {
      await handle.close();
    }
  };

  // Each test runs the CLI as separate processes (tsx starting up, migrating, argon2): on a loaded
  // CI machine three of them took 41 s of the default 60, so the limit here is the processes', not the test's.
  describe(`user:password [${kind}]`, { timeout: 240_000 }, () => {
    beforeAll(async () => {
      target = await make();
      const made = cli(["user:create", "--email", "lost@example.nl", "--password", "forgotten password", "--name", "Lost"]);
      expect(made.code, made.stderr).toBe(0);
    });
    afterAll(() => target.cleanup());

    it("sets the password read from stdin, never prints it, and ends every session", async () => {
      const session = await withDb(async (db) => createSession(db, (await findUserByEmail(db, "lost@example.nl"))!.id, 3600));
      const r = cli(["user:password", "Lost@Example.nl"], "brand new password\n");
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, user: { email: "lost@example.nl" }, sessionsEnded: true });
      expect(r.stdout + r.stderr).not.toContain("brand new password");
      await withDb(async (db) => {
        const user = (await findUserByEmail(db, "lost@example.nl"))!;
        expect(await verifyPassword(user.passwordHash, "brand new password")).toBe(true);
        expect(await verifyPassword(user.passwordHash, "forgotten password")).toBe(false);
        expect(await sessionIsLive(db, session, user.id)).toBe(false);
      });
    });

    it("refuses a short password, an unknown user and a missing address, changing nothing", async () => {
      const short = cli(["user:password", "lost@example.nl"], "short\n");
      expect(short.code).not.toBe(0);
      expect(short.stderr).toContain("at least 10 characters");
      expect(short.stdout).toBe("");
      const unknown = cli(["user:password", "nobody@example.nl"], "another long password\n");
      expect(unknown.stderr).toContain("No user with email nobody@example.nl");
      const missing = cli(["user:password"], "another long password\n");
      expect(missing.stderr).toContain("Name the user");
      await withDb(async (db) => {
        expect(await verifyPassword((await findUserByEmail(db, "lost@example.nl"))!.passwordHash, "brand new password")).toBe(true);
      });
    });

    it("has --help", () => {
      const help = cli(["user:password", "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("user:password <email>");
    });
  });
}

suite("pglite", pgliteTarget);
if (testKinds().includes("postgres")) suite("postgres", postgresTarget);
else describeWhen("user:password [postgres]", [postgresRequirement()], () => {});
