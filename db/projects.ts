import { and, eq, gte, count, desc } from "drizzle-orm";
import { z } from "zod";
import type { TeamScope, ProjectScope } from "./tenant";
import { projects, funnels, goals, events } from "./schema";
import { newReadKey, newWriteKey, hashToken, encryptSecret, decryptSecret, keyPrefix } from "../lib/keys";
import { authSecret } from "../lib/config";
import { SECTORS } from "../lib/sectors";
import type { FunnelStep, StepMatch, GoalKind } from "../lib/funnel/types";
import { funnelDefinitionSchema } from "../lib/funnel/validate";
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
    funnels: z.array(funnelDefinitionSchema.strict()).max(10).optional(),
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
