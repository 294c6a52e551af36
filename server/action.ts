import "server-only";
import { revalidatePath } from "next/cache";
import { z, ZodError } from "zod";
import { apiTeamScope, sessionUserId } from "@/server/guard";
import { AccessError, InputError } from "@/lib/errors";
import type { ProjectScope, TeamScope } from "@/db/tenant";
import type { Role } from "@/db/schema";
import { isStorableText } from "@/lib/text/safe";
import type { ActionError, ActionErrorCode, ActionResult, FieldErrorCode } from "@/lib/action-result";

/**
 * The one wrapper every server action is written with (like saas-starter's validatedActionWithUser
 * and openstatus's `{ ctx, input }` verbs, but with the tenant guard and one result shape):
 *
 *   export const deleteGoalAction = action(
 *     { input: z.tuple([id, id]), access: "admin", project: ([projectId]) => projectId, revalidate: ([p]) => [`/projects/${p}/goals`] },
 *     async ([, goalId], { project }) => deleteGoal(project, goalId),
 *   );
 *
 * 1. The arguments, as the browser sent them, are refused when any string or key anywhere holds a
 *    NUL byte or a lone surrogate, or when they nest deeper than MAX_DEPTH.
 * 2. They are parsed whole by `input` (a tuple of strict schemas); a key the schema would have
 *    dropped is refused too (`unknown_key`), so a lax nested schema cannot let one through silently.
 * 3. The scope comes from the session through the tenant guard (server/guard, db/tenant), never from
 *    the arguments: the team of the session, and with `project` the team's project of that id, with
 *    at least the `access` role (403 otherwise; another team's project is 404).
 * 4. Access, input and zod errors become `{ ok: false, error: { code, fieldErrors? } }` here and
 *    nowhere else: bad input is never a 500. Anything else is a real fault and is rethrown (as are
 *    Next's redirect and notFound signals).
 * 5. On success the `revalidate` paths are revalidated and `{ ok: true, data }` is returned.
 */

/** Who may call: anyone, any signed-in user, or a member of the session's team with at least this role. */
export type Access = "public" | "signedIn" | Role;

type Ctx<A extends Access, P extends boolean> = {
  userId: A extends "public" ? null : string;
  team: A extends "public" | "signedIn" ? TeamScope | null : TeamScope;
  project: P extends true ? ProjectScope : null;
};

type Options<S extends z.ZodType, A extends Access> = {
  /** A z.tuple of the action's arguments, with strict objects and UUID ids. */
  input: S;
  access: A;
  /** For project actions: which argument names the project (re-fetched through the guard). */
  project?: (input: z.output<S>) => string;
  /** Paths to revalidate after success. */
  revalidate?: (input: z.output<S>) => string[];
  /** The form field a parse problem at `path` belongs to (default: the path inside the argument, joined by "."). */
  field?: (path: PropertyKey[]) => string;
};

/** Nesting deeper than this is refused before parsing (no action takes more than a few levels). */
export const MAX_DEPTH = 16;

/** A refusal an action body decides itself (a file that is too large, say). */
export class ActionRefusal extends Error {
  constructor(readonly error: ActionError) {
    super(error.code);
  }
}
export const refuse = (code: ActionErrorCode, fieldErrors?: Record<string, FieldErrorCode>) =>
  new ActionRefusal({ code, ...(fieldErrors ? { fieldErrors } : {}) });

export function action<S extends z.ZodType, A extends Access, T = void>(
  opts: Options<S, A> & { project: (input: z.output<S>) => string },
  body: (input: z.output<S>, ctx: Ctx<A, true>) => Promise<T>,
): (...args: z.input<S> extends unknown[] ? z.input<S> : never) => Promise<ActionResult<T>>;
export function action<S extends z.ZodType, A extends Access, T = void>(
  opts: Options<S, A>,
  body: (input: z.output<S>, ctx: Ctx<A, false>) => Promise<T>,
): (...args: z.input<S> extends unknown[] ? z.input<S> : never) => Promise<ActionResult<T>>;
export function action<S extends z.ZodType, A extends Access, T>(
  opts: Options<S, A>,
  body: (input: z.output<S>, ctx: Ctx<A, boolean>) => Promise<T>,
) {
  const fieldOf = opts.field ?? defaultField;
  return async (...args: unknown[]): Promise<ActionResult<T>> => {
    try {
      const unsafe = unsafeFields(args);
      if (unsafe) return refusal("invalid_input", { [fieldOf(unsafe.path)]: unsafe.code });
      const parsed = opts.input.safeParse(args);
      if (!parsed.success) return refusal("invalid_input", fieldErrorsOf(parsed.error, fieldOf, args));
      const dropped = droppedKey(args, parsed.data, []);
      if (dropped) return refusal("invalid_input", { [fieldOf(dropped)]: "unknown_key" });
      const input = parsed.data as z.output<S>;

      const ctx = { userId: null, team: null, project: null } as {
        userId: string | null;
        team: TeamScope | null;
        project: ProjectScope | null;
      };
      if (opts.access === "signedIn") {
        ctx.userId = await sessionUserId();
        if (!ctx.userId) return refusal("unauthenticated");
        ctx.team = await apiTeamScope().catch((err) => (err instanceof AccessError ? null : Promise.reject(err)));
      } else if (opts.access !== "public") {
        const role = opts.access as Role;
        ctx.team = await apiTeamScope();
        ctx.userId = ctx.team.userId;
        if (opts.project) ctx.project = (await ctx.team.project(opts.project(input))).require(role);
        else ctx.team.require(role);
      }

      const data = await body(input, ctx as Ctx<A, boolean>);
      for (const path of opts.revalidate?.(input) ?? []) revalidatePath(path);
      return data === undefined ? { ok: true } : { ok: true, data };
    } catch (err) {
      if (err instanceof ActionRefusal) return { ok: false, error: err.error };
      if (err instanceof AccessError) return refusal(err.code === "not_found" ? "not_found" : err.code);
      if (err instanceof InputError) {
        const code = err.status === 409 ? "conflict" : "invalid_input";
        return refusal(code, err.field ? { [err.field]: err.status === 409 ? "taken" : "invalid" } : undefined);
      }
      if (err instanceof ZodError)
        return refusal(
          "invalid_input",
          fieldErrorsOf(err, (path) => path.map(String).join(".") || "form"),
        );
      throw err;
    }
  };
}

