import { and, eq, gte, count, desc, sql, isNotNull } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { TeamScope, ProjectScope, ProjectRow } from "./tenant";
import * as schema from "./schema";
import { projects, funnels, goals, events, funnelFactRows, funnelFactSets, shareLinks, ingestStats } from "./schema";
import { limitedStatements } from "./limits";
import { deleteProjectEvents } from "./events/delete";
import { forgetWriteKeys } from "./write-key-cache";
import { isLocalMidnight, localDay, zonedMidnight } from "../lib/funnel/ranges";
import { parseOriginPattern, MAX_ALLOWED_ORIGINS } from "../lib/ingest/origin";
import { newReadKey, newWriteKey, hashToken, encryptSecret, decryptSecret, keyPrefix } from "../lib/keys";
import { authSecret } from "../lib/config";
import { SECTORS } from "../lib/sectors";
import type { FunnelStep, StepMatch, GoalKind } from "../lib/funnel/types";
import { funnelDefinitionFullSchema } from "../lib/funnel/validate";
import { newGoalSchema, goalColumns } from "../lib/goals/validate";
import { funnelColumns } from "./funnels";
import { InputError } from "../lib/errors";
import { isStorableText } from "../lib/text/safe";

export const projectInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "Enter a project name.")
    .max(100, "Keep the name under 100 characters.")
    .refine((s) => isStorableText(s), "The name holds characters that cannot be stored."),
  siteUrl: z
    .string()
    .refine((s) => isStorableText(s), "The address holds characters that cannot be stored.")
    .trim()
    .max(300)
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine(
      (v) => v === undefined || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v) || /^https?:\/\/localhost(:\d+)?(\/.*)?$/i.test(v),
      "Enter the site's address, like https://www.example.nl.",
    ),
  sector: z.enum(SECTORS, "Pick one of the sectors."),
  timeZone: z
    .string()
    .max(100)
    .default("Europe/Amsterdam")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "Unknown time zone."),
});
export type ProjectInput = z.input<typeof projectInputSchema>;

export type NewFunnel = { name: string; description?: string; steps: FunnelStep[]; windowSeconds: number };
export type NewGoal = { key: string; name: string; kind: GoalKind; match: StepMatch; revenue?: boolean };

/** The funnels and goals a project starts with, parsed whole: a goal or funnel with a key it does not have (a `projectId`, say) is refused. */
const setupSchema = z
  .object({
    funnels: z.array(funnelDefinitionFullSchema).max(10).optional(),
    goals: z
      .array(newGoalSchema)
      .max(50)
      .refine((gs) => new Set(gs.map((g) => g.key)).size === gs.length, "Two goals have the same key.")
      .optional(),
  })
  .strict();

function parseSetup(setup: unknown) {
  const r = setupSchema.safeParse(setup);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const [list, index, ...rest] = issue.path;
  const field =
    list === "goals" ? (rest[0] === "match" ? String(rest[1] ?? "event") : String(rest[0] ?? "goals")) : String(list ?? "setup");
  const where = typeof index === "number" ? `${list === "goals" ? "Goal" : "Funnel"} ${index + 1}: ` : "";
  throw new InputError(`${where}${issue.message}`, list === "goals" ? "goals" : list === "funnels" ? "steps" : field, 400);
}

/**
 * Creates a project with fresh keys and its funnels and goals in one transaction (no half projects).
 * Admins only. Every row is built from named fields of the parsed setup, so nothing a client put in
 * a goal or funnel (a `projectId`, an `id`) can choose where or what is written.
 */
export async function createProject(scope: TeamScope, input: ProjectInput, setup: { funnels?: NewFunnel[]; goals?: NewGoal[] } = {}) {
  scope.require("admin");
  const data = projectInputSchema.parse(input);
  const { funnels: newFunnels = [], goals: newGoals = [] } = parseSetup(setup);
  const writeKey = newWriteKey();
  const readKey = newReadKey();
  const project = await scope.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projects)
      .values({
        teamId: scope.teamId,
        name: data.name,
        siteUrl: data.siteUrl ?? null,
        sector: data.sector,
        timeZone: data.timeZone,
        writeKeyHash: hashToken(writeKey),
        writeKeyEnc: encryptSecret(writeKey, authSecret()),
        readKeyHash: hashToken(readKey),
        readKeyPrefix: keyPrefix(readKey),
      })
      .returning();
    if (newFunnels.length) {
      await tx.insert(funnels).values(newFunnels.map((f) => ({ projectId: row.id, ...funnelColumns(f) })));
    }
    if (newGoals.length) {
      await tx.insert(goals).values(newGoals.map((g, i) => ({ projectId: row.id, position: i, key: g.key, ...goalColumns(g) })));
    }
    return row;
  });
  return { project, writeKey, readKey };
}

