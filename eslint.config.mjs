// ESLint (flat config): typescript-eslint's recommended rules, React hooks, Next's rules, a few rules that
// catch real bugs, and the layer rules that keep each folder to what it may import.
// `npm run lint` runs it (with knip); tests/lint-layers.test.ts proves the layer rules report a break.
// Findings of the other rules that predate the linter are counted in eslint-suppressions.json (ESLint's bulk
// suppressions): they do not fail the run, a new one does. Fix one, then `npx eslint . --prune-suppressions`.
// Layer breaks are never suppressed there: they are listed below, file by file.
import { defineConfig } from "eslint/config";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import nextPlugin from "@next/eslint-plugin-next";
import globals from "globals";
import layers from "./lint/layers.mjs";

// ── The layers ────────────────────────────────────────────────────────────────────────────────────
// Each entry forbids a project path (resolved from the file, so "../db/x" and "@/db/x" are the same) or a
// package (a regular expression over its name). `id` names the entry for the known-violations block.
const NEXT = "^(next|next-auth)(/|$)";
const REACT = "^(react|react-dom)(/|$)|^@tanstack/";
const DATABASE = "^(drizzle-orm|postgres|@electric-sql/pglite)(/|$)";
const MAIL = "^nodemailer(/|$)";

const LIB = "lib/ is pure domain code";
const lib = [
  { id: "db", path: "db", message: `${LIB}: it does not reach into db/ (result types go in lib/<feature>/types.ts, errors in lib/).` },
  { id: "server", path: "server", message: `${LIB}: request-facing code lives in server/, which imports lib/, not the other way round.` },
  { id: "app", path: "app", message: `${LIB}: it does not import routes or actions.` },
  { id: "components", path: "components", message: `${LIB}: it does not import UI.` },
  { id: "auth", path: "auth", message: `${LIB}: the session (@/auth) is read in server/.` },
  { id: "next", package: NEXT, message: `${LIB}: no Next or next-auth (requests, cookies and redirects belong in server/).` },
  { id: "react", package: REACT, message: `${LIB}: no React.` },
  { id: "database", package: DATABASE, message: `${LIB}: no database driver (queries belong in db/).` },
  { id: "mail", package: MAIL, message: `${LIB}: no mail transport (sending mail belongs in server/).` },
];

const DB = "db/ holds the schema, the client, the tenant guard and the queries";
const db = [
  { id: "next", package: NEXT, message: `${DB}: no Next or next-auth (request and session code belongs in server/).` },
  { id: "auth", path: "auth", message: `${DB}: the session (@/auth) is read in server/.` },
  { id: "server", path: "server", message: `${DB}: server/ imports db/, not the other way round.` },
  { id: "app", path: "app", message: `${DB}: it does not import routes or actions.` },
  { id: "components", path: "components", message: `${DB}: it does not import UI.` },
  { id: "react", package: REACT, message: `${DB}: no React.` },
  { id: "mail", package: MAIL, message: `${DB}: it does not send mail (server/ does).` },
];

const SERVER = "server/ is request-facing code (session, HTTP, mail, actions)";
const server = [
  { id: "app", path: "app", message: `${SERVER}: routes import it, not the other way round.` },
  { id: "components", path: "components", message: `${SERVER}: it does not import UI.` },
];

const COMPONENTS = "components/ render what they are given";
const components = [
  { id: "db", path: "db", message: `${COMPONENTS}: no db/ (take the type from lib/<feature>/types.ts).` },
  // A server component may read the request's locale (server/i18n's getI18n), nothing else of server/.
  { id: "server", path: "server", except: ["server/i18n"], message: `${COMPONENTS}: no server/ (pages and actions call it).` },
  { id: "database", package: DATABASE, message: `${COMPONENTS}: no database driver.` },
  { id: "mail", package: MAIL, message: `${COMPONENTS}: no mail transport.` },
];
const ui = [
  ...components,
  { id: "app", path: "app", message: "components/ui/ is the design system: it takes actions as props and imports nothing from app/." },
];

