// The layer rule: which folders and packages a file may import, by where the import lands.
//
// ESLint's own no-restricted-imports matches the text of a specifier, so "../db/x" from lib/x.ts and
// "../db/x" from lib/i18n/messages/x.ts (which lands in lib/i18n/db) look alike, and it does not see
// import() or `import("x").Type`. This rule resolves relative and "@/" specifiers against the file
// (so a folder is judged by where the import lands) and checks every form of import:
// import/export ... from, import(), import("x").T, import x = require(), require().
//
// Options: { forbid: [{ path?: "db" | "server/mail", package?: "^next(/|$)", message }] }
//   path:    a project path (a folder or a module, matched on whole segments after resolving); "auth" is the root auth.ts.
//   package: a regular expression over a bare package specifier (node:* and npm packages).
//   except:  project paths under `path` that stay allowed (e.g. "server/i18n" for server components).
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Where a specifier lands: { path: "db/client" } inside the project, { package: "next/headers" } outside. */
export function target(spec, filename) {
  if (spec.startsWith("@/")) return { path: stripExt(spec.slice(2)) };
  if (spec.startsWith("./") || spec.startsWith("../") || spec === "." || spec === "..") {
    const abs = path.resolve(path.dirname(filename), spec);
    const rel = path.relative(ROOT, abs).split(path.sep).join("/");
    return rel.startsWith("..") ? { package: spec } : { path: stripExt(rel) };
  }
  return { package: spec };
}

const stripExt = (p) => p.replace(/\.(m?[jt]sx?)$/, "");
const under = (p, prefix) => p === prefix || p.startsWith(prefix + "/");

const rule = {
  meta: {
    type: "problem",
    docs: { description: "Keep each folder to the layers it may import (see eslint.config.mjs)" },
    schema: [
      {
        type: "object",
        properties: {
          forbid: {
            type: "array",
            items: {
              type: "object",
              properties: {
                path: { type: "string" },
                except: { type: "array", items: { type: "string" } },
                package: { type: "string" },
                message: { type: "string" },
              },
              required: ["message"],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    ],
    messages: { forbidden: "'{{spec}}': {{message}}" },
  },
  create(context) {
    const forbid = (context.options[0]?.forbid ?? []).map((f) => ({ ...f, re: f.package ? new RegExp(f.package) : null }));
    if (forbid.length === 0) return {};
    const filename = context.filename;
    const check = (node) => {
      if (!node || node.type !== "Literal" || typeof node.value !== "string") return;
      const t = target(node.value, filename);
      const hit = forbid.find((f) =>
        t.path !== undefined && f.path !== undefined
          ? under(t.path, f.path) && !(f.except ?? []).some((e) => under(t.path, e))
          : t.package !== undefined && f.re?.test(t.package),
      );
      if (hit) context.report({ node, messageId: "forbidden", data: { spec: node.value, message: hit.message } });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      // typescript-eslint 8 names the specifier `source`; older versions had `argument` (a TSLiteralType).
      TSImportType: (n) => check(n.source ?? (n.argument?.type === "TSLiteralType" ? n.argument.literal : n.argument)),
      TSExternalModuleReference: (n) => check(n.expression),
      CallExpression: (n) => n.callee.type === "Identifier" && n.callee.name === "require" && check(n.arguments[0]),
    };
  },
};

export default { meta: { name: "trechter-layers" }, rules: { imports: rule } };
