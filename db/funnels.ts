import { and, eq, asc, sql, desc, gte } from "drizzle-orm";
import type { ProjectScope, TeamScope } from "./tenant";
import { funnels, projects, events } from "./schema";
import { notFound, InputError } from "../lib/errors";
import { queryRows } from "./client";
import { funnelDefinitionFullSchema, funnelProblem, type FunnelDefinition } from "../lib/funnel/validate";
import type { FunnelStepDefinition, FunnelStepMatch } from "../lib/funnel/types";
import { isUuid } from "./tenant";

export type FunnelRow = typeof funnels.$inferSelect;

/** The project's saved funnels, oldest first. */
export function listFunnels(scope: ProjectScope): Promise<FunnelRow[]> {
  return scope.db.select().from(funnels).where(eq(funnels.projectId, scope.projectId)).orderBy(asc(funnels.createdAt));
}

/** A saved funnel of this project, or 404. */
export async function getFunnel(scope: ProjectScope, funnelId: string): Promise<FunnelRow> {
  if (!isUuid(funnelId)) throw notFound("Funnel not found");
  const [row] = await scope.db
    .select()
    .from(funnels)
    .where(and(eq(funnels.projectId, scope.projectId), eq(funnels.id, funnelId)));
  if (!row) throw notFound("Funnel not found");
  return row;
}

/** A funnel of any project of the team (for routes that name only the funnel), with its project's scope. */
export async function findTeamFunnel(team: TeamScope, funnelId: string): Promise<{ scope: ProjectScope; funnel: FunnelRow }> {
  if (!isUuid(funnelId)) throw notFound("Funnel not found");
  const [row] = await team.db
    .select({ projectId: funnels.projectId })
    .from(funnels)
    .innerJoin(projects, eq(projects.id, funnels.projectId))
    .where(and(eq(funnels.id, funnelId), eq(projects.teamId, team.teamId)));
  if (!row) throw notFound("Funnel not found");
  const scope = await team.project(row.projectId);
  return { scope, funnel: await getFunnel(scope, funnelId) };
}

function parseDefinition(input: unknown) {
  const problem = funnelProblem(input);
  if (problem) throw new InputError(problem, "funnel", 400);
  return funnelColumns(funnelDefinitionFullSchema.parse(input));
}

/** A matcher as stored (a step's or an exclusion's): its named fields only, whatever else a client sent. */
export function matcherColumn(m: FunnelStepMatch): FunnelStepMatch {
  return {
    event: typeof m.event === "string" ? m.event : [...m.event],
    ...(m.path ? { path: m.path } : {}),
    ...(m.where && Object.keys(m.where).length ? { where: { ...m.where } } : {}),
    ...(m.conditions?.length
      ? {
          conditions: m.conditions.map((c) => ({
            property: c.property,
            operator: c.operator,
            ...(c.value === undefined ? {} : { value: Array.isArray(c.value) ? [...c.value] : c.value }),
          })),
        }
      : {}),
  };
}

/** A step as stored: its named fields only, whatever else a client sent. */
export function stepColumn(s: FunnelStepDefinition): FunnelStepDefinition {
  return {
    ...matcherColumn(s),
    ...(s.label ? { label: s.label } : {}),
    ...(s.optional ? { optional: true } : {}),
    ...(s.within !== undefined && s.within !== null ? { within: s.within } : {}),
  };
}

/** A funnel's columns from their named fields (the definition came from a client or a draft). */
export function funnelColumns(def: FunnelDefinition) {
  return {
    name: def.name,
    description: def.description ?? null,
    steps: def.steps.map(stepColumn),
    windowSeconds: def.windowSeconds,
    rules: rulesColumn(def),
  };
}

type RulesColumn = FunnelRow["rules"];

/** The rules of a definition as stored: only those it uses, from their named fields ({} for a plain funnel). */
export function rulesColumn(def: RulesColumn): RulesColumn {
  return {
    ...(def.order && def.order !== "ordered" ? { order: def.order } : {}),
    ...(def.exclusions?.length
      ? { exclusions: def.exclusions.map((x) => ({ ...matcherColumn(x), between: [x.between[0], x.between[1]] })) }
      : {}),
    ...(def.hold?.length ? { hold: [...def.hold] } : {}),
    ...(def.timeToConvert ? { timeToConvert: { from: def.timeToConvert.from, to: def.timeToConvert.to } } : {}),
  } as RulesColumn;
}

/** A saved funnel's definition as the engine and funnelResults take it. */
export function funnelDefinitionOf(f: Pick<FunnelRow, "steps" | "windowSeconds" | "rules">) {
  const rules = f.rules ?? {};
  return {
    steps: f.steps,
    windowSeconds: f.windowSeconds,
    ...(rules.order ? { order: rules.order } : {}),
    ...(rules.exclusions?.length ? { exclusions: rules.exclusions } : {}),
    ...(rules.hold?.length ? { hold: rules.hold } : {}),
    ...(rules.timeToConvert ? { timeToConvert: rules.timeToConvert } : {}),
  };
}

/** Saves a new funnel. Admins only. */
export async function createFunnel(scope: ProjectScope, input: unknown): Promise<FunnelRow> {
  scope.require("admin");
  const columns = parseDefinition(input);
  const [row] = await scope.db
    .insert(funnels)
    .values({ projectId: scope.projectId, ...columns })
    .returning();
  return row;
}

/** Replaces a funnel's definition. Admins only. */
export async function updateFunnel(scope: ProjectScope, funnelId: string, input: unknown): Promise<FunnelRow> {
  scope.require("admin");
  await getFunnel(scope, funnelId);
  const columns = parseDefinition(input);
  const [row] = await scope.db
    .update(funnels)
    .set({ ...columns, updatedAt: new Date() })
    .where(and(eq(funnels.projectId, scope.projectId), eq(funnels.id, funnelId)))
    .returning();
  return row;
}

export async function deleteFunnel(scope: ProjectScope, funnelId: string): Promise<void> {
  scope.require("admin");
  await getFunnel(scope, funnelId);
  await scope.db.delete(funnels).where(and(eq(funnels.projectId, scope.projectId), eq(funnels.id, funnelId)));
}

/** Event names and page paths the project received in the last 30 days, most frequent first (for the editor). */
export async function eventSuggestions(scope: ProjectScope) {
  const since = new Date(Date.now() - 30 * 86400_000);
  const names = await scope.db
    .select({ name: events.name, count: sql<number>`count(*)::int` })
    .from(events)
    .where(and(eq(events.projectId, scope.projectId), gte(events.time, since)))
    .groupBy(events.name)
    .orderBy(desc(sql`count(*)`))
    .limit(50);
  const paths = await queryRows<{ path: string; count: number }>(
    scope.db,
    sql`select path, count(*)::int as count from events where project_id = ${scope.projectId}::uuid and name = 'pageview' and time >= ${since.toISOString()}::timestamptz and path is not null
        group by path order by count(*) desc limit 50`,
  );
  return {
    events: names.map((n) => ({ name: n.name, count: Number(n.count) })),
    paths: paths.map((p) => ({ path: p.path, count: Number(p.count) })),
  };
}

/** Whether the project has received any event at all (drives the empty state). */
export async function hasEvents(scope: ProjectScope): Promise<boolean> {
  const rows = await queryRows(scope.db, sql`select 1 from events where project_id = ${scope.projectId}::uuid limit 1`);
  return rows.length > 0;
}