/** The write key in clear (for the snippet); null if AUTH_SECRET changed since it was made. */
export function revealWriteKey(scope: ProjectScope): string | null {
  return decryptSecret(scope.project.writeKeyEnc, authSecret());
}

/** Replaces the write key; the old one stops working at once. Admins only. */
export async function rotateWriteKey(scope: ProjectScope): Promise<string> {
  scope.require("admin");
  const writeKey = newWriteKey();
  await scope.db
    .update(projects)
    .set({ writeKeyHash: hashToken(writeKey), writeKeyEnc: encryptSecret(writeKey, authSecret()) })
    .where(eq(projects.id, scope.projectId));
  forgetWriteKeys();
  return writeKey;
}

/** Replaces the read key and returns it (shown once). Admins only. */
export async function rotateReadKey(scope: ProjectScope): Promise<string> {
  scope.require("admin");
  const readKey = newReadKey();
  await scope.db
    .update(projects)
    .set({ readKeyHash: hashToken(readKey), readKeyPrefix: keyPrefix(readKey) })
    .where(eq(projects.id, scope.projectId));
  return readKey;
}

/** Event counts of the last 30 days per project of the team, for the project list. */
export async function recentEventCounts(scope: TeamScope): Promise<Map<string, number>> {
  const since = new Date(Date.now() - 30 * 86400_000);
  const rows = await scope.db
    .select({ projectId: events.projectId, n: count() })
    .from(events)
    .innerJoin(projects, and(eq(projects.id, events.projectId), eq(projects.teamId, scope.teamId)))
    .where(gte(events.time, since))
    .groupBy(events.projectId);
  return new Map(rows.map((r) => [r.projectId, Number(r.n)]));
}

/** The newest event the project received, for "verify installation". */
export async function lastEventReceived(scope: ProjectScope) {
  const [row] = await scope.db
    .select({ name: events.name, path: events.path, receivedAt: events.receivedAt, time: events.time })
    .from(events)
    .where(eq(events.projectId, scope.projectId))
    .orderBy(desc(events.id))
    .limit(1);
  return row ?? null;
}

/** What the settings page changes of a project: its name, site and time zone (the sector stays). */
export const projectDetailsSchema = projectInputSchema.pick({ name: true, siteUrl: true, timeZone: true });
export type ProjectDetails = z.input<typeof projectDetailsSchema>;

/**
 * Renames a project and changes its site and time zone. Admins only. A new time zone moves what
 * depends on local days with it, in the same transaction: funnel facts (whose days are local) are
 * dropped, so the next read builds them in the new zone and answers from the engine meanwhile; a
 * share link's fixed range that covered whole local days covers the same dates in the new zone.
 * Rolling ranges ("last 30 days") are resolved per request, so they follow by themselves.
 */
export async function updateProject(scope: ProjectScope, input: ProjectDetails): Promise<ProjectRow> {
  scope.require("admin");
  const data = projectDetailsSchema.parse(input);
  const before = scope.project.timeZone;
  const updated = await scope.db.transaction(async (tx) => {
    const [row] = await tx
      .update(projects)
      .set({ name: data.name, siteUrl: data.siteUrl ?? null, timeZone: data.timeZone })
      .where(and(eq(projects.id, scope.projectId), eq(projects.teamId, scope.teamId)))
      .returning();
    if (data.timeZone !== before) {
      await tx.delete(funnelFactRows).where(eq(funnelFactRows.projectId, scope.projectId));
      await tx.delete(funnelFactSets).where(eq(funnelFactSets.projectId, scope.projectId));
      const fixed = await tx
        .select({ id: shareLinks.id, from: shareLinks.fixedFrom, to: shareLinks.fixedTo })
        .from(shareLinks)
        .where(and(eq(shareLinks.projectId, scope.projectId), isNotNull(shareLinks.fixedFrom)));
      for (const link of fixed) {
        await tx
          .update(shareLinks)
          .set({ fixedFrom: sameLocalDay(link.from, before, data.timeZone), fixedTo: sameLocalDay(link.to, before, data.timeZone) })
          .where(and(eq(shareLinks.projectId, scope.projectId), eq(shareLinks.id, link.id)));
      }
    }
    return row;
  });
  forgetWriteKeys();
  return updated;
}

