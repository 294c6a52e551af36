import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/**
 * Calling the app's real server actions over HTTP, the way the browser's React client does:
 * POST to a page with the action's id in `Next-Action` and the arguments as a JSON array
 * (what React's encodeReply produces for plain JSON values). The answer is an RSC stream whose
 * row 0 points at the row holding the action's return value, or an `E` row when it threw.
 */

export type ServerAction = { file: string; name: string };

/**
 * Every action of every "use server" file under app/, read from the source: exported async
 * functions, and exported consts (made with server/action's `action(...)`, or an async arrow).
 */
export function serverActions(root = "app"): ServerAction[] {
  const out: ServerAction[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(e.name)) {
        const src = fs.readFileSync(full, "utf8");
        if (!/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/.test(src)) continue;
        const names = [
          ...[...src.matchAll(/^export\s+async\s+function\s+(\w+)/gm)].map((m) => m[1]),
          ...[...src.matchAll(/^export\s+const\s+(\w+)\s*=\s*(?:async\b|action\s*\()/gm)].map((m) => m[1]),
        ];
        for (const name of names) out.push({ file: full.split(path.sep).join("/"), name });
      }
    }
  };
  walk(root);
  return out;
}

type Manifest = { node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }> };
const readManifest = () => JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as Manifest;

/** Action ids of the production build, by "file#name" (only actions some page imports are registered). */
export function actionIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [id, entry] of Object.entries(readManifest().node)) ids.set(`${entry.filename}#${entry.exportedName}`, id);
  return ids;
}

let workersById: Map<string, string[]> | null = null;

/**
 * The page to post an action to, as the browser does: one whose bundle holds the action (posting
 * elsewhere makes Next forward the call internally, which the app's own server does not serve).
 * A route parameter takes the call's first UUID ([projectId]) or first string ([token]).
 */
function actionPage(id: string, args: unknown[]): string {
  workersById ??= new Map(Object.entries(readManifest().node).map(([k, e]) => [k, Object.keys(e.workers)]));
  const routes = (workersById.get(id) ?? []).map(
    (w) =>
      w
        .replace(/^app/, "")
        .replace(/\/\([^)]+\)/g, "")
        .replace(/\/page$/, "") || "/",
  );
  const dynamic = (r: string) => (r.match(/\[/g) ?? []).length;
  const route = routes.sort((a, b) => dynamic(a) - dynamic(b) || a.length - b.length)[0];
  if (!route) return "/";
  // A lone surrogate has no URL form; the page only has to bundle the action, so any value will do.
  const strings = args.filter((a): a is string => typeof a === "string").map((a) => (a.isWellFormed() ? a : "x"));
  const uuid =
    strings.find((a) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(a)) ??
    "00000000-0000-4000-8000-000000000000";
  return route.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(name === "projectId" ? uuid : (strings[0] ?? "x")));
}

export type ActionResponse = {
  status: number;
  /** The value the action returned, when it returned. */
  value?: unknown;
  /** True when the action threw (an `E` row, or an HTTP error). */
  threw: boolean;
  /** Where the action redirected to, if it did. */
  redirect?: string;
  body: string;
};

function encodeArgs(args: unknown[]): string {
  const text = JSON.stringify(args);
  // React escapes strings that start with "$"; none of the attacks need one, so refuse rather than mis-encode.
  if (/"\$/.test(text)) throw new Error(`argument strings starting with "$" need React's escaping: ${text}`);
  return text;
}

function parseRows(body: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const m = line.match(/^([0-9a-f]+):(.*)$/);
    if (m) rows.set(m[1], m[2]);
  }
  return rows;
}

/** Invokes one server action as whoever `request` is signed in as (`headers` over the browser's own). */
export async function callAction(
  request: APIRequestContext,
  baseURL: string,
  id: string,
  args: unknown[],
  headers: Record<string, string> = {},
): Promise<ActionResponse> {
  const res = await request.post(actionPage(id, args), {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL, ...headers },
    data: encodeArgs(args),
    maxRedirects: 0,
  });
  const body = await res.text();
  const redirect =
    res.headers()["x-action-redirect"]?.split(";")[0] ??
    (res.status() >= 300 && res.status() < 400 ? res.headers()["location"] : undefined);
  const out: ActionResponse = { status: res.status(), threw: res.status() >= 400, redirect, body };
  const rows = parseRows(body);
  const head = rows.get("0");
  const ref = head ? (JSON.parse(head) as { a?: string }).a : undefined;
  const row = typeof ref === "string" ? rows.get(ref.replace(/^\$@/, "")) : undefined;
  if (row?.startsWith("E")) out.threw = true;
  else if (row !== undefined) out.value = row === '"$undefined"' ? undefined : JSON.parse(row);
  return out;
}

/** Whether the action said no: threw (401/403/404 as an error), answered {ok:false} or {error}, or sent to the login page. */
export function refused(r: ActionResponse): boolean {
  if (r.threw) return true;
  if (r.redirect && /^\/login\b/.test(new URL(r.redirect, "http://x").pathname)) return true;
  const v = r.value as { ok?: unknown; error?: unknown } | null | undefined;
  return typeof v === "object" && v !== null && (v.ok === false || v.error !== undefined);
}

/** The JSON array that follows `"key":[` in an RSC payload (the props a page hands its client components). */
export function arrayProp(payload: string, key: string): unknown[] {
  const start = payload.indexOf(`"${key}":[`);
  if (start < 0) throw new Error(`no "${key}" array in the page's payload`);
  let i = payload.indexOf("[", start);
  const from = i;
  let depth = 0;
  let inString = false;
  for (; i < payload.length; i++) {
    const c = payload[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) return JSON.parse(payload.slice(from, i + 1));
    }
  }
  throw new Error(`unterminated "${key}" array`);
}
