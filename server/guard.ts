import { cache } from "react";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/auth";
import { getDb } from "../db/client";
import { teamScopeForUser, projectScopeForReadKey, type TeamScope, type ProjectScope } from "../db/tenant";
import { AccessError, unauthenticated } from "../lib/errors";
import { findTeamFunnel, getFunnel, type FunnelRow } from "../db/funnels";
import { twoFactorMissing } from "../db/two-factor";
import { safeNext } from "../lib/auth/safe-next";
import { PATH_HEADER } from "./origin";

/**
 * The request-facing half of the tenant guard: it resolves the session (or a read key) into a
 * scope. The team comes from the session's memberships, never from the request body.
 */

export const TEAM_COOKIE = "trechter_team";

export async function sessionUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}

/** The team requires two-factor sign-in and the member has not set it up: a 403 for APIs, the account page for pages. */
export class TwoFactorGate extends AccessError {
  constructor(readonly teamName: string) {
    super(403, "forbidden", `${teamName} requires two-factor sign-in: set it up on your account page first.`);
  }
}

/** Where a member whose team requires two-factor sign-in is sent to set it up. */
export const TWO_FACTOR_SETUP_PATH = "/account?required=two-factor";

/**
 * The signed-in user's current team scope, or null when nobody is signed in. Throws TwoFactorGate
 * when the team requires two-factor sign-in and the user has none, unless `twoFactorGate` is false
 * (the app's frame, the account page and switching teams, which must work to get out of it).
 */
export async function currentTeamScope(opts: { twoFactorGate?: boolean } = {}): Promise<TeamScope | null> {
  const userId = await sessionUserId();
  if (!userId) return null;
  const preferred = (await cookies()).get(TEAM_COOKIE)?.value ?? null;
  const scope = await teamScopeForUser(await getDb(), userId, preferred);
  if (scope && opts.twoFactorGate !== false && (await twoFactorMissing(scope.db, scope.userId, scope.teamId)))
    throw new TwoFactorGate(scope.teamName);
  return scope;
}

/**
 * The login page, coming back to the page asked for after signing in (a deep link survives the
 * login). Only a same-origin path is kept (lib/auth/safe-next.ts); the path comes from the app's
 * server, which overwrites whatever a client sent in its header.
 */
async function loginRedirect(): Promise<never> {
  const asked = safeNext((await headers()).get(PATH_HEADER), "");
  redirect(asked && asked !== "/" ? `/login?next=${encodeURIComponent(asked)}` : "/login");
}

/**
 * For pages: the team scope, or a redirect to the login page (which then returns here), or to set up
 * two-factor sign-in when the team requires it (unless `twoFactorGate` is false).
 */
export async function pageTeamScope(opts: { twoFactorGate?: boolean } = {}): Promise<TeamScope> {
  let scope: TeamScope | null;
  try {
    scope = await currentTeamScope(opts);
  } catch (err) {
    if (err instanceof TwoFactorGate) redirect(TWO_FACTOR_SETUP_PATH);
    throw err;
  }
  if (scope) return scope;
  // Signed in but in no team (an invitee removed from the only team they joined): make one, not a login loop.
  if (await sessionUserId()) redirect("/new-team");
  return loginRedirect();
}

/** For route handlers and server actions: the team scope, or a 401. */
export async function apiTeamScope(): Promise<TeamScope> {
  const scope = await currentTeamScope();
  if (!scope) throw unauthenticated();
  return scope;
}

/**
 * A project's scope for the signed-in member, looked up once per request (React's cache: a project's
 * layout and its page share one lookup). Throws the guard's AccessError: 401 signed out, 404 for a
 * project that is not the team's (route() answers them); pages use pageProjectScope.
 */
export const projectScopeFor = cache(async (projectId: string): Promise<ProjectScope> => (await apiTeamScope()).project(projectId));

/** For pages: the project's scope, or a redirect to the login page (signed out), or Next's not-found page (not the team's). */
export async function pageProjectScope(projectId: string): Promise<ProjectScope> {
  try {
    return await projectScopeFor(projectId);
  } catch (err) {
    if (err instanceof TwoFactorGate) redirect(TWO_FACTOR_SETUP_PATH);
    if (err instanceof AccessError) {
      if (err.status === 401) await loginRedirect();
      notFound();
    }
    throw err;
  }
}

/**
 * For the query API: a bearer read key opens its own project only (another project's id is 404),
 * else a signed-in member's session opens any project of their team.
 */
export async function apiProjectScope(request: Request, projectId?: string | null): Promise<ProjectScope> {
  const header = request.headers.get("authorization");
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const scope = await projectScopeForReadKey(await getDb(), bearer);
    if (projectId && projectId !== scope.projectId) {
      const { notFound } = await import("../lib/errors");
      throw notFound("Project not found");
    }
    return scope;
  }
  const team = await apiTeamScope();
  if (!projectId) {
    const { InputError } = await import("../lib/errors");
    throw new InputError(
      "projectId is required when calling with a session (or send the project's read key as a bearer token).",
      "projectId",
    );
  }
  return team.project(projectId);
}

/**
 * apiProjectScope for a JSON query body: its `projectId` (when it is a string) names the project. Read
 * before the body is validated, so a caller without access learns nothing about the body's rules.
 */
export function apiBodyProjectScope(request: Request, body: unknown): Promise<ProjectScope> {
  const projectId = (body as { projectId?: unknown } | null)?.projectId;
  return apiProjectScope(request, typeof projectId === "string" ? projectId : null);
}

/**
 * A saved funnel named in a request, with its project's scope: by the bearer read key (its own
 * project's funnels only; another project's funnel is 404), else by the member's session.
 */
export async function apiFunnel(request: Request, funnelId: string): Promise<{ scope: ProjectScope; funnel: FunnelRow }> {
  if (request.headers.get("authorization")) {
    const scope = await apiProjectScope(request);
    return { scope, funnel: await getFunnel(scope, funnelId) };
  }
  return findTeamFunnel(await apiTeamScope(), funnelId);
}