/** Local midnight of the same date in another zone; an instant that was not a local midnight stays as it is. */
function sameLocalDay(instant: Date | null, from: string, to: string): Date | null {
  if (!instant || !isLocalMidnight(instant, from)) return instant;
  const { y, m, d } = localDay(instant, from);
  return zonedMidnight(y, m, d, to);
}

/**
 * Every table that holds a project's rows (a `project_id` column), from the schema, so a table added
 * later is deleted with its project without anyone remembering to. Referencing tables come before
 * the tables they reference, so a foreign key between two of them never blocks the delete.
 */
export function projectTables(): PgTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => t instanceof PgTable && t !== projects);
  const tenant = tables.filter((t) => getTableConfig(t).columns.some((c) => c.name === "project_id"));
  const ordered: PgTable[] = [];
  const visit = (t: PgTable, path: Set<PgTable>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    // Tables that reference `t` go first.
    for (const other of tenant) if (getTableConfig(other).foreignKeys.some((fk) => fk.reference().foreignTable === t)) visit(other, path);
    path.delete(t);
    ordered.push(t);
  };
  for (const t of tenant) visit(t, new Set());
  return ordered;
}

/**
 * Deletes a project and everything of it: every row of every tenant table, then the project, in one
 * transaction (all or nothing), each statement under the project-delete time limit. Admins and
 * owners only, and only when `confirmName` is the project's name as the settings page shows it.
 */
export async function deleteProject(scope: ProjectScope, confirmName: string): Promise<void> {
  scope.require("admin");
  if (confirmName.trim() !== scope.project.name.trim()) throw new InputError("Type the project's name to confirm.", "confirmName");
  await limitedStatements(scope.db, "projectDeleteMs", async (db) => {
    // Events first, under the lock that stops batches in flight (they have no foreign key to cascade).
    await deleteProjectEvents(db, [scope.projectId]);
    for (const table of projectTables()) {
      const projectId = (table as unknown as Record<string, unknown>).projectId;
      await db.delete(table).where(eq(projectId as typeof events.projectId, scope.projectId));
    }
    await db.delete(projects).where(and(eq(projects.id, scope.projectId), eq(projects.teamId, scope.teamId)));
  });
  forgetWriteKeys();
}

/** The allowed-origins settings as typed: one entry per line of the settings form. */
export const originSettingsSchema = z.strictObject({
  origins: z.array(z.string().max(300)).max(MAX_ALLOWED_ORIGINS),
  acceptWithoutOrigin: z.boolean(),
});

/**
 * Sets which sites may send events with the project's write key (lib/ingest/origin.ts). Entries are
 * stored in their normal form, duplicates once; a wrong one is refused with its index. Admins only.
 */
export async function setAllowedOrigins(scope: ProjectScope, input: z.input<typeof originSettingsSchema>): Promise<string[]> {
  scope.require("admin");
  const data = originSettingsSchema.parse(input);
  const origins: string[] = [];
  for (const [index, text] of data.origins.entries()) {
    if (!text.trim()) continue;
    const parsed = parseOriginPattern(text);
    if (!parsed.ok) throw new InputError(`Entry ${index + 1} is not an origin like https://www.example.nl.`, `origins.${index}`);
    if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  }
  await scope.db
    .update(projects)
    .set({ allowedOrigins: origins, acceptWithoutOrigin: data.acceptWithoutOrigin })
    .where(and(eq(projects.id, scope.projectId), eq(projects.teamId, scope.teamId)));
  forgetWriteKeys();
  return origins;
}

/** Events refused for their origin in the last `days` days (UTC days, as ingestion counts them), and the last day with any. */
export async function originRefusals(scope: ProjectScope, days = 30): Promise<{ refused: number; lastDay: string | null }> {
  const since = new Date(Date.now() - (days - 1) * 86400_000).toISOString().slice(0, 10);
  const [row] = await scope.db
    .select({
      refused: sql<string>`coalesce(sum(${ingestStats.originsRefused}), 0)`,
      lastDay: sql<string | null>`max(${ingestStats.day}) filter (where ${ingestStats.originsRefused} > 0)`,
    })
    .from(ingestStats)
    .where(and(eq(ingestStats.projectId, scope.projectId), gte(ingestStats.day, since)));
  return { refused: Number(row?.refused ?? 0), lastDay: row?.lastDay ? String(row.lastDay).slice(0, 10) : null };
}
