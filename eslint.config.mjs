// ESLint (flat config): typescript-eslint's recommended rules, React hooks, Next's rules, a few rules that
// catch real bugs, and the layer rules that keep each folder to what it may import.
// `npm run lint` runs it (with knip); tests/lint-layers.test.ts proves the layer rules report a break.
// Findings of the other rules that predate the linter are counted in eslint-suppressions.json (ESLint's bulk
// suppressions): they do not fail the run, a new one does. Fix one, then `npx eslint . --prune-suppressions`.
// Layer breaks are never suppressed there, and no file is excused from its layer.
import { defineConfig } from "eslint/config";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import nextPlugin from "@next/eslint-plugin-next";
import globals from "globals";
import layers from "./lint/layers.mjs";

// ── The layers ────────────────────────────────────────────────────────────────────────────────────
// Each entry forbids a project path (resolved from the file, so "../db/x" and "@/db/x" are the same) or a
// package (a regular expression over its name); `except` keeps paths under a forbidden one allowed.
const NEXT = "^(next|next-auth)(/|$)";
const REACT = "^(react|react-dom)(/|$)|^@tanstack/";
const DATABASE = "^(drizzle-orm|postgres|@electric-sql/pglite)(/|$)";
const MAIL = "^nodemailer(/|$)";

const LIB = "lib/ is pure domain code";
const lib = [
  { path: "db", message: `${LIB}: it does not reach into db/ (result types go in lib/<feature>/types.ts, errors in lib/).` },
  { path: "server", message: `${LIB}: request-facing code lives in server/, which imports lib/, not the other way round.` },
  { path: "app", message: `${LIB}: it does not import routes or actions.` },
  { path: "components", message: `${LIB}: it does not import UI.` },
  { path: "auth", message: `${LIB}: the session (@/auth) is read in server/.` },
  { package: NEXT, message: `${LIB}: no Next or next-auth (requests, cookies and redirects belong in server/).` },
  { package: REACT, message: `${LIB}: no React.` },
  { package: DATABASE, message: `${LIB}: no database driver (queries belong in db/).` },
  { package: MAIL, message: `${LIB}: no mail transport (sending mail belongs in server/).` },
];

const DB = "db/ holds the schema, the client, the tenant guard and the queries";
const db = [
  { package: NEXT, message: `${DB}: no Next or next-auth (request and session code belongs in server/).` },
  { path: "auth", message: `${DB}: the session (@/auth) is read in server/.` },
  { path: "server", message: `${DB}: server/ imports db/, not the other way round.` },
  { path: "app", message: `${DB}: it does not import routes or actions.` },
  { path: "components", message: `${DB}: it does not import UI.` },
  { package: REACT, message: `${DB}: no React.` },
  { package: MAIL, message: `${DB}: it does not send mail (server/ does).` },
];

const SERVER = "server/ is request-facing code (session, HTTP, mail, actions)";
const server = [
  { path: "app", message: `${SERVER}: routes import it, not the other way round.` },
  { path: "components", message: `${SERVER}: it does not import UI.` },
  // React's cache() is fine here (one scope lookup per request); client-side UI libraries are not.
  { package: "^react-dom(/|$)|^@tanstack/", message: `${SERVER}: no client-side UI libraries.` },
];

const COMPONENTS = "components/ render what they are given";
const components = [
  { path: "db", message: `${COMPONENTS}: no db/ (take the type from lib/<feature>/types.ts).` },
  // A server component may read the request's locale (server/i18n's getI18n), nothing else of server/.
  { path: "server", except: ["server/i18n"], message: `${COMPONENTS}: no server/ (pages and actions call it).` },
  { package: DATABASE, message: `${COMPONENTS}: no database driver.` },
  { package: MAIL, message: `${COMPONENTS}: no mail transport.` },
];
const ui = [
  ...components,
  { path: "app", message: "components/ui/ is the design system: it takes actions as props and imports nothing from app/." },
];

const CLI = "cli/ runs under tsx, outside Next";
const cli = [
  { path: "app", message: `${CLI}: it does not import routes or actions.` },
  { path: "components", message: `${CLI}: it does not import UI.` },
  { package: NEXT, message: `${CLI}: no Next or next-auth.` },
  { package: REACT, message: `${CLI}: no React.` },
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

const forbid = (entries) => ["error", { forbid: entries }];

// Tests are the harness around the layers (they set up databases, mail servers and requests): the layer
// rules judge the code that ships.
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "tests/**", "e2e/**"];

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
  { files: TESTS, rules: { "layers/imports": "off", "no-restricted-syntax": "off", "@typescript-eslint/no-explicit-any": "off" } },
);
