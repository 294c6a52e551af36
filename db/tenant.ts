import { and, eq, asc, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { projects, memberships, teams } from "./schema";
import { atLeast, type Role } from "../lib/roles";
import { forbidden, notFound, unauthenticated } from "../lib/errors";
import { hashToken } from "../lib/keys";
import { MAX_PLAUSIBLE_DOMAINS } from "../lib/ingest/plausible";

/**
 * The tenant guard. Tenant data is reached only through a TeamScope or a ProjectScope, and those
 * are made only here: from a signed-in user's membership, from a project's read key, or (see
 * db/share) from a share link. Queries take a scope, never a bare team or project id from a request.
 */

export type Actor = { kind: "member"; userId: string } | { kind: "readKey" } | { kind: "share"; linkId: string };

const CONSTRUCT = Symbol("tenant-guard");

export type ProjectRow = typeof projects.$inferSelect;

export class TeamScope {
  constructor(
    token: typeof CONSTRUCT,
    readonly db: Db,
    readonly userId: string,
    readonly teamId: string,
    readonly teamName: string,
    readonly role: Role,
  ) {
    if (token !== CONSTRUCT) throw new Error("TeamScope is made by the tenant guard only");
  }

  can(role: Role): boolean {
    return atLeast(this.role, role);
  }

  /** Throws 403 unless the member's role is at least `role`. */
  require(role: Role): this {
    if (!this.can(role)) throw forbidden();
    return this;
  }

  /** The team's projects, oldest first. */
  projects(): Promise<ProjectRow[]> {
    return this.db.select().from(projects).where(eq(projects.teamId, this.teamId)).orderBy(asc(projects.createdAt));
  }

  /** A project of this team, or 404 (also for another team's project: its existence is not revealed). */
  async project(projectId: string): Promise<ProjectScope> {
    if (!isUuid(projectId)) throw notFound("Project not found");
    const [row] = await this.db
      .select()
      .from(projects)
      .where(and(eq(projects.id, projectId), eq(projects.teamId, this.teamId)));
    if (!row) throw notFound("Project not found");
    return new ProjectScope(CONSTRUCT, this.db, row, this.role, { kind: "member", userId: this.userId });
  }
}

export class ProjectScope {
  constructor(
    token: typeof CONSTRUCT,
    readonly db: Db,
    readonly project: ProjectRow,
    readonly role: Role,
    readonly actor: Actor,
  ) {
    if (token !== CONSTRUCT) throw new Error("ProjectScope is made by the tenant guard only");
  }

  get projectId(): string {
    return this.project.id;
  }

  get teamId(): string {
    return this.project.teamId;
  }

  can(role: Role): boolean {
    return this.actor.kind === "member" && atLeast(this.role, role);
  }

  /** Throws 403 unless a member with at least `role` acts (keys and share links only read). */
  require(role: Role): this {
    if (!this.can(role)) throw forbidden();
    return this;
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/**
 * The team a signed-in user acts in: `preferredTeamId` when they are a member of it, else their
 * first team. Null when the user belongs to no team.
 */
export async function teamScopeForUser(db: Db, userId: string, preferredTeamId?: string | null): Promise<TeamScope | null> {
  const rows = await db
    .select({ teamId: memberships.teamId, role: memberships.role, name: teams.name })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
  const chosen = rows.find((r) => r.teamId === preferredTeamId) ?? rows[0];
  return chosen ? new TeamScope(CONSTRUCT, db, userId, chosen.teamId, chosen.name, chosen.role) : null;
}

/** A read-only scope for the project whose read key this is; 401 for an unknown key. */
export async function projectScopeForReadKey(db: Db, readKey: string): Promise<ProjectScope> {
  const [row] = await db
    .select()
    .from(projects)
    .where(eq(projects.readKeyHash, hashToken(readKey)));
  if (!row) throw unauthenticated("Unknown read key.");
  return new ProjectScope(CONSTRUCT, db, row, "viewer", { kind: "readKey" });
}

/** The project a write key sends to (ingestion only), or null for an unknown key. */
export async function projectForWriteKey(db: Db, writeKey: string): Promise<ProjectRow | null> {
  const [row] = await db
    .select()
    .from(projects)
    .where(eq(projects.writeKeyHash, hashToken(writeKey)));
  return row ?? null;
}

/**
 * The project that claimed one of these site domains for Plausible's Events API (ingestion only),
 * or null. A body may name several sites; the first that a project claimed is taken.
 */
export async function projectForPlausibleDomains(db: Db, domains: string[]): Promise<ProjectRow | null> {
  if (domains.length === 0) return null;
  const rows = await db
    .select()
    .from(projects)
    // The parser refuses more (lib/ingest/plausible.ts); the cap here keeps the query bounded for any caller.
    .where(inArray(projects.plausibleDomain, domains.slice(0, MAX_PLAUSIBLE_DOMAINS)));
  for (const d of domains) {
    const row = rows.find((r) => r.plausibleDomain === d);
    if (row) return row;
  }
  return null;
}

/** The project that claimed this Umami website id (ingestion only), or null. */
export async function projectForUmamiWebsite(db: Db, websiteId: string): Promise<ProjectRow | null> {
  if (!isUuid(websiteId)) return null;
  const [row] = await db.select().from(projects).where(eq(projects.umamiWebsiteId, websiteId.toLowerCase()));
  return row ?? null;
}

/**
 * A scope for trusted server-side code that acts for the operator (the CLI, the demo seed at
 * first start): never reachable from a request.
 */
export async function operatorProjectScope(db: Db, projectId: string): Promise<ProjectScope> {
  const [row] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!row) throw notFound("Project not found");
  return new ProjectScope(CONSTRUCT, db, row, "owner", { kind: "member", userId: "operator" });
}

/** Used by db/share to open the one report a share link names. */
export function shareProjectScope(db: Db, row: ProjectRow, linkId: string): ProjectScope {
  return new ProjectScope(CONSTRUCT, db, row, "viewer", { kind: "share", linkId });
}

/** Used by the CLI: a team scope for a team given by id or slug, acting as its owner. */
export async function operatorTeamScope(db: Db, teamId: string): Promise<TeamScope> {
  const [team] = await db.select().from(teams).where(eq(teams.id, teamId));
  if (!team) throw notFound("Team not found");
  return new TeamScope(CONSTRUCT, db, "operator", team.id, team.name, "owner");
}
