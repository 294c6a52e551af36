import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "vitest";

/**
 * What some suites need beyond a clone: the source articles in `../shared/seeds/` (the project's
 * layout, present in CI) and a PostgreSQL server (`TEST_DATABASE_URL`, set by CI). A user's clone
 * has neither, so those suites are reported as skipped with the reason; in CI (`CI=true`) a missing
 * requirement is a failed test instead, so a broken CI setup cannot pass by skipping.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
export const SEEDS_DIR = path.resolve(ROOT, "../shared/seeds");

export type Requirement = { met: boolean; reason: string };

export function seedsRequirement(): Requirement {
  return {
    met: fs.existsSync(path.join(SEEDS_DIR, "conversie.txt")),
    reason: `the source articles are not in ${SEEDS_DIR} (a clone has no ../shared beside it)`,
  };
}

/** A source article (check seedsRequirement() first). */
export function readSeed(name: "conversie.txt" | "sales-funnel.txt"): string {
  return fs.readFileSync(path.join(SEEDS_DIR, name), "utf8");
}

export function postgresRequirement(): Requirement {
  return {
    met: Boolean(process.env.TEST_DATABASE_URL),
    reason: "TEST_DATABASE_URL is not set (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm test)",
  };
}

/** A Citus coordinator for the suites that also run on a cluster (CI starts one with ../shared/citus). */
export function citusRequirement(): Requirement {
  return {
    met: Boolean(process.env.CITUS_DATABASE_URL),
    reason:
      "CITUS_DATABASE_URL is not set (a Citus coordinator: ../shared/citus/build.sh, then ../shared/citus/cluster.sh start DIR PORT prints one)",
  };
}

/** A non-loopback IPv4 address on this machine (a sandbox without a network has none). */
export function networkRequirement(): Requirement {
  const found = Object.values(os.networkInterfaces())
    .flat()
    .some((i) => i && i.family === "IPv4" && !i.internal);
  return { met: found, reason: "this machine has no network interface besides loopback" };
}

export function inCi(): boolean {
  return process.env.CI === "true" || process.env.CI === "1";
}

/**
 * `describe` when every requirement is met. Otherwise one visible skipped test that names the
 * reason, or, in CI, one failing test that does.
 */
export function describeWhen(title: string, requirements: Requirement[], suite: () => void): void {
  const missing = requirements.filter((r) => !r.met);
  if (missing.length === 0) {
    describe(title, suite);
    return;
  }
  const reason = missing.map((r) => r.reason).join("; ");
  describe(title, () => {
    if (inCi()) {
      it("has what it needs in CI", () => {
        throw new Error(`CI must run this suite, but ${reason}`);
      });
    } else {
      it.skipIf(true)(`skipped: ${reason}`, () => {});
    }
  });
}