const CLI = "cli/ runs under tsx, outside Next";
const cli = [
  { id: "app", path: "app", message: `${CLI}: it does not import routes or actions.` },
  { id: "components", path: "components", message: `${CLI}: it does not import UI.` },
  { id: "next", package: NEXT, message: `${CLI}: no Next or next-auth.` },
  { id: "react", package: REACT, message: `${CLI}: no React.` },
];

// lib/ and db/ build no HTTP responses (server/ and the route handlers do).
const noHttp = [
  "error",
  {
    selector: "NewExpression[callee.name=/^(Response|Headers|NextResponse)$/]",
    message: "lib/ and db/ do not build HTTP responses: that belongs in server/.",
  },
  {
    selector: "CallExpression[callee.object.name=/^(Response|NextResponse)$/]",
    message: "lib/ and db/ do not build HTTP responses: that belongs in server/.",
  },
];

const forbid = (entries) => ["error", { forbid: entries.map(({ id: _id, ...entry }) => entry) }];
const except = (entries, ...ids) => entries.filter((entry) => !ids.includes(entry.id));

// Tests are the harness around the layers (they set up databases, mail servers and requests): the layer
// rules judge the code that ships.
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "tests/**", "e2e/**"];

// ── Known violations, to be removed by the layer move ─────────────────────────────────────────────
// Files that break a layer today, each with the entries it breaks; every other entry of its layer still
// applies to it. The layer move (issue 15, part 2) moves these files; delete each line as its file moves.
const knownViolations = [
  { file: "components/funnels/FunnelDashboard.tsx", layer: components, breaks: ["db"] }, // FunnelResults from db/queries
];

// Type-aware rules (no-floating-promises and friends) need the TypeScript program: set LINT_TYPED=0 to
// lint without it (14 s instead of about a minute on 2 cores; see the README's Tools section).
const typed = process.env.LINT_TYPED !== "0";

export default defineConfig(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".data/",
      ".test-data/",
      "drizzle/",
      "public/",
      "test-results/",
      "playwright-report/",
      "next-env.d.ts",
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: typed ? { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } : {},
    rules: {
      // == hides a type mix-up (== null is allowed); `a && b()` and `c ? d() : e()` are statements here.
      eqeqeq: ["error", "smart"],
      // The text sanitizers match control characters on purpose.
      "no-control-regex": "off",
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // Real bugs the types show: a promise nobody awaits or catches loses its error (and in a server
      // action, its write); a promise where a void callback is expected; awaiting a non-promise.
      ...(typed
        ? {
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
            "@typescript-eslint/await-thenable": "error",
          }
        : {}),
    },
  },
  {
    files: ["**/*.{js,mjs,cjs,mts}"],
    extends: typed ? [tseslint.configs.disableTypeChecked] : [],
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ["snippet/**/*.js"], languageOptions: { sourceType: "script", globals: { ...globals.browser } } },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: { ...reactHooks.configs["recommended-latest"].rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },

  // The layer rules, per folder (later blocks override earlier ones for the same file).
  { plugins: { layers } },
  { files: ["lib/**"], rules: { "layers/imports": forbid(lib), "no-restricted-syntax": noHttp } },
  { files: ["db/**"], rules: { "layers/imports": forbid(db), "no-restricted-syntax": noHttp } },
  { files: ["server/**"], rules: { "layers/imports": forbid(server) } },
  { files: ["components/**"], rules: { "layers/imports": forbid(components) } },
  { files: ["components/ui/**"], rules: { "layers/imports": forbid(ui) } },
  { files: ["cli/**"], rules: { "layers/imports": forbid(cli) } },
  ...knownViolations.map(({ file, layer, breaks, http }) => ({
    files: [file],
    rules: { "layers/imports": forbid(except(layer, ...breaks)), ...(http ? { "no-restricted-syntax": "off" } : {}) },
  })),
  { files: TESTS, rules: { "layers/imports": "off", "no-restricted-syntax": "off", "@typescript-eslint/no-explicit-any": "off" } },
);
