import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

// One name style per kind of file, checked on every source file git knows about (tracked, or new and not ignored):
// - React components (components/**/*.tsx): PascalCase, named after the component (FunnelDashboard.tsx);
// - the one-query-per-file SQL modules under db/queries/**: camelCase, named after the query they export
//   (funnelResults.ts), and engine.ts/facts.ts/fragments.ts for the shared parts;
// - every other module, test, script and config: kebab-case (audience-export.ts, two-proportion.test.ts).
// A test or declaration file takes its subject's name: the part before the first dot is what is checked.
// Folders are kebab-case too, except under app/, where Next's route syntax ((group), [param], [...catchAll], and a
// route named like the file it serves: script.js) rules.

const root = path.resolve(import.meta.dirname, "..");
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIP = /^(drizzle|public|patches)\//; // generated migrations, static files, patch-package patches

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const PASCAL = /^[A-Z][a-zA-Z0-9]*$/;
const NEXT_SEGMENT = /^(\([a-z0-9-]+\)|[a-z0-9-]+\.(js|xml|txt|json)|\[(\.\.\.)?[a-zA-Z][a-zA-Z0-9]*\]|[a-z0-9]+(-[a-z0-9]+)*)$/;

/** Why `file` (a path relative to the project root, with forward slashes) breaks the naming rule, or null. */
function nameProblem(file: string): string | null {
  if (!SOURCE.test(file) || SKIP.test(file)) return null;
  const parts = file.split("/");
  const base = parts.pop()!;
  const stem = base.split(".")[0];
  const inApp = parts[0] === "app";
  for (const dir of parts) {
    if (dir.startsWith(".")) continue; // .ci/
    if (!(inApp ? NEXT_SEGMENT : KEBAB).test(dir)) return `folder "${dir}" is not kebab-case`;
  }
  if (parts[0] === "components" && base.endsWith(".tsx")) {
    return PASCAL.test(stem) ? null : `a React component file is PascalCase (${base})`;
  }
  if (parts[0] === "db" && parts[1] === "queries") {
    return CAMEL.test(stem) ? null : `a db/queries module is camelCase, named after its query (${base})`;
  }
  return KEBAB.test(stem) ? null : `a module, test or script is kebab-case (${base})`;
}

function sourceFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" });
  return out.split("\0").filter((f) => f !== "" && SOURCE.test(f) && existsSync(path.join(root, f)));
}

describe("file names follow one rule per kind of file", () => {
  it("every source file in the repository", () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100); // the listing worked
    const problems = files.map((f) => [f, nameProblem(f)]).filter(([, p]) => p !== null);
    expect(problems).toEqual([]);
  });

  it.each([
    ["lib/stats/sampleSize.ts", "kebab-case"],
    ["lib/funnel/audienceExport.test.ts", "kebab-case"],
    ["server/action_wrapper.ts", "kebab-case"],
    ["e2e/Team.spec.ts", "kebab-case"],
    ["components/ui/button.tsx", "PascalCase"],
    ["components/funnels/funnel-dashboard.tsx", "PascalCase"],
    ["db/queries/funnel/funnel-results.ts", "camelCase"],
    ["db/queries/funnel/FunnelResults.ts", "camelCase"],
    ["lib/funnelStats/rates.ts", "folder"],
    ["app/(app)/projects/[projectId]/shareActions.ts", "kebab-case"],
  ])("reports %s", (file, expected) => {
    expect(nameProblem(file)).toContain(expected);
  });

  it.each([
    "lib/stats/sample-size.ts",
    "lib/stats/two-proportion.test.ts",
    "components/ui/Button.tsx",
    "components/ui/cx.ts",
    "db/queries/funnel/funnelResults.ts",
    "db/queries/funnel/engine.test.ts",
    "db/invite-mail.ts",
    "app/(app)/projects/[projectId]/share-actions.ts",
    "app/api/auth/[...nextauth]/route.ts",
    "app/share/[token]/not-found.tsx",
    "types/next-auth.d.ts",
    "vitest.config.mts",
    ".ci/run",
    "db/queries/funnel/README.md",
  ])("accepts %s", (file) => {
    expect(nameProblem(file)).toBeNull();
  });
});
