import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { ESLint } from "eslint";

// The layer rules in eslint.config.mjs, run through ESLint's Node API on snippets placed at virtual paths
// (the files need not exist): an import that breaks a layer is reported, an allowed one is not.

const root = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;

beforeAll(() => {
  // The layer rules need no type information; without it a snippet lints in milliseconds.
  process.env.LINT_TYPED = "0";
  eslint = new ESLint({ cwd: root });
});

/** The messages of the layer rules (and the no-HTTP rule) for `code` placed at `file`. */
async function layerMessages(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `${file} did not parse`).toEqual([]);
  return result.messages.filter((m) => m.ruleId === "layers/imports" || m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

describe("layer rules report an import that runs the wrong way", () => {
  it.each([
    ["lib/x.ts", `import { db } from "../db/client";\nexport const x = db;`, "lib/ is pure domain code"],
    [
      "lib/funnel/x.ts",
      `import type { FunnelResults } from "../../db/queries/funnel/funnelResults";\nexport type X = FunnelResults;`,
      "lib/ is pure domain code",
    ],
    ["lib/x.ts", `import { cookies } from "next/headers";\nexport const x = cookies;`, "no Next"],
    ["lib/x.ts", `import { sql } from "drizzle-orm";\nexport const x = sql;`, "no database driver"],
    ["lib/x.ts", `export const x = () => import("@/server/http");`, "request-facing code lives in server/"],
    ["components/ui/X.tsx", `import type { Role } from "@/db/schema";\nexport const x: Role | null = null;`, "no db/"],
    [
      "components/ui/X.tsx",
      `import { loadDemoAction } from "@/app/(app)/projects/[projectId]/actions";\nexport const x = loadDemoAction;`,
      "takes actions as props",
    ],
    ["components/funnels/X.tsx", `export type R = import("@/db/queries/funnel/funnelResults").FunnelResults;`, "no db/"],
    ["components/funnels/X.tsx", `export { requireSession } from "@/server/session";`, "no server/"],
    ["db/x.ts", `import { headers } from "next/headers";\nexport const x = headers;`, "no Next"],
    ["db/queries/x.ts", `export const go = async () => (await import("next/navigation")).redirect("/");`, "no Next"],
    ["db/x.ts", `import { auth } from "@/auth";\nexport const x = auth;`, "the session (@/auth) is read in server/"],
    ["db/x.ts", `import { auth } from "../auth";\nexport const x = auth;`, "the session (@/auth) is read in server/"],
    ["db/x.ts", `import { json } from "../server/http";\nexport const x = json;`, "server/ imports db/"],
    ["db/x.ts", `import nodemailer from "nodemailer";\nexport const x = nodemailer;`, "does not send mail"],
    ["server/x.ts", `import { Button } from "@/components/ui/Button";\nexport const x = Button;`, "does not import UI"],
    ["lib/x.ts", `export const ok = () => new Response("ok");`, "do not build HTTP responses"],
    ["db/x.ts", `export const ok = () => Response.json({});`, "do not build HTTP responses"],
  ])("%s: %s", async (file, code, expected) => {
    const messages = await layerMessages(file, code);
    expect(messages.length, messages.join("\n")).toBe(1);
    expect(messages[0]).toContain(expected);
  });
});

describe("layer rules let allowed imports through", () => {
  it.each([
    [
      "lib/x.ts",
      `import { z } from "zod";\nimport { pct } from "./funnel/rates";\nimport type { FunnelStep } from "@/lib/funnel/types";\nexport const x = [z, pct] as const;\nexport type S = FunnelStep;`,
    ],
    // Lands in lib/i18n/server, not in server/: the rule judges where an import lands, not how it is spelled.
    ["lib/i18n/messages/x.ts", `import { y } from "../server";\nexport const x = y;`],
    [
      "db/x.ts",
      `import { eq } from "drizzle-orm";\nimport type { FunnelStep } from "../lib/funnel/types";\nimport { db } from "./client";\nexport const x = [eq, db];\nexport type S = FunnelStep;`,
    ],
    [
      "server/x.ts",
      `import { cookies } from "next/headers";\nimport { auth } from "@/auth";\nimport { forProject } from "@/db/tenant";\nimport { json } from "./http";\nexport const x = [cookies, auth, forProject, json, new Response("ok")];`,
    ],
    [
      "components/funnels/X.tsx",
      `import type { FunnelResults } from "@/lib/funnel/types";\nimport { saveFunnelAction } from "@/app/(app)/projects/[projectId]/actions";\nimport { Button } from "@/components/ui/Button";\nexport const x = [saveFunnelAction, Button];\nexport type R = FunnelResults;`,
    ],
    ["components/ui/X.tsx", `import { cx } from "./cx";\nimport { useState } from "react";\nexport const x = [cx, useState];`],
    ["app/x/page.tsx", `import { db } from "@/db/client";\nimport { json } from "@/server/http";\nexport const x = [db, json];`],
    // Tests are the harness around the layers.
    ["lib/x.test.ts", `import { db } from "../db/client";\nexport const x = db;`],
  ])("%s", async (file, code) => {
    expect(await layerMessages(file, code)).toEqual([]);
  });
});

describe("no file is excused from its layer", () => {
  // The files the layer move took out of db/ and lib/ (issue 15): their old places get no excuse any more.
  it.each([
    ["db/guard.ts", `import { cookies } from "next/headers";\nexport const x = cookies;`],
    ["db/invite-mail.ts", `import nodemailer from "nodemailer";\nexport const x = nodemailer;`],
    ["db/events/ingest.ts", `import { readBodyCapped } from "../../server/body";\nexport const x = readBodyCapped;`],
    ["lib/http.ts", `import { AccessError } from "../db/errors";\nexport const x = AccessError;`],
    ["lib/i18n/server.ts", `import { cookies } from "next/headers";\nexport const x = cookies;`],
    ["lib/conversions/export.ts", `export const csv = () => new Response("a,b");`],
    [
      "components/ui/NoEventsState.tsx",
      `import { loadDemoAction } from "@/app/(app)/projects/[projectId]/actions";\nexport const x = loadDemoAction;`,
    ],
  ])("%s", async (file, code) => {
    expect(await layerMessages(file, code)).toHaveLength(1);
  });

  it("a server component may read the locale from server/i18n, and nothing else of server/", async () => {
    expect(await layerMessages("components/layout/X.tsx", `import { getI18n } from "@/server/i18n";\nexport const x = getI18n;`)).toEqual(
      [],
    );
    const guard = await layerMessages(
      "components/layout/X.tsx",
      `import { pageTeamScope } from "@/server/guard";\nexport const x = pageTeamScope;`,
    );
    expect(guard).toHaveLength(1);
    expect(guard[0]).toContain("no server/");
  });
});