function refusal(code: ActionErrorCode, fieldErrors?: Record<string, FieldErrorCode>): { ok: false; error: ActionError } {
  return { ok: false, error: fieldErrors && Object.keys(fieldErrors).length ? { code, fieldErrors } : { code } };
}

/** [argIndex, ...inside] → "inside.path", or the argument's index alone for a scalar argument. */
function defaultField(path: PropertyKey[]): string {
  return path.length > 1 ? path.slice(1).map(String).join(".") : `arg${String(path[0] ?? 0)}`;
}

/** The first problem of each field, as a code; `input` (when known) tells a missing value from a wrong one. */
function fieldErrorsOf(error: ZodError, fieldOf: (path: PropertyKey[]) => string, input?: unknown): Record<string, FieldErrorCode> {
  // A Map, then own properties: a field named `__proto__` or `constructor` is a field like any other.
  const out = new Map<string, FieldErrorCode>();
  for (const issue of error.issues) {
    const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
    const field = fieldOf(path);
    const missing = input !== undefined && valueAt(input, issue.path) === undefined;
    if (!out.has(field)) out.set(field, issueCode(issue, missing));
  }
  return Object.fromEntries(out);
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    if (!Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function issueCode(issue: z.core.$ZodIssue, missing: boolean): FieldErrorCode {
  switch (issue.code) {
    case "unrecognized_keys":
      return "unknown_key";
    case "invalid_type":
      return missing ? "required" : "invalid";
    case "too_big":
      return issue.origin === "string" ? "too_long" : "too_big";
    case "too_small":
      return issue.origin === "string" ? (issue.minimum === 1 ? "required" : "too_short") : "too_small";
    case "custom":
      // lib/text/safe's storableText and the schemas here word unstorable text so.
      return issue.message === "unsafe_text" || /cannot be stored|NUL/.test(issue.message) ? "unsafe_text" : "invalid";
    default:
      return "invalid";
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** The first string or key holding text PostgreSQL cannot store, or nesting beyond MAX_DEPTH. */
function unsafeFields(value: unknown, path: PropertyKey[] = [], depth = 0): { path: PropertyKey[]; code: FieldErrorCode } | null {
  if (typeof value === "string") return !isStorableText(value) ? { path, code: "unsafe_text" } : null;
  if (depth > MAX_DEPTH && (Array.isArray(value) || isPlainObject(value))) return { path, code: "too_big" };
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = unsafeFields(v, [...path, i], depth + 1);
      if (found) return found;
    }
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (!isStorableText(k)) return { path: [...path, k], code: "unsafe_text" };
      const found = unsafeFields(v, [...path, k], depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A key of the input that parsing dropped (a non-strict object schema strips unknown keys
 * silently): a backstop so an extra `projectId` nested anywhere is refused, not ignored.
 */
function droppedKey(input: unknown, output: unknown, path: PropertyKey[]): PropertyKey[] | null {
  if (Array.isArray(input) && Array.isArray(output)) {
    for (let i = 0; i < Math.min(input.length, output.length); i++) {
      const found = droppedKey(input[i], output[i], [...path, i]);
      if (found) return found;
    }
  } else if (isPlainObject(input) && isPlainObject(output)) {
    for (const key of Object.keys(input)) {
      if (input[key] === undefined) continue;
      // Own keys only: `key in output` is true for `__proto__`, `constructor` or `toString` on any object.
      if (!Object.hasOwn(output, key)) return [...path, key];
      const found = droppedKey(input[key], output[key], [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** An id from the browser: a UUID (the tenant guard still decides whose it is). */
export const id = z.guid();
